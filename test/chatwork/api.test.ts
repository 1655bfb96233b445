import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ChatworkApi,
  chatworkApi,
  contactSchema,
  incomingRequestSchema,
  meSchema,
} from '../../src/chatwork/api.js';
import { type FakeChatwork, startFakeChatwork } from '../fakes/chatwork-api.js';
import { fixedClock, type TestClock } from '../helpers/clock.js';
import { fixtureJson } from '../helpers/fixtures.js';
import { freePort } from '../helpers/free-port.js';

describe('Chatwork answers as documented (the API v2 example bodies in test/fixtures/chatwork)', () => {
  it.each([
    ['me.json', meSchema],
    ['incoming_request_accepted.json', contactSchema],
    ['contacts.json', z.array(contactSchema)],
    ['incoming_requests.json', z.array(incomingRequestSchema)],
  ] as const)('%s parses, every documented field we use kept', (file, schema) => {
    const doc = fixtureJson<unknown>('chatwork', file);
    const parsed = schema.safeParse(doc);
    expect(parsed.success).toBe(true);
    const first = (Array.isArray(doc) ? doc[0] : doc) as Record<string, unknown>;
    const kept = (Array.isArray(parsed.data) ? parsed.data[0] : parsed.data) as Record<string, unknown>;
    for (const [k, v] of Object.entries(kept)) expect(first[k]).toEqual(v);
  });

  it('a missing name or a string account_id is refused, an absent chatwork_id reads as empty', () => {
    const me = fixtureJson('chatwork', 'me.json');
    expect(meSchema.safeParse({ ...me, account_id: '123' }).success).toBe(false);
    expect(meSchema.safeParse({ ...me, name: undefined }).success).toBe(false);
    expect(meSchema.parse({ ...me, chatwork_id: undefined }).chatwork_id).toBe('');
  });
});

/** The API client against the fake Chatwork over real HTTP: fields, both auth styles, failures as values. */
describe('Chatwork API client', () => {
  let b: { cw: FakeChatwork; clock: TestClock; api: ChatworkApi };
  beforeEach(async () => {
    const clock = fixedClock();
    const cw = await startFakeChatwork({ now: clock.now });
    b = { cw, clock, api: chatworkApi({ apiUrl: cw.apiUrl, clock }) };
  });
  afterEach(() => b.cw.close());

  it('GET /me with X-ChatWorkToken: the documented fields, parsed, and the rate headers', async () => {
    const ann = b.cw.addAccount({ name: 'Ann', chatwork_id: 'ann_cw' });
    const me = await b.api.me({ kind: 'api_token', token: ann.apiToken });
    expect(me.ok).toBe(true);
    if (!me.ok) return;
    const doc = fixtureJson('chatwork', 'me.json');
    expect(me.value).toMatchObject({
      account_id: ann.accountId,
      name: 'Ann',
      chatwork_id: 'ann_cw',
      organization_name: doc.organization_name,
      department: doc.department,
    });
    expect(me.rate).toEqual({ limit: 300, remaining: 299, resetAt: expect.any(Number) });
    expect(b.cw.calls.at(-1)).toMatchObject({ route: 'GET /me', auth: 'api_token', status: 200 });
  });

  it('incoming requests: the list, then 204 (no body) once they are decided; accept gives the room, not now 204', async () => {
    const ann = b.cw.addAccount();
    const cred = { kind: 'api_token', token: ann.apiToken } as const;
    const r1 = b.cw.addRequest(ann.accountId, { name: 'Bob', message: 'hi <b>' });
    const r2 = b.cw.addRequest(ann.accountId, { name: 'Cy' });
    const list = await b.api.incomingRequests(cred);
    expect(list.ok && list.value.map((r) => [r.request_id, r.name, r.message])).toEqual([
      [r1.request_id, 'Bob', 'hi <b>'],
      [r2.request_id, 'Cy', 'hogehoge'],
    ]);
    const accepted = await b.api.acceptRequest(cred, Number(r1.request_id));
    expect(accepted.ok && accepted.value).toMatchObject({ name: 'Bob', room_id: expect.any(Number) });
    expect(await b.api.declineRequest(cred, Number(r2.request_id))).toMatchObject({ ok: true, value: null });
    expect(await b.api.incomingRequests(cred)).toMatchObject({ ok: true, value: [] });
    expect(b.cw.callsTo('GET /incoming_requests').at(-1)?.status).toBe(204);
    const contacts = await b.api.contacts(cred);
    expect(contacts.ok && contacts.value.map((c) => c.name)).toEqual(['Bob']);
  });

  it('a request handled in Chatwork meanwhile is not_found (404)', async () => {
    const ann = b.cw.addAccount();
    const cred = { kind: 'api_token', token: ann.apiToken } as const;
    expect(await b.api.acceptRequest(cred, 424242)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await b.api.declineRequest(cred, 424242)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a wrong token is unauthorized (401 {"errors":[…]}), for either auth style', async () => {
    expect(await b.api.me({ kind: 'api_token', token: 'nope-nope' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await b.api.me({ kind: 'bearer', token: 'nope-nope' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(b.cw.calls.map((c) => [c.auth, c.status])).toEqual([
      ['api_token', 401],
      ['bearer', 401],
    ]);
  });

  it('429: rate_limited until X-RateLimit-Reset', async () => {
    const ann = b.cw.addAccount();
    const resetAt = Math.floor(b.clock.now() / 1000) + 120;
    b.cw.failNext('GET /incoming_requests', { status: 429, resetAt });
    const r = await b.api.incomingRequests({ kind: 'api_token', token: ann.apiToken });
    expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited', resetAt: resetAt * 1000 } });
    expect(r.rate?.remaining).toBe(0);
  });

  it('the 301st call in a window is refused with 429 by the fake, as Chatwork documents', async () => {
    const ann = b.cw.addAccount();
    const cred = { kind: 'api_token', token: ann.apiToken } as const;
    for (let i = 0; i < 300; i++) await b.api.me(cred);
    const over = await b.api.me(cred);
    expect(over).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    b.clock.advance(300_000);
    expect((await b.api.me(cred)).ok).toBe(true);
  });

  it('a server error or no server at all is unavailable, and the token is in no error', async () => {
    const ann = b.cw.addAccount();
    b.cw.failNext('GET /me', { status: 503 });
    const r = await b.api.me({ kind: 'api_token', token: ann.apiToken });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', reason: 'HTTP 503' } });
    const gone = chatworkApi({ apiUrl: `http://127.0.0.1:${await freePort()}/v2`, clock: b.clock });
    const down = await gone.me({ kind: 'api_token', token: ann.apiToken });
    expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify([r, down])).not.toContain(ann.apiToken);
  });
});
