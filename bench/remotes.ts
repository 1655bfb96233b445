import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The bench's fake Slack Web API and fake Bot Framework connector on 127.0.0.1: lean versions of
 * `test/fakes/` made for load. They keep no bodies, only counts per method and, per recipient, when
 * the first message to them arrived (`told`, keyed by Slack user id or Teams conversation id), so the
 * runner can time notices end to end.
 *
 * Slack's limits (docs.slack.dev, "Rate limits": `chat.postMessage` allows about one message per
 * second per channel, with short bursts over that): the fake Slack keeps a token bucket per channel
 * (BURST messages, refilled at one per second) and counts every message over it in `overLimit`. With
 * `emulate429` it answers such a message as Slack does, HTTP 429 with `Retry-After: 1`, and the
 * message is not delivered (not counted as told).
 */
export interface Remote {
  url: string;
  /** First arrival (performance.now() ms) of a message to each recipient. */
  told: Map<string, number>;
  /** Calls per method (Slack) or per `METHOD kind` (connector). */
  counts: Map<string, number>;
  close(): Promise<void>;
}

export interface BenchSlack extends Remote {
  apiUrl: string;
  /** chat.postMessage calls over the per-channel limit (answered 429 when `emulate429`). */
  overLimit: number;
  /** Messages over the limit, per channel. */
  overLimitChannels: Map<string, number>;
  emulate429: boolean;
}

const BURST = 3;

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => json(res, 500, { ok: false, error: String(e) }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** A DM channel `D<user>` (what conversations.open answers) or a user id: the person it reaches. */
const personOf = (channel: string) => (/^D[UW]/.test(channel) ? channel.slice(1) : channel);

export async function startBenchSlack(): Promise<BenchSlack> {
  const told = new Map<string, number>();
  const counts = new Map<string, number>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  let ts = 1_700_000_000;
  const slack = { overLimit: 0, overLimitChannels: new Map<string, number>(), emulate429: false };

  /** Takes a token from the channel's bucket; false when the message is over Slack's limit. */
  const withinLimit = (channel: string, now: number) => {
    const b = buckets.get(channel) ?? { tokens: BURST, at: now };
    b.tokens = Math.min(BURST, b.tokens + (now - b.at) / 1000);
    b.at = now;
    buckets.set(channel, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };

  const server = await listen(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/response/')) {
      bump(counts, 'response_url');
      return json(res, 200, { ok: true });
    }
    const method = path.startsWith('/api/') ? path.slice(5) : path;
    bump(counts, method);
    const isJson = String(req.headers['content-type'] ?? '').includes('json');
    const args: Record<string, unknown> = isJson
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    switch (method) {
      case 'auth.test':
        return json(res, 200, { ok: true, team_id: 'T0BENCH', user_id: 'U0BENCHBOT', bot_id: 'B0BENCH' });
      case 'users.info': {
        const id = String(args.user);
        const name = id === 'U0OWNER' ? 'Bench Owner' : `Person ${id}`;
        return json(res, 200, {
          ok: true,
          user: {
            id,
            team_id: 'T0BENCH',
            name: name.toLowerCase().replace(/\s+/g, '.'),
            real_name: name,
            locale: 'en-US',
            profile: { display_name: name, real_name: name },
          },
        });
      }
      case 'conversations.open':
        return json(res, 200, { ok: true, channel: { id: `D${String(args.users).split(',')[0]}` } });
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const now = performance.now();
        if (!withinLimit(channel, now)) {
          slack.overLimit++;
          bump(slack.overLimitChannels, channel);
          if (slack.emulate429)
            return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        const person = personOf(channel);
        if (!told.has(person)) told.set(person, now);
        return json(res, 200, { ok: true, channel, ts: `${ts++}.000100` });
      }
      case 'chat.update':
        return json(res, 200, { ok: true, channel: args.channel, ts: args.ts });
      case 'views.publish':
      case 'views.open':
        return json(res, 200, { ok: true, view: { id: `V${ts++}` } });
      default:
        return json(res, 200, { ok: true });
    }
  });
  return Object.assign(slack, {
    url: server.url,
    apiUrl: `${server.url}api/`,
    told,
    counts,
    close: server.close,
  });
}

/**
 * The Bot Connector's routes a bot uses to answer and notify: POST …/activities (told: the
 * conversation id), PUT …/activities/{id} (card updates), POST /v3/conversations (a new 1:1 chat).
 */
export async function startBenchConnector(): Promise<Remote> {
  const told = new Map<string, number>();
  const counts = new Map<string, number>();
  let n = 0;
  const server = await listen(async (req, res) => {
    await readBody(req);
    const parts = new URL(req.url ?? '/', 'http://x').pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const conversation = parts[1] === 'conversations' ? (parts[2] ?? '') : '';
    if (method === 'POST' && parts.length === 2) {
      bump(counts, 'POST conversations');
      return json(res, 201, { id: `a:new-${++n}`, activityId: `act-${n}` });
    }
    if (method === 'PUT') {
      bump(counts, 'PUT activity');
      return json(res, 200, { id: parts[4] ?? '' });
    }
    if (method === 'POST' && parts[3] === 'activities') {
      bump(counts, 'POST activity');
      if (!told.has(conversation)) told.set(conversation, performance.now());
      return json(res, 200, { id: `act-${++n}` });
    }
    bump(counts, `${method} other`);
    return json(res, 404, { error: { code: 'NotFound' } });
  });
  return { url: server.url, told, counts, close: server.close };
}
