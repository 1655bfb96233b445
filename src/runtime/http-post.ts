import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/**
 * A POST over node:http on keep-alive agents, so a burst reuses connections: the Slack bot's one
 * way to call out (Web API methods and `response_url` replies alike). Not `fetch` nor the SDK's
 * WebClient: in Node 20 fetch (undici, web streams, abort signals) costs several times as much CPU per
 * request, and the WebClient adds its queue, retry wrapper and logging on top.
 */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The response body as UTF-8 text. */
  body: string;
}

/** At most 64 connections per host: a burst queues here rather than opening hundreds of sockets to one host. */
const POOL = { keepAlive: true, maxSockets: 64 };
const agents = { http: new http.Agent(POOL), https: new https.Agent(POOL) };

/**
 * POSTs (or `method`s) `body` to `url` and resolves with the answer, whatever its status. Rejects on a
 * network error or when the socket stays silent for `timeoutMs`. No redirects are followed.
 */
export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  method: 'GET' | 'POST' | 'PUT' = 'POST',
): Promise<HttpAnswer> {
  const secure = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        method,
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error('connection closed before the answer was complete'));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
