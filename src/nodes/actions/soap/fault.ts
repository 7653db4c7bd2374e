import { StratoflowError } from '../../../domain/errors.js';

export interface SoapFault {
  code: string;
  string: string;
  detail: unknown;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const inner =
      (value as { $value?: unknown; Value?: unknown; Text?: unknown }).$value ??
      (value as { Value?: unknown }).Value ??
      (value as { Text?: unknown }).Text;
    if (inner !== undefined) return textOf(inner);
  }
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** The fault in an error the soap client threw (SOAP 1.1 faultcode/faultstring, 1.2 Code/Reason), if any. */
export function faultOf(error: unknown): SoapFault | null {
  const root = (error as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } } | null)
    ?.root;
  const fault = root?.Envelope?.Body?.Fault;
  if (!fault) return null;
  if ('faultcode' in fault || 'faultstring' in fault) {
    return { code: textOf(fault.faultcode), string: textOf(fault.faultstring), detail: fault.detail ?? null };
  }
  return { code: textOf(fault.Code), string: textOf(fault.Reason), detail: fault.Detail ?? null };
}

/** A fault as the node's failure: code and string in the message, the whole fault in the error output. */
export function faultError(host: string, fault: SoapFault): StratoflowError {
  return new StratoflowError(
    'soap_fault',
    `SOAP fault from ${host}: ${fault.code}: ${fault.string}`,
  ).withDetails({
    fault,
  });
}
