import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { DeliveryResult, DomainEvent, Notifier } from '../../../src/core/index.js';

/**
 * A small stand-in for a chat platform's "post a message" endpoint, on 127.0.0.1. A script decides
 * how each call is answered (200, 429 with Retry-After, 5xx, or no answer at all), and every call
 * is recorded, so tests can count deliveries, duplicates and order.
 */
export type Answer =
  /** `afterMs`: answered that much later, as a real platform takes its time. */
  | { kind: 'ok'; afterMs?: number }
  | { kind: 'status'; status: number; retryAfterS?: number }
  /** Never answers: the caller's timeout fires. */
  | { kind: 'hang' };

export const deliveryBody = z.object({
  eventId: z.string(),
  recipientId: z.string(),
  type: z.string(),
  requestId: z.string(),
  /** The dispatcher's clock when it sent, to check Retry-After was honoured. */
  sentAt: z.number(),
  worker: z.string(),
});
export type DeliveryCall = z.infer<typeof deliveryBody> & { answer: Answer['kind'] | number };

export interface FakePlatform {
  url: string;
  calls: DeliveryCall[];
  /** Calls answered 200, in arrival order. */
  delivered(): DeliveryCall[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakePlatform(
  script: (call: z.infer<typeof deliveryBody>, n: number) => Answer = () => ({ kind: 'ok' }),
): Promise<FakePlatform> {
  const calls: DeliveryCall[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const parsed = deliveryBody.safeParse(JSON.parse(raw));
      if (!parsed.success) {
        res.writeHead(400).end();
        return;
      }
      const answer = script(parsed.data, calls.length);
      calls.push({ ...parsed.data, answer: answer.kind === 'status' ? answer.status : answer.kind });
      if (answer.kind === 'hang') {
        const end = () => res.destroy();
        hanging.add(end);
        res.on('close', () => hanging.delete(end));
        return;
      }
      if (answer.kind === 'ok') {
        const ok = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        if (answer.afterMs) setTimeout(ok, answer.afterMs);
        else ok();
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.retryAfterS !== undefined) headers['retry-after'] = String(answer.retryAfterS);
      res.writeHead(answer.status, headers).end('{"ok":false}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/post`,
    calls,
    delivered: () => calls.filter((c) => c.answer === 'ok'),
    close: async () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * A Notifier for the fake platform, shaped like the real ones: 2xx delivered; 429 and 5xx retry
 * (honouring Retry-After); no answer within `timeoutMs` retry; any other 4xx is permanent.
 */
export function httpNotifier(opts: {
  url: string;
  worker: string;
  now: () => number;
  timeoutMs?: number;
}): Notifier {
  return {
    platform: 'slack',
    async deliver(event: DomainEvent): Promise<DeliveryResult> {
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            eventId: event.id,
            recipientId: event.recipientId,
            type: event.type,
            requestId: event.requestId,
            sentAt: opts.now(),
            worker: opts.worker,
          }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 300),
        });
      } catch (e) {
        return { kind: 'retry', error: `platform unreachable: ${e instanceof Error ? e.name : 'error'}` };
      }
      await res.arrayBuffer();
      if (res.ok) return { kind: 'delivered' };
      if (res.status === 429 || res.status >= 500) {
        const retryAfter = Number(res.headers.get('retry-after'));
        return {
          kind: 'retry',
          error: `platform answered ${res.status}`,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { afterMs: retryAfter * 1000 } : {}),
        };
      }
      return { kind: 'failed', error: `platform answered ${res.status}` };
    },
  };
}
