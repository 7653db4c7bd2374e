import type { FastifyRequest } from 'fastify';
import { StratoflowError } from '../../domain/errors.js';
import type { Authenticator, Principal } from './verify.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Reads `Authorization: Bearer <token>`; 401 when absent or invalid. */
export function bearerAuth(authenticator: Authenticator) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw new StratoflowError('authentication_required');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1])
      throw new StratoflowError('token_invalid', 'The Authorization header must be `Bearer <token>`.');
    request.principal = await authenticator.verify(match[1]);
  };
}

/** The caller's principal on an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new StratoflowError('authentication_required');
  return request.principal;
}
