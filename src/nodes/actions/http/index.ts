export { type AllowedCidr, type CidrList, isAddressAllowed, parseCidrList } from './cidr.js';
export { createHttpClient, type HttpClient, type HttpClientOptions } from './client.js';
export { HttpBlockedError, HttpCertificateError, HttpRequestError, HttpTimeoutError } from './errors.js';
export { normalizeFingerprint } from './tls-trust.js';
