declare module 'autocannon' {
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    /** Seconds without an answer before a request counts as a timeout (default 10). */
    timeout?: number;
    /** Per-request settings and hooks; `onResponse` sees every answer's status and body. */
    requests?: {
      method?: string;
      body?: string;
      onResponse?: (status: number, body: string, context: unknown, headers: unknown) => void;
    }[];
  }
  interface Histogram {
    p50: number;
    p90: number;
    p99: number;
    average: number;
    max: number;
  }
  interface Result {
    latency: Histogram;
    requests: Histogram & { total: number };
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
