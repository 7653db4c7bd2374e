import { HttpTimeoutError } from './errors.js';

/** One request's time limit merged with the caller's abort signal. */
export interface Deadline {
  /** Aborts when the time is up (reason: HttpTimeoutError) or the caller aborts (reason: theirs). */
  readonly signal: AbortSignal;
  /** The time limit fired first. */
  readonly timedOut: boolean;
  /** The caller's signal fired first. */
  readonly callerAborted: boolean;
  dispose(): void;
}

export function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(new HttpTimeoutError(timeoutMs));
  }, timeoutMs);
  const onCallerAbort = () => {
    if (!controller.signal.aborted) controller.abort(callerSignal?.reason);
  };
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    get callerAborted() {
      return controller.signal.aborted && !timedOut;
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
