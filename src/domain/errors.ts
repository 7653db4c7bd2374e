/**
 * The error registry: every failure Stratoflow reports has a stable code defined here, an HTTP status
 * (for API errors), whether retrying can help, and a sentence that tells the user what to do.
 * `docs/errors.md` is generated from this table (`npm run docs:errors`); codes are never reused.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'run_error';

export interface ErrorDefinition {
  readonly status: number;
  readonly type: ErrorType;
  readonly retryable: boolean;
  /** Default message; names the fix. */
  readonly message: string;
}

function def(status: number, type: ErrorType, retryable: boolean, message: string): ErrorDefinition {
  return { status, type, retryable, message };
}

export const ERRORS = {
  // Request shape
  invalid_json: def(
    400,
    'invalid_request_error',
    false,
    'The request body is not valid JSON. Send a JSON object.',
  ),
  json_too_deep: def(
    400,
    'invalid_request_error',
    false,
    'The JSON body nests objects or arrays more than 64 levels deep. Send a flatter document.',
  ),
  request_too_large: def(
    413,
    'invalid_request_error',
    false,
    'The request body is larger than the configured limit (STRATOFLOW_BODY_LIMIT). Send a smaller body.',
  ),
  unsupported_media_type: def(
    415,
    'invalid_request_error',
    false,
    'The request body must be sent as application/json.',
  ),
  malformed_request: def(
    400,
    'invalid_request_error',
    false,
    'The request is not valid HTTP. Check the request line, headers and Content-Length.',
  ),
  request_headers_too_large: def(
    431,
    'invalid_request_error',
    false,
    'The request headers exceed 16 KiB. Send a shorter token or fewer headers.',
  ),
  request_timeout: def(
    408,
    'invalid_request_error',
    true,
    'The request did not arrive completely in time. Retry it.',
  ),
  parameter_missing: def(
    422,
    'invalid_request_error',
    false,
    'A required parameter is missing. Add it and retry.',
  ),
  parameter_invalid: def(
    422,
    'invalid_request_error',
    false,
    'A parameter has an invalid value. Correct the parameter named in `param`.',
  ),
  workflow_invalid: def(
    422,
    'invalid_request_error',
    false,
    'The workflow definition is invalid. POST it to /workflows/validate to see every problem.',
  ),
  // Authentication
  authentication_required: def(
    401,
    'authentication_error',
    false,
    'Send an `Authorization: Bearer <token>` header. `stratoflow token` prints one.',
  ),
  token_invalid: def(401, 'authentication_error', false, 'The bearer token is malformed or wrongly signed.'),
  token_expired: def(401, 'authentication_error', false, 'The bearer token has expired. Obtain a new one.'),
  permission_denied: def(403, 'permission_error', false, 'This token may not perform that action.'),
  // Resources
  route_not_found: def(404, 'not_found_error', false, 'No such endpoint. See /docs for the API reference.'),
  metrics_not_enabled: def(
    404,
    'not_found_error',
    false,
    'Metrics are not served on this port: set STRATOFLOW_METRICS_TOKEN (or use the STRATOFLOW_METRICS_PORT listener).',
  ),
  method_not_allowed: def(
    405,
    'invalid_request_error',
    false,
    'This endpoint does not take this HTTP method. The `Allow` header (and the message) lists the ones it takes.',
  ),
  resource_not_found: def(404, 'not_found_error', false, 'No such resource exists in your organization.'),
  workflow_in_use: def(
    409,
    'conflict_error',
    false,
    'Another workflow calls this workflow. Remove that call before deleting it.',
  ),
  idempotency_key_reused: def(
    409,
    'conflict_error',
    false,
    'This Idempotency-Key was already used for a different workflow. Use a new key.',
  ),
  run_not_finished: def(
    422,
    'invalid_request_error',
    false,
    'Only a completed or failed run can be re-run. Wait for it to finish.',
  ),
  node_test_failed: def(422, 'invalid_request_error', false, 'The tested node failed; the message says why.'),
  workflow_not_sync: def(
    422,
    'invalid_request_error',
    false,
    'This workflow is not a synchronous API workflow: its trigger must be sync_request_trigger.',
  ),
  sync_run_failed: def(
    422,
    'invalid_request_error',
    false,
    'The synchronous workflow run failed; its run id and logs say why.',
  ),
  workflow_inactive: def(404, 'not_found_error', false, 'No active workflow answers at this webhook URL.'),
  run_not_resumable: def(422, 'invalid_request_error', false, 'Only a failed run can be resumed.'),
  node_not_resumable: def(
    422,
    'invalid_request_error',
    false,
    'A run can only be resumed from a node that succeeded in it.',
  ),
  vault_name_taken: def(
    409,
    'conflict_error',
    false,
    'The organization already has a vault item with this name. Choose another name, or update that item.',
  ),
  authorization_link_invalid: def(
    404,
    'not_found_error',
    false,
    'This authorization link is unknown, already used or expired. Create a new one with POST /workflows/authorization.',
  ),
  authorization_org_mismatch: def(
    403,
    'permission_error',
    false,
    'This authorization link belongs to another organization. Sign in to that organization and confirm again.',
  ),
  interaction_closed: def(
    409,
    'conflict_error',
    false,
    'The run no longer waits for this form: it was answered, timed out, or the run ended. GET /workflows/runs/{runId}/interactions shows its status.',
  ),
  form_link_invalid: def(
    404,
    'not_found_error',
    false,
    'This form link is unknown. Ask whoever sent it for the current link.',
  ),
  event_type_unknown: def(
    422,
    'invalid_request_error',
    false,
    'Unknown platform event type. Send one of the types listed in the message (see README, Platform events).',
  ),
  rate_limited: def(429, 'rate_limit_error', true, 'Too many requests. Wait and retry.'),
  webhook_signature_invalid: def(
    401,
    'authentication_error',
    false,
    "The webhook delivery's signature is missing, wrong or outside the replay window; no run was started. Check the signing secret in the vault item the trigger names.",
  ),
  webhook_replayed: def(
    409,
    'conflict_error',
    false,
    'This webhook delivery id was already received; a replayed delivery starts no run.',
  ),
  quota_exceeded: def(
    422,
    'invalid_request_error',
    false,
    "The change would exceed one of the organization's quotas (workflows, active schedules, shortest schedule interval); the message names it.",
  ),
  runs_in_flight_exceeded: def(
    429,
    'rate_limit_error',
    true,
    'The organization already has its quota of runs pending or running (STRATOFLOW_QUOTA_RUNS_IN_FLIGHT). Retry when some have finished.',
  ),
  concurrency_limited: def(
    429,
    'rate_limit_error',
    true,
    'The organization already has the most node tests or synchronous calls running at once (STRATOFLOW_ORG_CONCURRENCY). Retry when one finishes.',
  ),
  too_many_run_streams: def(
    429,
    'rate_limit_error',
    true,
    'Too many live run streams are open for this organization. Close one (or poll GET /workflows/runs/{runId}) and retry.',
  ),
  sync_timeout: def(
    504,
    'timeout_error',
    true,
    'The synchronous workflow did not finish within its time limit.',
  ),
  service_unavailable: def(
    503,
    'api_error',
    true,
    'The server is shutting down or not ready. Retry shortly.',
  ),
  internal_error: def(500, 'api_error', true, 'An unexpected error occurred. It has been logged.'),
  // Run-time failures (reported in a run's `error_message` and a log's output)
  node_failed: def(500, 'run_error', false, 'A node failed. Read its log entry for the cause.'),
  node_timeout: def(500, 'run_error', true, 'A node ran longer than its limit (STRATOFLOW_NODE_TIMEOUT).'),
  run_timeout: def(
    500,
    'run_error',
    false,
    'The run exceeded its total time limit (STRATOFLOW_RUN_TIMEOUT).',
  ),
  node_config_invalid: def(500, 'run_error', false, 'A node configuration is invalid after templating.'),
  http_request_failed: def(500, 'run_error', true, 'An outbound HTTP request failed.'),
  http_destination_blocked: def(
    500,
    'run_error',
    false,
    'The destination address is private or internal. Allow it with STRATOFLOW_HTTP_ALLOWED_CIDRS.',
  ),
  connection_failed: def(
    500,
    'run_error',
    true,
    'A connection to an SSH, SMTP, SOAP or AI server failed (refused, timed out, TLS). The message names the host and the cause.',
  ),
  remote_auth_failed: def(
    500,
    'run_error',
    false,
    'The remote server refused the credentials. Check the user name and the vault item holding the password or key.',
  ),
  host_key_mismatch: def(
    500,
    'run_error',
    false,
    "The SSH server's host key does not match host_key_fingerprint. Check the server (ssh-keygen -l -f its key) before updating the pin.",
  ),
  remote_command_failed: def(
    500,
    'run_error',
    false,
    'A remote command exited with a non-zero status or timed out, and stop_on_error is on. The node log shows every command run.',
  ),
  soap_fault: def(
    500,
    'run_error',
    false,
    'The SOAP service answered with a fault; the message carries its fault code and string.',
  ),
  template_error: def(500, 'run_error', false, 'A Liquid template could not be parsed or rendered.'),
  run_terminated: def(500, 'run_error', false, 'A Terminate node ended the run as failed.'),
  vault_item_not_found: def(
    500,
    'run_error',
    false,
    'A node refers to a vault item that does not exist in the organization. Create it, or correct the name or id.',
  ),
  vault_item_expired: def(
    500,
    'run_error',
    false,
    'A vault item a node uses has expired. Update it with PUT /workflows/vault/{vaultId} and a new expires_at.',
  ),
  vault_decrypt_failed: def(
    500,
    'run_error',
    false,
    'A vault value could not be decrypted: start Stratoflow with the master key the vault was sealed with.',
  ),
  authorization_unavailable: def(
    500,
    'run_error',
    false,
    "The workflow's authorization was deleted or never confirmed. Set another authorization_id on the workflow.",
  ),
  platform_api_unconfigured: def(
    500,
    'run_error',
    false,
    'The platform API URL is not configured. Set STRATOFLOW_PLATFORM_API_URL on every process that runs workflows.',
  ),
  platform_api_failed: def(
    500,
    'run_error',
    false,
    'The platform API answered with an error status. Read the node log for its answer.',
  ),
  http_certificate_rejected: def(
    500,
    'run_error',
    false,
    "The server's TLS certificate is not trusted or does not match the pinned fingerprint. Check the fingerprint, or the certificate.",
  ),
  run_file_too_large: def(
    500,
    'run_error',
    false,
    'A node produced a file larger than the run file limit (STRATOFLOW_RUN_FILE_LIMIT). Make it smaller, or raise the limit.',
  ),
  short_link_expired: def(
    410,
    'not_found_error',
    false,
    'This short link has expired. Ask its sender for a new one.',
  ),
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** A failure with a registered code. Thrown by every layer; rendered by the API's one error handler. */
export class StratoflowError extends Error {
  readonly code: ErrorCode;
  readonly param: string | undefined;
  /** Seconds after which a retry may succeed (sent as `Retry-After` on 429/503). */
  retryAfterSeconds?: number;
  /**
   * Facts about a failed node besides the message (an HTTP error's status and body, a SOAP fault, the
   * commands already run); the node's error log output carries them next to `error` and `code`.
   */
  details: Record<string, unknown> | undefined;
  override readonly name = 'StratoflowError';

  constructor(code: ErrorCode, message?: string, param?: string) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.param = param;
  }

  /** This error with `details` attached (for the node's error output). */
  withDetails(details: Record<string, unknown>): this {
    this.details = details;
    return this;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get type(): ErrorType {
    return ERRORS[this.code].type;
  }

  get retryable(): boolean {
    return ERRORS[this.code].retryable;
  }
}

export function notFound(what: string): StratoflowError {
  return new StratoflowError('resource_not_found', `${what} not found.`);
}
