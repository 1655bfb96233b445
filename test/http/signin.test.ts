import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackActor, teamsActor } from '../helpers/identities.js';
import {
  cookieHeader,
  csrfOf,
  openAndConfirm,
  register,
  signInPath,
  type WebTest,
  webServer,
} from './support.js';

/**
 * One-time sign-in links. The attacks: `HEAD` (or any link scanner) used the link up, a plain `GET`
 * signed you in (login CSRF: a page elsewhere could sign your browser in as someone else), and the
 * tokens sat in the store in plain text. Now GET shows one button, only its POST (from the browser
 * that was shown the page) uses the link up, and the store keeps an HMAC of the token.
 */
const alice = slackActor('U_ALICE', 'Alice Sato');
const bob = teamsActor('aad-bob', 'Bob <b>Tanaka</b>');

let t: WebTest;
beforeEach(async () => {
  t = await webServer();
});
afterEach(async () => {
  await t.close();
});

const tokenOf = (path: string) => new URL(path, 'https://x').searchParams.get('token') ?? '';

describe('GET /signin?token=…', () => {
  it('shows whose link it is (escaped) and one button, and uses nothing up', async () => {
    const me = await register(t, bob);
    const path = await signInPath(t, bob);
    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sign in to Chatwork Invite');
    expect(page.body).toContain(`Bob &lt;b&gt;Tanaka&lt;/b&gt; (${me.handle})`);
    expect(page.body.match(/<button type="submit"/g)).toHaveLength(1);
    expect(page.body).toContain('<form method="post" action="/signin?lang=en">');
    expect(page.headers['set-cookie']).not.toMatch(/cw_session=/);
    expect(page.headers['cache-control']).toBe('no-store');
    // Opened again: the same page, the link still works.
    expect((await t.app.inject({ url: path })).statusCode).toBe(200);
  });

  it('HEAD and link scanners change nothing: the link still signs in afterwards', async () => {
    const path = await signInPath(t, bob);
    const head = await t.app.inject({ method: 'HEAD', url: path });
    expect(head.statusCode).toBe(200);
    for (const ua of [
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 SkypeUriPreview Preview/0.5',
    ]) {
      const preview = await t.app.inject({ url: path, headers: { 'user-agent': ua } });
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('Open this one-time sign-in link in your browser');
      expect(preview.headers['set-cookie']).toBeUndefined();
    }
    const res = await openAndConfirm(t, path);
    expect(res.statusCode).toBe(303);
  });

  it('speaks Japanese and Vietnamese', async () => {
    const path = await signInPath(t, bob);
    const ja = await t.app.inject({ url: path, headers: { 'accept-language': 'ja' } });
    expect(ja.body).toContain('Chatwork Invite にログイン');
    expect(ja.body).toContain('>ログイン</button>');
    // The language switcher keeps the token.
    expect(ja.body).toContain(`href="/signin?token=${tokenOf(path)}&amp;lang=vi"`);
    const vi = await t.app.inject({ url: `${path}&lang=vi` });
    expect(vi.body).toContain('>Đăng nhập</button>');
  });

  it('an unknown, used or expired link gets the refusal page', async () => {
    expect((await t.app.inject({ url: '/signin?token=nope' })).statusCode).toBe(400);
    const path = await signInPath(t, bob);
    t.clock.advance(10 * 60_000 + 1);
    const expired = await t.app.inject({ url: path });
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('This sign-in link does not work');
  });
});

describe('POST /signin (the button)', () => {
  it('works once: a signed HttpOnly SameSite=Lax cookie, Secure under https; the second use is refused', async () => {
    await register(t, bob);
    const path = await signInPath(t, bob);
    const first = await openAndConfirm(t, path);
    expect(first.statusCode).toBe(303);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/cw_session=[^;]+\.[^;]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Secure');
    const again = await t.app.inject({ url: path });
    expect(again.statusCode).toBe(400);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a form posted without this browser’s sign-in cookie (login CSRF) and leaves the link working', async () => {
    const path = await signInPath(t, alice);
    // The attacker opened the link in their own browser and copied the form into a page of theirs.
    const theirs = await t.app.inject({ url: path });
    const form = { token: tokenOf(path), csrf: csrfOf(theirs.body) };
    const noCookie = await t.app.inject({ method: 'POST', url: '/signin', payload: form });
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.headers['set-cookie']).toBeUndefined();
    // The victim's browser has a sign-in cookie of its own, from another page view.
    const victim = await t.app.inject({ url: await signInPath(t, bob) });
    const otherBrowser = await t.app.inject({
      method: 'POST',
      url: '/signin',
      headers: { cookie: cookieHeader(victim.headers['set-cookie']) },
      payload: form,
    });
    expect(otherBrowser.statusCode).toBe(403);
    expect(String(otherBrowser.headers['set-cookie'] ?? '')).not.toContain('cw_session=');
    // Nothing was used up.
    expect((await openAndConfirm(t, path)).statusCode).toBe(303);
  });

  it('brings a visitor back to the page they came from', async () => {
    const owner = await register(t, alice);
    const visit = await t.app.inject({ url: `/${owner.handle}` });
    const next = cookieHeader(visit.headers['set-cookie']);
    expect(next).toContain('cw_next=');
    const res = await openAndConfirm(t, await signInPath(t, bob), next);
    expect(res.headers.location).toBe(`/${owner.handle}?lang=en`);
  });
});

describe('the store', () => {
  it('keeps a sign-in token only under its HMAC, never the token itself', async () => {
    const path = await signInPath(t, bob);
    const token = tokenOf(path);
    expect(token.length).toBeGreaterThan(20);
    const digest = t.deps.tokenDigest?.(token) ?? '';
    expect(digest).not.toBe(token);
    expect(await t.store.getRecord('signin_token', digest, t.clock.now())).toContain('"accountId"');
    expect(await t.store.getRecord('signin_token', token, t.clock.now())).toBeNull();
  });
});
