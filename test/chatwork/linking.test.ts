import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatworkLinking } from '../../src/chatwork/linking.js';
import { CONSENT_URL, challengeOf, SCOPES } from '../../src/chatwork/oauth.js';
import { loggerOptions } from '../../src/http/logging.js';
import { tokenSealer } from '../../src/runtime/sealing.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { type Bridge, linkByToken, openBridge, serverFor } from './support.js';

/**
 * Linking over real HTTP: our consent URL, the fake Chatwork's consent screen and token endpoint,
 * and the redirect back through the fastify server; personal API tokens; refresh; disconnect.
 */
describe('linking a Chatwork account', () => {
  let b: Bridge;
  let app: FastifyInstance;
  beforeEach(async () => {
    b = await openBridge();
    app = await serverFor(b);
  });
  afterEach(async () => {
    await app.close();
    await b.close();
  });

  /** The browser: opens the consent URL at the fake Chatwork and follows its redirect back to us. */
  async function consentAndReturn(
    consent: string,
    state?: string,
  ): Promise<{ status: number; body: string; path: string }> {
    const url = new URL(consent);
    if (state) url.searchParams.set('state', state);
    const res = await fetch(`${b.cw.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(`${TEST_PUBLIC_URL}/chatwork/oauth_redirect`);
    const path = `${back.pathname}${back.search}`;
    const page = await app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'vi' } });
    return { status: page.statusCode, body: page.body, path };
  }

  async function sealedRecords(): Promise<string> {
    const person = await b.store.getRecord('chatwork_link', 'acc_ann', b.clock.now());
    return person ?? '';
  }

  it('by OAuth: consent URL → Chatwork → redirect route → code with PKCE → GET /me → link kept, tokens sealed', async () => {
    const ann = b.cw.addAccount({ name: 'Ann <b>', chatwork_id: 'ann_cw' });
    const started = await b.linking.startOAuth('acc_ann', 'ja');
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const consent = new URL(started.url);
    expect(`${consent.origin}${consent.pathname}`).toBe(CONSENT_URL);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: b.cw.clientId,
      redirect_uri: `${TEST_PUBLIC_URL}/chatwork/oauth_redirect`,
      scope: 'users.profile.me:read contacts.all:read_write offline_access',
      code_challenge_method: 'S256',
    });
    expect(SCOPES.join(' ')).toBe(consent.searchParams.get('scope'));
    expect(consent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    b.cw.signIn(ann.accountId);
    const back = await consentAndReturn(started.url);
    expect(back.status).toBe(200);
    expect(back.body).toContain('<html lang="ja">');
    expect(back.body).toContain('Ann &lt;b&gt;');
    expect(back.body).not.toContain('Ann <b>');

    const [exchange] = b.cw.tokenCalls;
    expect(exchange).toMatchObject({
      grantType: 'authorization_code',
      basicAuth: Buffer.from(`${b.cw.clientId}:${b.cw.clientSecret}`).toString('base64'),
      status: 200,
    });
    expect(challengeOf(exchange?.form.code_verifier ?? '')).toBe(consent.searchParams.get('code_challenge'));
    expect(b.cw.callsTo('GET /me')).toMatchObject([{ auth: 'bearer', status: 200 }]);

    const link = await b.linking.getLink('acc_ann');
    expect(link).toMatchObject({
      kind: 'oauth',
      accountId: ann.accountId,
      chatworkId: 'ann_cw',
      status: 'active',
    });
    expect(await b.linking.records.linked()).toEqual(['acc_ann']);
    const stored = await sealedRecords();
    for (const token of b.cw.issuedTokens()) expect(stored).not.toContain(token);

    // The same redirect again (a reload, a replay): the state was used once; nothing changes.
    const again = await app.inject({ method: 'GET', url: back.path, headers: { 'accept-language': 'vi' } });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('<html lang="vi">');
    expect(b.cw.tokenCalls).toHaveLength(1);
  });

  it('no token, code or state reaches the log lines of the redirect (with the product’s logger)', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    await app.close();
    app = await serverFor(b, loggerOptions('info', sink));
    const ann = b.cw.addAccount();
    const started = await b.linking.startOAuth('acc_ann', 'en');
    if (!started.ok) throw new Error('not configured');
    b.cw.signIn(ann.accountId);
    const back = await consentAndReturn(started.url);
    expect(back.status).toBe(200);
    const log = lines.join('');
    expect(log).toContain('chatwork account linked');
    expect(log).toContain('/chatwork/oauth_redirect');
    const query = new URL(back.path, TEST_PUBLIC_URL).searchParams;
    const secrets = [query.get('code') ?? '', query.get('state') ?? '', ...b.cw.issuedTokens()];
    expect(secrets.filter((s) => s.length > 0)).toHaveLength(4);
    for (const s of secrets) expect(log).not.toContain(s);
  });

  it('PKCE: a code obtained for one consent does not work with another consent’s state (verifier mismatch)', async () => {
    const ann = b.cw.addAccount();
    b.cw.signIn(ann.accountId);
    const first = await b.linking.startOAuth('acc_ann', 'en');
    const second = await b.linking.startOAuth('acc_ann', 'en');
    if (!first.ok || !second.ok) throw new Error('not configured');
    const secondState = new URL(second.url).searchParams.get('state') ?? '';
    const back = await consentAndReturn(first.url, secondState);
    expect(back.status).toBe(400);
    expect(b.cw.tokenCalls.map((c) => [c.status, c.form.code_verifier?.length])).toEqual([[400, 64]]);
    expect(await b.linking.getLink('acc_ann')).toBeNull();
  });

  it('Deny on the consent screen, or a state older than 10 minutes, links nothing and says so', async () => {
    b.cw.signIn(null);
    const denied = await b.linking.startOAuth('acc_ann', 'en');
    if (!denied.ok) throw new Error('not configured');
    const back = await consentAndReturn(denied.url);
    expect(back.status).toBe(400);
    expect(back.body).toContain('You chose not to allow access');

    const ann = b.cw.addAccount();
    b.cw.signIn(ann.accountId);
    const late = await b.linking.startOAuth('acc_ann', 'en');
    if (!late.ok) throw new Error('not configured');
    b.clock.advance(10 * 60_000 + 1);
    const expired = await consentAndReturn(late.url);
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('Liên kết này đã hết hạn'); // no state: the browser's language
    expect(b.cw.tokenCalls).toHaveLength(0);
    expect(await b.linking.getLink('acc_ann')).toBeNull();
  });

  it('the store down during the redirect: the localized "try again" page (503), never a 500', async () => {
    const ann = b.cw.addAccount();
    b.cw.signIn(ann.accountId);
    const started = await b.linking.startOAuth('acc_ann', 'ja');
    if (!started.ok) throw new Error('not configured');
    const url = new URL(started.url);
    const res = await fetch(`${b.cw.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    const back = new URL(res.headers.get('location') ?? '');
    await b.store.close();
    const page = await app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { 'accept-language': 'ja' },
    });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Chatworkに接続できませんでした');
    await b.cw.close();
    b = await openBridge(); // for afterEach to close
  });

  it('without OAuth settings the consent is refused as NOT_CONFIGURED', async () => {
    const plain = await openBridge({ oauth: false, cw: b.cw });
    expect(await plain.linking.startOAuth('acc_ann', 'en')).toEqual({
      ok: false,
      error: { code: 'NOT_CONFIGURED' },
    });
    await plain.close();
  });

  it('by API token: checked with GET /me (X-ChatWorkToken) before it is kept; a refused token is not kept', async () => {
    const ann = b.cw.addAccount({ chatwork_id: '' });
    const wrong = await b.linking.linkApiToken('acc_ann', 'not-a-real-token');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'TOKEN_REFUSED' } });
    expect(await b.linking.getLink('acc_ann')).toBeNull();
    expect(JSON.stringify(wrong)).not.toContain('not-a-real-token');

    const linked = await b.linking.linkApiToken('acc_ann', ` ${ann.apiToken} `);
    expect(linked).toMatchObject({ ok: true, me: { account_id: ann.accountId, chatwork_id: '' } });
    expect(b.cw.callsTo('GET /me').map((c) => [c.auth, c.status])).toEqual([
      ['api_token', 401],
      ['api_token', 200],
    ]);
    expect(await sealedRecords()).not.toContain(ann.apiToken);
    const cred = await b.linking.credentialFor('acc_ann');
    expect(cred).toMatchObject({ ok: true, credential: { kind: 'api_token', token: ann.apiToken } });
  });

  it('refresh: an access token near its 15 minutes is refreshed once, even when asked for three times at once', async () => {
    const ann = b.cw.addAccount();
    b.cw.signIn(ann.accountId);
    const started = await b.linking.startOAuth('acc_ann', 'en');
    if (!started.ok) throw new Error('not configured');
    expect((await consentAndReturn(started.url)).status).toBe(200);
    const first = await b.linking.credentialFor('acc_ann');
    expect(b.cw.tokenCalls).toHaveLength(1);

    b.clock.advance(14 * 60_000);
    const three = await Promise.all([1, 2, 3].map(() => b.linking.credentialFor('acc_ann')));
    expect(b.cw.tokenCalls.map((c) => c.grantType)).toEqual(['authorization_code', 'refresh_token']);
    const tokens = new Set(three.map((c) => (c.ok ? c.credential.token : 'failed')));
    expect(tokens.size).toBe(1);
    expect(tokens).not.toContain(first.ok ? first.credential.token : '');
    const [fresh] = three;
    if (!fresh?.ok) throw new Error('no credential');
    b.clock.advance(5 * 60_000); // the old access token has expired by now; the new one works
    expect((await b.api.me(fresh.credential)).ok).toBe(true);
  });

  it('a refresh token Chatwork refuses (revoked) marks the link broken', async () => {
    const ann = b.cw.addAccount();
    b.cw.signIn(ann.accountId);
    const started = await b.linking.startOAuth('acc_ann', 'en');
    if (!started.ok) throw new Error('not configured');
    await consentAndReturn(started.url);
    b.cw.revoke(ann.accountId);
    b.clock.advance(14 * 60_000);
    expect(await b.linking.credentialFor('acc_ann')).toMatchObject({ ok: false, error: { code: 'BROKEN' } });
    expect(await b.linking.getLink('acc_ann')).toMatchObject({ status: 'broken' });
    expect(await b.linking.records.linked()).toEqual([]);
  });

  it('tokens sealed under another SECRET_KEY (the key was replaced) mark the link broken instead of failing', async () => {
    await linkByToken(b, 'acc_ann');
    const otherKey = chatworkLinking({
      store: b.store,
      clock: b.clock,
      random: b.random,
      api: b.api,
      oauth: null,
      sealer: tokenSealer(Buffer.alloc(32, 1), 'chatwork-token'),
      publicUrl: TEST_PUBLIC_URL,
    });
    expect(await otherKey.credentialFor('acc_ann')).toMatchObject({ ok: false, error: { code: 'BROKEN' } });
    expect(await b.linking.getLink('acc_ann')).toMatchObject({ status: 'broken' });
    expect(await b.linking.records.linked()).toEqual([]);
  });

  it('disconnect deletes the link and its tokens; a refresh finishing afterwards cannot bring it back', async () => {
    await linkByToken(b, 'acc_ann');
    const before = await b.linking.getLink('acc_ann');
    if (!before) throw new Error('not linked');
    expect(await b.linking.disconnect('acc_ann')).toEqual({ removed: true });
    expect(await b.store.getRecord('chatwork_link', 'acc_ann', b.clock.now())).toBeNull();
    expect(await b.linking.records.linked()).toEqual([]);
    expect(await b.linking.credentialFor('acc_ann')).toEqual({ ok: false, error: { code: 'NOT_LINKED' } });
    expect(await b.linking.records.putIfCurrent(before)).toBe(false);
    expect(await b.linking.getLink('acc_ann')).toBeNull();
    expect(await b.linking.disconnect('acc_ann')).toEqual({ removed: false });
  });
});
