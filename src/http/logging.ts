import type { FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';
import { REDACT } from './server.js';

/**
 * Logger options for fastify's pino: every line carries the request id (`reqId`), and secrets never
 * reach the output. Three layers: redact paths (headers, cookies, secret-named fields), a request
 * serializer that strips secret query parameters (the sign-in link's `token=`, OAuth `code=`), and
 * a scrub of message strings and error texts for tokens that slipped into free text.
 */

const SECRET_QUERY =
  /([?&](?:token|code|state|client_secret|access_token|refresh_token|password|secret)=)[^&#\s"']*/gi;
const SLACK_TOKEN = /\b(xox[abeoprs]|xapp)-[A-Za-z0-9-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Replaces secrets in free text: secret query parameters, Slack tokens and Authorization values. */
export function scrubSecrets(text: string): string {
  return text
    .replace(SECRET_QUERY, '$1[redacted]')
    .replace(SLACK_TOKEN, '$1-[redacted]')
    .replace(BEARER, '$1 [redacted]');
}

/** Scrubs the strings of a log object (a few levels deep): a link logged as a field loses its token too. */
export function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth >= 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubObject(v, depth + 1)]));
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

export const serializers = {
  req: (request: LoggedRequest) => ({
    method: request.method,
    url: scrubSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
  err: (error: Error) => {
    const out = stdSerializers.err(error);
    if (typeof out.message === 'string') out.message = scrubSecrets(out.message);
    if (typeof out.stack === 'string') out.stack = scrubSecrets(out.stack);
    return out;
  },
};

/** The logger options `compose` uses; tests pass a stream to read the lines back. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers,
    formatters: { log: (object: Record<string, unknown>) => scrubObject(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((a: unknown) => (typeof a === 'string' ? scrubSecrets(a) : a));
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
    ...(stream ? { stream } : {}),
  };
}
