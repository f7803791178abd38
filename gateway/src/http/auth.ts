import type { RequestHandler } from 'express';
import type { ApiKeyStore } from '../store/api-keys';
import { Problem, sendProblem } from './problem';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,128})$/;

/**
 * Every caller is a user of the org: its API key (Authorization: Bearer <key>) names the user, and so the
 * Fabric identity the gateway acts with. Nothing else in the request can choose it.
 */
export function authenticate(keys: ApiKeyStore): RequestHandler {
  return (req, res, next) => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    const user = match ? keys.userOf(match[1]) : undefined;
    if (!user) {
      const detail = match ? 'the API key is not valid here, or was revoked' : 'send the API key an admin of this org issued you: Authorization: Bearer <key>';
      sendProblem(res.setHeader('WWW-Authenticate', 'Bearer realm="crossborder-trace"'), new Problem(401, 'UNAUTHENTICATED', 'An API key is required', detail));
      return;
    }
    res.locals.user = user;
    next();
  };
}

/** The authenticated user of the request (authenticate ran before). */
export function userOf(locals: Record<string, unknown>): string {
  const user = locals.user;
  if (typeof user !== 'string') throw new Error('route mounted without authentication');
  return user;
}
