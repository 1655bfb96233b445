import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 that forwards to `target` and holds the answers to the paths matching
 * `slow` for `delayMs` after the target has answered. With it, a crash can land after Slack has
 * posted a message but before the server heard so: the worst moment for exactly-once.
 */
export async function startSlowProxy(target: string, slow: RegExp, initialDelayMs: number) {
  let delayMs = initialDelayMs;
  let inFlight = 0;
  const server: Server = createServer(async (req, res) => {
    const slowPath = slow.test(req.url ?? '');
    if (slowPath) inFlight++;
    res.once('close', () => {
      if (slowPath) inFlight--;
    });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    try {
      const upstream = await fetch(new URL(req.url ?? '/', target), {
        method: req.method ?? 'GET',
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (slowPath) await new Promise((r) => setTimeout(r, delayMs));
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'content-encoding') out[k] = v;
      });
      res.writeHead(upstream.status, out).end(body);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    /** Requests to the slow paths received and not yet answered. */
    inFlight: () => inFlight,
    setDelay: (ms: number) => {
      delayMs = ms;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
