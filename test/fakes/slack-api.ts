import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API on 127.0.0.1 (random port), for any test that makes the bot talk to Slack.
 *
 *   const slack = await startFakeSlack();
 *   // point the bot at it: SLACK_API_URL = slack.apiUrl  (http://127.0.0.1:<port>/api/)
 *   // response_url values in payloads: slack.responseUrl('abc')  (http://127.0.0.1:<port>/response/abc)
 *   slack.addUser({ id: 'U1', teamId: 'T1', name: 'Ann', locale: 'ja-JP', email: 'ann@example.com' });
 *   slack.slowDown('users.info', 2000);                                   // every users.info answers after 2 s
 *   slack.failNext('chat.postMessage', { status: 429, retryAfter: 3 });   // or { status: 503 } or { error: 'channel_not_found' }
 *   slack.enforcePostLimit();   // chat.postMessage ~1/s per channel, bursts of 3, else 429 + Retry-After (slack.overLimit counts them)
 *   ... slack.callsTo('chat.postMessage')[0].text / .blocks / .channel / .token
 *   ... slack.responses  (every POST to a response_url, JSON body)
 *   await slack.close();
 *
 * It answers like Slack: HTTP 200 `{ ok: true, … }` or `{ ok: false, error }`; form bodies are decoded
 * and JSON-valued fields (`blocks`, `view`, `unfurls`, …) parsed, so tests assert on real structures.
 * Methods it knows: auth.test, users.info (include_locale), users.lookupByEmail, conversations.open,
 * chat.postMessage (to a channel, or to a user id: then in `D<user id>`, the DM conversations.open gives), chat.update, chat.postEphemeral, chat.unfurl, views.publish, views.open,
 * oauth.v2.access, conversations.history (what was posted to the channel, with `metadata` when
 * `include_all_metadata`). Anything else answers `{ ok: true }` and is recorded.
 */
export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  /** The Slack username (`user.name`); by default the name, lowercased, spaces as dots. */
  username?: string;
  locale?: string;
  email?: string;
  /** An Enterprise Grid user: users.info says so (`enterprise_user`). */
  enterpriseId?: string;
  /** `users.info`'s `is_admin` / `is_owner`: a workspace admin or owner. */
  isAdmin?: boolean;
  isOwner?: boolean;
  /** Enterprise Grid: an admin of the whole organisation (`enterprise_user.is_admin`). */
  orgAdmin?: boolean;
}

export interface RecordedCall {
  method: string;
  /** When it arrived (ms, wall clock). */
  at: number;
  /** The Bearer token, or null (oauth.v2.access). */
  token: string | null;
  args: Record<string, unknown>;
  channel?: string;
  text?: string;
  blocks?: unknown[];
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

export interface FakeSlack {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** `http://127.0.0.1:<port>/api/`: SLACK_API_URL. */
  apiUrl: string;
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  callsTo(method: string): RecordedCall[];
  addUser(user: FakeUser): void;
  /** The next `times` calls to `method` fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Every call to `method` answers after `ms` (until `reset`): a slow Slack. */
  slowDown(method: string, ms: number): void;
  /**
   * Slack's posting limit, enforced from now on (until `reset`): `chat.postMessage` about `perSecond`
   * per channel (a DM and the user id that opens it are one channel) with bursts up to `burst`; a post
   * over it answers 429 with Retry-After (whole seconds, at least 1) and is counted in `overLimit`.
   */
  enforcePostLimit(limit?: { perSecond: number; burst: number }): void;
  /** Posts refused by `enforcePostLimit`: how often the product went over Slack's limit. */
  overLimit: number;
  /** What `oauth.v2.access` answers (merged over a successful default). */
  oauthAnswer: Record<string, unknown>;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'unfurls', 'attachments', 'metadata']);

function decodeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // keep as text
      }
    }
    out[k] = v;
  }
  return out;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startFakeSlack(): Promise<FakeSlack> {
  const users = new Map<string, FakeUser>();
  const failures = new Map<string, Failure[]>();
  const delays = new Map<string, number>();
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  /** Messages posted, per channel, for conversations.history. */
  const history: Array<{ channel: string; ts: string; text: unknown; metadata: unknown }> = [];
  let ts = 1_700_000_000;
  const fake = { oauthAnswer: {} as Record<string, unknown>, overLimit: 0 };
  let postLimit: { perSecond: number; burst: number } | null = null;
  /** Per channel: tokens left and when they were counted (a token bucket). */
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Seconds to wait before posting to `channel` is allowed again; 0 takes a token now. */
  function postWait(channel: string): number {
    if (!postLimit) return 0;
    const now = Date.now();
    const b = buckets.get(channel) ?? { tokens: postLimit.burst, at: now };
    b.tokens = Math.min(postLimit.burst, b.tokens + ((now - b.at) / 1000) * postLimit.perSecond);
    b.at = now;
    buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / postLimit.perSecond));
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'users.info': {
        const u = users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: u.teamId,
            name: u.username ?? u.name.toLowerCase().replace(/\s+/g, '.'),
            real_name: u.name,
            is_admin: u.isAdmin === true,
            is_owner: u.isOwner === true,
            ...(args.include_locale === 'true' || args.include_locale === true
              ? { locale: u.locale ?? 'en-US' }
              : {}),
            profile: { display_name: u.name, real_name: u.name, ...(u.email ? { email: u.email } : {}) },
            ...(u.enterpriseId
              ? {
                  enterprise_user: { id: u.id, enterprise_id: u.enterpriseId, is_admin: u.orgAdmin === true },
                }
              : {}),
          },
        };
      }
      case 'users.lookupByEmail': {
        const u = [...users.values()].find(
          (x) => x.email?.toLowerCase() === String(args.email).toLowerCase(),
        );
        return u
          ? { ok: true, user: { id: u.id, team_id: u.teamId, name: u.name } }
          : { ok: false, error: 'users_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).split(',')[0]}` } };
      case 'chat.postMessage': {
        // To a user id (U…/W…), Slack posts in the app's DM with them and answers with that DM's id.
        const to = String(args.channel);
        const posted = {
          channel: /^[UW]/.test(to) ? `D${to}` : to,
          ts: `${ts++}.000100`,
          text: args.text,
          metadata: args.metadata,
        };
        history.push(posted);
        return { ok: true, channel: posted.channel, ts: posted.ts };
      }
      case 'conversations.history': {
        // Newest first, like Slack; metadata only when asked for.
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const oldest = Number(args.oldest ?? 0);
        const messages = history
          .filter((m) => m.channel === args.channel && Number(m.ts) > oldest)
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts++}.000200` };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: `V${ts++}` } };
      case 'oauth.v2.access':
        return {
          ok: true,
          access_token: 'xoxb-oauth-installed-token',
          token_type: 'bot',
          scope: 'commands,chat:write',
          bot_user_id: 'UBOT',
          app_id: 'A0001',
          team: { id: 'T0OAUTH', name: 'OAuth Team' },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: 'UINSTALLER' },
          ...fake.oauthAnswer,
        };
      default:
        return { ok: true };
    }
  }

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/response/')) {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw);
      } catch {
        body = { raw };
      }
      responses.push({ id: path.slice('/response/'.length), body });
      return send(200, { ok: true });
    }
    if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
    const method = path.slice('/api/'.length);
    const isJson = String(req.headers['content-type'] ?? '').includes('json');
    const args = isJson ? (JSON.parse(raw || '{}') as Record<string, unknown>) : decodeForm(raw);
    const auth = String(req.headers.authorization ?? '');
    const call: RecordedCall = {
      method,
      at: Date.now(),
      token: auth.startsWith('Bearer ') ? auth.slice(7) : null,
      args,
      ...(typeof args.channel === 'string' ? { channel: args.channel } : {}),
      ...(typeof args.text === 'string' ? { text: args.text } : {}),
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    };
    calls.push(call);
    const delay = delays.get(method);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure) {
      if ('error' in failure) return send(200, { ok: false, error: failure.error });
      if (failure.status === 429)
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      return send(failure.status, { ok: false, error: 'fatal_error' });
    }
    if (method === 'chat.postMessage') {
      const to = String(args.channel);
      const wait = postWait(/^[UW]/.test(to) ? `D${to}` : to);
      if (wait > 0) {
        fake.overLimit++;
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(wait) });
      }
    }
    return send(200, answer(method, args));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  return Object.assign(fake, {
    url,
    apiUrl: `${url}api/`,
    responseUrl: (id = 'r1') => `${url}response/${id}`,
    calls,
    responses,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    addUser: (u: FakeUser) => void users.set(u.id, u),
    slowDown: (method: string, ms: number) => void delays.set(method, ms),
    enforcePostLimit: (limit = { perSecond: 1, burst: 3 }) => {
      postLimit = limit;
    },
    failNext: (method: string, failure: Failure, times = 1) => {
      failures.set(method, [
        ...(failures.get(method) ?? []),
        ...Array.from({ length: times }, () => failure),
      ]);
    },
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      failures.clear();
      delays.clear();
      postLimit = null;
      buckets.clear();
      fake.overLimit = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
