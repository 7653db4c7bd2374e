import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { emptyToUndefined, optionalText } from '../config-fields.js';
import { headerMap } from '../webhook-config.js';

/** The smtp node's config and output; the server part is shared with send_notification's email channel. */

/** An address list: `["a@x.org", "B <b@x.org>"]` or one comma-separated text. */
export const addressList = z.preprocess(
  (input) => (typeof input === 'string' ? input.split(',') : (input ?? [])),
  z
    .array(z.string())
    .transform((list) => list.map((address) => address.trim()).filter((address) => address !== ''))
    .pipe(
      z
        .array(
          z.string().refine((address) => /^[^\r\n]*@[^\r\n@]+$/.test(address), {
            error: 'Expected an email address such as ops@example.com or "Ops <ops@example.com>".',
          }),
        )
        .max(100),
    ),
);

function isPemCertificate(text: string): boolean {
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return false;
  try {
    new X509Certificate(text);
    return true;
  } catch {
    return false;
  }
}

export const SECURITY_MODES = ['auto', 'starttls', 'tls', 'none'] as const;

/** Where mail goes. Every field may be left out to use STRATOFLOW_SMTP_URL. */
export const smtpServerFields = {
  /** `smtp://host:587` (STARTTLS when offered) or `smtps://host:465` (TLS); credentials in it are allowed but better kept in the vault. */
  server_url: optionalText,
  username: optionalText,
  /** From the vault. */
  password: optionalText,
  /** auto: TLS for smtps://, STARTTLS when the server offers it; starttls: required; tls: implicit TLS; none: plain text. */
  security: z.preprocess(emptyToUndefined, z.enum(SECURITY_MODES).default('auto')),
  timeout_seconds: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(300).default(30)),
  /**
   * A PEM certificate to trust besides the public CAs: a self-signed server's own certificate, or the
   * private CA that issued it. Verification stays on (chain and host name); there is no way to turn it off.
   */
  tls_ca: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(isPemCertificate, {
        error: 'Expected a PEM certificate (-----BEGIN CERTIFICATE----- ...).',
      })
      .optional(),
  ),
};
export const SMTP_CREDENTIAL_FIELDS = ['password'] as const;

const MAX_ATTACHMENT_CHARS = 10 * 1024 * 1024;

/**
 * An attachment, by `kind` (default `content`): inline text or base64 content. Other kinds (a run file)
 * join this union; `toMailAttachment` turns each into what nodemailer sends.
 */
const contentAttachment = z.object({
  kind: z.literal('content'),
  filename: z.string().trim().min(1).max(255),
  content: z.string().max(MAX_ATTACHMENT_CHARS),
  /** `text` (default): the content as is, UTF-8; `base64`: decoded first (binary files). */
  encoding: z.preprocess(emptyToUndefined, z.enum(['text', 'base64']).default('text')),
  content_type: optionalText,
});
/** A file an earlier node of the organization's runs stored (a `markdown_to_pdf` output's `file_id`). */
const runFileAttachment = z.object({
  kind: z.literal('run_file'),
  file_id: z.string().trim().min(1).max(100),
  /** Defaults to the stored file's name. */
  filename: optionalText,
});
export const attachment = z.preprocess(
  (input) =>
    input !== null && typeof input === 'object' && !('kind' in input) ? { kind: 'content', ...input } : input,
  z.discriminatedUnion('kind', [contentAttachment, runFileAttachment]),
);
export type Attachment = z.output<typeof attachment>;

export const smtpConfig = z
  .object({
    ...smtpServerFields,
    /** Default: STRATOFLOW_SMTP_FROM. */
    from: optionalText,
    to: addressList.default([]),
    cc: addressList.default([]),
    bcc: addressList.default([]),
    reply_to: optionalText,
    subject: z.string().max(998).default(''),
    text: optionalText,
    html: optionalText,
    headers: headerMap,
    attachments: z.array(attachment).max(20).default([]),
  })
  .refine((config) => config.to.length + config.cc.length + config.bcc.length > 0, {
    error: 'Give at least one recipient in to, cc or bcc.',
    path: ['to'],
  })
  .refine((config) => config.text !== undefined || config.html !== undefined, {
    error: 'Give a text or an html body (or both).',
    path: ['text'],
  });
export type SmtpConfig = z.output<typeof smtpConfig>;

export const smtpOutput = z.object({
  message_id: z.string(),
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
  /** The server's last answer, e.g. `250 2.0.0 Ok: queued as 4B1D`. */
  response: z.string(),
});
export type SmtpOutput = z.output<typeof smtpOutput>;
