import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureJson } from '../helpers/fixtures.js';

/**
 * A fake Chatwork on 127.0.0.1 (random port): API v2, the OAuth2 consent screen and token endpoint.
 *
 *   const cw = await startFakeChatwork({ now: clock.now });       // the fake's clock: token expiry, rate windows
 *   // CHATWORK_API_URL = cw.apiUrl (…/v2), CHATWORK_OAUTH_URL = cw.oauthUrl; client cw.clientId / cw.clientSecret
 *   const ann = cw.addAccount({ name: 'Ann', chatwork_id: 'ann_cw' });   // ann.apiToken for X-ChatWorkToken
 *   cw.addRequest(ann.accountId, { name: 'Bob' });                  // an incoming contact request to Ann
 *   cw.signIn(ann.accountId);   // who approves at GET /packages/oauth2/login.php (the consent screen)
 *   cw.failNext('GET /incoming_requests', { status: 429, resetAt: unixSeconds });
 *   cw.delayNext('PUT /incoming_requests/{id}', 3000);   // a slow answer
 *   cw.revoke(ann.accountId);   // every token of Ann answers 401 from now on
 *   ... cw.calls / cw.callsTo('GET /incoming_requests') / cw.tokenCalls
 *
 * Like Chatwork (API v2 documentation): `X-ChatWorkToken` or `Authorization: Bearer`; errors are
 * `{"errors":[…]}` with the HTTP status; every API answer carries `X-RateLimit-Limit/Remaining/Reset`
 * (300 calls per token per 5-minute window, then 429); DELETE answers 204; an empty list answers 204
 * with no body. The token endpoint takes HTTP Basic client credentials, `authorization_code` (with
 * PKCE S256 checked, codes valid 1 minute) and `refresh_token`; access tokens live 15 minutes.
 */
export interface FakeAccount {
  accountId: number;
  apiToken: string;
  me: Record<string, unknown>;
  requests: Array<Record<string, unknown>>;
  contacts: Array<Record<string, unknown>>;
  revoked: boolean;
}

export interface ApiCall {
  /** `GET /incoming_requests`, `PUT /incoming_requests/{id}` with the real id. */
  route: string;
  auth: 'api_token' | 'bearer' | null;
  token: string | null;
  status: number;
  at: number;
}

export interface TokenCall {
  grantType: string;
  basicAuth: string | null;
  form: Record<string, string>;
  status: number;
}

export type ApiFailure = { status: 429; resetAt: number } | { status: 401 | 500 | 503 };

const me = fixtureJson<Record<string, unknown>>('chatwork', 'me.json');
const request = fixtureJson<Array<Record<string, unknown>>>('chatwork', 'incoming_requests.json')[0] ?? {};
const accepted = fixtureJson<Record<string, unknown>>('chatwork', 'incoming_request_accepted.json');

const ACCESS_TTL_S = 900;
const WINDOW_S = 300;

