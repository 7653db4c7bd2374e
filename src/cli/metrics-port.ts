import type { Config } from '../config.js';

/** `--metrics-port` wins over STRATOFLOW_METRICS_PORT. */
export function withMetricsPort(config: Config, port: number | undefined): Config {
  if (port === undefined) return config;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--metrics-port must be a port number, got "${port}"`);
  return { ...config, observability: { ...config.observability, metricsPort: port } };
}
