import { z } from 'zod';
import { emptyToUndefined, httpUrl } from '../config-fields.js';

/** A JSON object, written as an object (string values templated) or as JSON text (rendered first). */
const jsonObject = z.preprocess(
  (input) => {
    if (input === undefined || input === null || input === '') return {};
    if (typeof input !== 'string') return input;
    try {
      return JSON.parse(input) as unknown;
    } catch {
      return input;
    }
  },
  z.record(z.string(), z.unknown(), { error: 'Expected a JSON object of the operation’s arguments.' }),
);

export const SOAP_CREDENTIAL_FIELDS = ['password'] as const;

export const soapRequestConfig = z.object({
  /** Where the WSDL is fetched (through the outbound guard, like every call). */
  wsdl_url: httpUrl,
  /**
   * The operation's name as the WSDL defines it (e.g. `GetQuote`). Not `operation`: that key of
   * `node.data` is node metadata in the hosted API.
   */
  soap_operation: z.string().trim().min(1).max(200),
  arguments: jsonObject.default({}),
  /** Overrides the service address the WSDL names. */
  endpoint: z.preprocess(emptyToUndefined, httpUrl.optional()),
  /** WS-Security UsernameToken: user name, and a password from the vault. */
  username: z.preprocess(emptyToUndefined, z.string().optional()),
  password: z.preprocess(emptyToUndefined, z.string().optional()),
  password_type: z.preprocess(emptyToUndefined, z.enum(['text', 'digest']).default('text')),
  timeout_seconds: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(30)),
});
export type SoapRequestConfig = z.output<typeof soapRequestConfig>;

export const soapRequestOutput = z.object({
  /** The operation's response, parsed from XML by the WSDL's types. */
  result: z.unknown(),
});
