/** Metrics and trace export settings (README's configuration table; docs/operations.md). */
export interface ObservabilitySettings {
  /** Bearer token of `GET /metrics` on the API port (null: not served there). */
  metricsToken: string | null;
  /** Port of a separate listener serving only `/metrics` (null: none; 0: any free port). */
  metricsPort: number | null;
  metricsHost: string;
  /** OTLP/HTTP traces URL (null: no export, the SDK is not even loaded). */
  otlpTracesUrl: string | null;
  serviceName: string;
}
