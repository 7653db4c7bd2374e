/** The Stratoflow version the API, OpenAPI document and exported spans report. */
export const VERSION = '0.1.0';
