/**
 * A loop's sleep that `wake()` cuts short. A wake that arrives while the loop is busy is remembered,
 * so the next `sleep` returns at once and nothing announced meanwhile is missed.
 */
export function createWakeSignal() {
  let wakeUp: (() => void) | null = null;
  let requested = false;
  return {
    sleep(ms: number): Promise<void> {
      if (requested) {
        requested = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          wakeUp = null;
          resolve();
        }, ms);
        wakeUp = () => {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        };
      });
    },
    wake() {
      if (wakeUp) wakeUp();
      else requested = true;
    },
    /** Whether a wake arrived since the last sleep (and forget it). */
    consume(): boolean {
      const was = requested;
      requested = false;
      return was;
    },
  };
}
