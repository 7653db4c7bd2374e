/**
 * An abort flag that makes an AbortSignal only when something asks for one. Every run has two (the
 * worker's, and the executor's that follows it) and almost no run is aborted or has a node that takes a
 * signal: two AbortControllers and an EventTarget listener per run were ~2–3% of the CPU of the
 * asynchronous webhook path.
 */
export class Cancellation {
  #aborted = false;
  #reason: unknown;
  #controller: AbortController | null = null;
  #followers: Cancellation[] | null = null;

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Aborts this cancellation, its signal if one was made, and every follower. */
  abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const followers = this.#followers;
    this.#followers = null;
    for (const follower of followers ?? []) follower.abort(reason);
  }

  /** A cancellation aborted with this one, with the same reason, and that may also be aborted alone. */
  follower(): Cancellation {
    const follower = new Cancellation();
    if (this.#aborted) follower.abort(this.#reason);
    else if (this.#followers) this.#followers.push(follower);
    else this.#followers = [follower];
    return follower;
  }

  /** An AbortSignal for APIs that take one, made on first use (already aborted if this is). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }
}