export async function startFakeChatwork(opts: { now?: () => number; limit?: number } = {}) {
  const now = opts.now ?? Date.now;
  const limit = opts.limit ?? 300;
  const clientId = 'fake-client-id';
  const clientSecret = 'fake-client-secret';
  const accounts = new Map<number, FakeAccount>();
  const access = new Map<string, { accountId: number; expiresAt: number; scope: string }>();
  const refresh = new Map<string, { accountId: number; scope: string }>();
  const codes = new Map<
    string,
    {
      accountId: number;
      challenge: string | null;
      redirectUri: string | null;
      scope: string;
      expiresAt: number;
    }
  >();
  const windows = new Map<string, { resetAt: number; used: number }>();
  const failures = new Map<string, ApiFailure[]>();
  const delays = new Map<string, number[]>();
  const calls: ApiCall[] = [];
  const tokenCalls: TokenCall[] = [];
  const refreshRevoked = new Set<number>();
  let signedIn: number | null = null;
  let nextAccount = 1000;
  let nextRequest = 5000;
  let nextRoom = 9000;
  const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
    res.end(text);
  }

  function rateHeaders(key: string, count: boolean): { headers: Record<string, string>; over: boolean } {
    const nowS = Math.floor(now() / 1000);
    let w = windows.get(key);
    if (!w || nowS >= w.resetAt) {
      w = { resetAt: nowS + WINDOW_S, used: 0 };
      windows.set(key, w);
    }
    if (count) w.used += 1;
    const over = w.used > limit;
    return {
      over,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - w.used)),
        'x-ratelimit-reset': String(w.resetAt),
      },
    };
  }

  function authOf(req: IncomingMessage): {
    auth: ApiCall['auth'];
    token: string | null;
    account: FakeAccount | null;
  } {
    const cw = req.headers['x-chatworktoken'];
    if (typeof cw === 'string') {
      const account = [...accounts.values()].find((a) => a.apiToken === cw && !a.revoked) ?? null;
      return { auth: 'api_token', token: cw, account };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const grant = access.get(bearer);
      const account = grant && grant.expiresAt > now() ? (accounts.get(grant.accountId) ?? null) : null;
      return { auth: 'bearer', token: bearer, account: account && !account.revoked ? account : null };
    }
    return { auth: null, token: null, account: null };
  }

  function api(req: IncomingMessage, res: ServerResponse, path: string) {
    const { auth, token: tok, account } = authOf(req);
    const id = /^\/incoming_requests\/(\d+)$/.exec(path)?.[1];
    const route = `${req.method} ${path}`;
    const pattern = id ? `${req.method} /incoming_requests/{id}` : route;
    const record = (status: number) => calls.push({ route, auth, token: tok, status, at: now() });
    const rate = rateHeaders(tok ?? 'anonymous', true);
    const planned = failures.get(pattern)?.shift() ?? failures.get(route)?.shift();
    if (planned?.status === 429) {
      record(429);
      return send(
        res,
        429,
        { errors: ['Rate limit exceeded'] },
        {
          ...rate.headers,
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(planned.resetAt),
        },
      );
    }
    if (planned) {
      record(planned.status);
      return send(res, planned.status, {
        errors: [planned.status === 401 ? 'Invalid API token' : 'Unavailable'],
      });
    }
    if (!account) {
      record(401);
      const extra: Record<string, string> =
        auth === 'bearer' ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {};
      return send(res, 401, { errors: ['Invalid API token'] }, { ...rate.headers, ...extra });
    }
    if (rate.over) {
      record(429);
      return send(res, 429, { errors: ['Rate limit exceeded'] }, rate.headers);
    }
    const found = id ? account.requests.findIndex((r) => String(r.request_id) === id) : -1;
    let status = 200;
    let body: unknown;
    if (route === 'GET /me') body = account.me;
    else if (route === 'GET /contacts') body = account.contacts;
    else if (route === 'GET /incoming_requests') body = account.requests;
    else if (id && (req.method === 'PUT' || req.method === 'DELETE')) {
      if (found < 0) {
        status = 404;
        body = { errors: ['Not Found'] };
      } else {
        const [req0] = account.requests.splice(found, 1);
        if (req.method === 'DELETE') status = 204;
        else {
          const { request_id: _drop, message: _msg, ...person } = req0 ?? {};
          body = { ...person, room_id: nextRoom++ };
          account.contacts.push(body as Record<string, unknown>);
        }
      }
    } else {
      status = 404;
      body = { errors: ['Not Found'] };
    }
    if (Array.isArray(body) && body.length === 0) status = 204;
    record(status);
    send(res, status, status === 204 ? undefined : body, rate.headers);
  }

  function consent(res: ServerResponse, query: URLSearchParams) {
    const redirect = query.get('redirect_uri');
    if (!redirect) return send(res, 400, { error: 13000 });
    const back = new URL(redirect);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (signedIn === null) back.searchParams.set('error', 'access_denied');
    else {
      const code = token('code_');
      codes.set(code, {
        accountId: signedIn,
        challenge: query.get('code_challenge_method') === 'S256' ? query.get('code_challenge') : null,
        redirectUri: redirect,
        scope: query.get('scope') ?? '',
        expiresAt: now() + 60_000,
      });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  function tokenEndpoint(req: IncomingMessage, res: ServerResponse, raw: string) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const call: TokenCall = { grantType: form.grant_type ?? '', basicAuth: basic, form, status: 200 };
    tokenCalls.push(call);
    const fail = (status: number, error: string, description: string) => {
      call.status = status;
      send(res, status, { error, error_description: description, error_uri: null });
    };
    if (basic !== Buffer.from(`${clientId}:${clientSecret}`).toString('base64'))
      return fail(401, 'invalid_client', 'client authentication failed');
    let grant: { accountId: number; scope: string };
    if (form.grant_type === 'authorization_code') {
      const code = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (!code || code.expiresAt <= now()) return fail(400, 'invalid_grant', 'code is invalid or expired');
      if (form.redirect_uri !== undefined && form.redirect_uri !== code.redirectUri)
        return fail(400, 'invalid_grant', 'redirect_uri does not match');
      if (code.challenge !== null) {
        const verifier = form.code_verifier ?? '';
        if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier))
          return fail(400, 'invalid_request', '`code_verifier` is malformed.');
        if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
          return fail(400, 'invalid_grant', 'code_verifier does not match');
      }
      grant = code;
    } else if (form.grant_type === 'refresh_token') {
      const found = refresh.get(form.refresh_token ?? '');
      if (!found || accounts.get(found.accountId)?.revoked || refreshRevoked.has(found.accountId))
        return fail(400, 'invalid_grant', 'refresh token is invalid');
      grant = found;
    } else return fail(400, 'unsupported_grant_type', 'grant_type is not supported');
    const accessToken = token('at_');
    access.set(accessToken, { ...grant, expiresAt: now() + ACCESS_TTL_S * 1000 });
    let refreshToken = form.refresh_token;
    if (form.grant_type === 'authorization_code') {
      refreshToken = token('rt_');
      refresh.set(refreshToken, grant);
    }
    send(res, 200, {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TTL_S,
      scope: grant.scope,
    });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/v2/')) {
        const path = url.pathname.slice(3);
        const id = /^\/incoming_requests\/\d+$/.test(path);
        const pattern = `${req.method} ${id ? '/incoming_requests/{id}' : path}`;
        const wait = delays.get(pattern)?.shift() ?? 0;
        if (wait > 0) return void setTimeout(() => api(req, res, path), wait);
        return api(req, res, path);
      }
      if (req.method === 'GET' && url.pathname === '/packages/oauth2/login.php')
        return consent(res, url.searchParams);
      if (req.method === 'POST' && url.pathname === '/oauth/token')
        return tokenEndpoint(req, res, Buffer.concat(chunks).toString('utf8'));
      send(res, 404, { errors: ['Not Found'] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/v2`,
    oauthUrl: `${base}/oauth`,
    clientId,
    clientSecret,
    calls,
    tokenCalls,
    callsTo: (route: string) => calls.filter((c) => c.route === route),
    /** Every access and refresh token the token endpoint handed out, to look for them where they must not be. */
    issuedTokens: () => [...access.keys(), ...refresh.keys()],
    /** An account with a personal API token; `me` fields over the documentation's example. */
    addAccount(fields: Record<string, unknown> = {}): FakeAccount {
      const accountId = nextAccount++;
      const account: FakeAccount = {
        accountId,
        apiToken: token('api_'),
        me: { ...me, room_id: nextRoom++, ...fields, account_id: accountId },
        requests: [],
        contacts: [],
        revoked: false,
      };
      accounts.set(accountId, account);
      return account;
    },
    /** An incoming contact request to `accountId`; fields over the documentation's example. */
    addRequest(accountId: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
      const r = { ...request, account_id: nextAccount++, ...fields, request_id: nextRequest++ };
      accounts.get(accountId)?.requests.push(r);
      return r;
    },
    /** The example body of an accepted request (the PUT answer), for shape checks. */
    acceptedExample: accepted,
    /** Who is signed in to the consent screen (null: the person presses Deny). */
    signIn(accountId: number | null) {
      signedIn = accountId;
    },
    /** Every token of the account answers 401 (and its refresh token is refused). */
    revoke(accountId: number) {
      const a = accounts.get(accountId);
      if (a) a.revoked = true;
    },
    /** Only the account's refresh tokens stop working (its access tokens live out their 15 minutes). */
    revokeRefresh(accountId: number) {
      refreshRevoked.add(accountId);
    },
    /** The next call on `route` (`GET /incoming_requests`, `PUT /incoming_requests/{id}`) fails so. */
    failNext(route: string, failure: ApiFailure, times = 1) {
      failures.set(route, [...(failures.get(route) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    /** The next call on `route` (a pattern: `PUT /incoming_requests/{id}`) is answered `ms` later (a slow Chatwork). */
    delayNext(route: string, ms: number) {
      delays.set(route, [...(delays.get(route) ?? []), ms]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeChatwork = Awaited<ReturnType<typeof startFakeChatwork>>;
