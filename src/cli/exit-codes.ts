/**
 * How every client command ends (README "From the terminal"): 0 completed, 1 failed (a run failed, an API
 * error other than auth), 2 usage error (bad flags or input files), 3 unreachable server or auth error.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: printed as one line (no stack) and mapped to an exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;

  constructor(code: string, message: string, exitCode: ExitCode = EXIT.failed) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError('usage', message, EXIT.usage);
}
