import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeHandle, requestConnection } from '../../src/core/index.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { csrfOf, register, signIn, type WebTest, webServer } from './support.js';

const alice = slackActor('U_ALICE', 'Alice <script>alert(1)</script> Nguyễn');
const bob = teamsActor('aad-bob', 'Bob Tanaka');

let t: WebTest;
beforeEach(async () => {
  t = await webServer();
});
afterEach(async () => {
  await t.close();
});

describe('GET /<handle>: the invite page', () => {
  it('shows the owner escaped, the QR code, OpenGraph tags and [Register and connect] to a visitor', async () => {
    const owner = await register(t, alice);
    const res = await t.app.inject({ url: `/${owner.handle}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('Alice &lt;script&gt;alert(1)&lt;/script&gt; Nguyễn');
    expect(res.body).toContain(`<img src="/${owner.handle}/qr.svg"`);
    expect(res.body).toContain(`<meta property="og:url" content="${TEST_PUBLIC_URL}/${owner.handle}">`);
    expect(res.body).toContain(
      `<meta property="og:image" content="${TEST_PUBLIC_URL}/${owner.handle}/qr.png">`,
    );
    expect(res.body).toContain('<meta name="twitter:card" content="summary">');
    expect(res.body).toContain('data-state="anonymous"');
    expect(res.body).toContain('Register and connect');
    // The way to join: the exact command, prefilled.
    expect(res.body).toContain(`value="/chatwork-invite ${owner.handle}"`);
    expect(res.body).toContain('href="#join"');
    expect(res.body).toContain('id="join"');
  });

  it('gives the link instead of a handle that reads as a command word (block, remove, withdraw)', async () => {
    await register(t, alice);
    expect((await changeHandle(t.deps, alice, 'Block')).ok).toBe(true);
    const res = await t.app.inject({ url: '/block' });
    expect(res.body).toContain(`value="/chatwork-invite ${TEST_PUBLIC_URL}/Block"`);
    expect(res.body).toContain(`id="teams-command" type="text" readonly value="${TEST_PUBLIC_URL}/Block"`);
  });

  it('sets the security headers with a CSP whose nonces match the inline style and script', async () => {
    const owner = await register(t, alice);
    const res = await t.app.inject({ url: `/${owner.handle}` });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    const styleNonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    const scriptNonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(res.body).toContain(`<style nonce="${styleNonce}">`);
    expect(res.body).toContain(`<script nonce="${scriptNonce}">`);
    expect(res.body).not.toMatch(/ style="/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('is localized by Accept-Language, and ?lang= wins', async () => {
    const owner = await register(t, alice);
    const ja = await t.app.inject({
      url: `/${owner.handle}`,
      headers: { 'accept-language': 'ja-JP,en;q=0.8' },
    });
    expect(ja.body).toContain('<html lang="ja">');
    expect(ja.body).toContain('新規登録してつながる');
    const vi = await t.app.inject({
      url: `/${owner.handle}?lang=vi`,
      headers: { 'accept-language': 'ja-JP' },
    });
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('Đăng ký và kết nối');
    expect(vi.body).toContain(`href="/${owner.handle}?lang=ja"`);
    const fallback = await t.app.inject({
      url: `/${owner.handle}`,
      headers: { 'accept-language': 'fr, de' },
    });
    expect(fallback.body).toContain('<html lang="en">');
  });

  it('explains itself at the bare PUBLIC_URL instead of a JSON 404', async () => {
    const res = await t.app.inject({ url: '/?lang=vi' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/chatwork-invite help');
    expect(res.body).toContain('<html lang="vi">');
  });

  it('answers a friendly 404 page for an unknown or invalid handle', async () => {
    for (const path of ['/nobody-here', '/ab', '/has.dot']) {
      const res = await t.app.inject({ url: path, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('No one has this Chatwork ID');
    }
  });

  it('redirects an old handle (301) to the new one, for the page and the QR codes', async () => {
    const owner = await register(t, alice);
    const old = owner.handle;
    const changed = await changeHandle(t.deps, alice, 'alice-new');
    expect(changed.ok).toBe(true);
    const page = await t.app.inject({ url: `/${old}?lang=ja` });
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe(`${TEST_PUBLIC_URL}/alice-new?lang=ja`);
    const qr = await t.app.inject({ url: `/${old}/qr.png` });
    expect(qr.statusCode).toBe(301);
    expect(qr.headers.location).toBe(`${TEST_PUBLIC_URL}/alice-new/qr.png`);
    const slash = await t.app.inject({ url: '/alice-new/?lang=vi' });
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe('/alice-new?lang=vi');
    // A link in any case resolves without a redirect.
    const upper = await t.app.inject({ url: '/ALICE-NEW' });
    expect(upper.statusCode).toBe(200);
  });

  it('serves the QR code as SVG and PNG', async () => {
    const owner = await register(t, alice);
    const svg = await t.app.inject({ url: `/${owner.handle}/qr.svg` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg /);
    const png = await t.app.inject({ url: `/${owner.handle}/qr.png` });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await t.app.inject({ url: '/nobody-here/qr.svg' })).statusCode).toBe(404);
  });
});

describe('the four viewer states and [Add to contacts]', () => {
  it('shows "This is your invite link" to the owner, with copy and QR', async () => {
    const owner = await register(t, alice);
    const cookie = await signIn(t, alice);
    const res = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
    expect(res.body).toContain('data-state="own"');
    expect(res.body).toContain('This is your invite link.');
    expect(res.body).toContain(`value="${TEST_PUBLIC_URL}/${owner.handle}"`);
    expect(res.body).toContain('Copy link');
    expect(res.body).toContain('qr.svg');
  });

  it('lets a signed-in stranger add the owner; the request exists in the store', async () => {
    const owner = await register(t, alice);
    const cookie = await signIn(t, bob);
    const page = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
    expect(page.body).toContain('data-state="stranger"');
    expect(page.body).toContain('Add to contacts');
    const res = await t.app.inject({
      method: 'POST',
      url: `/${owner.handle}/add`,
      headers: { cookie },
      payload: { csrf: csrfOf(page.body) },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/${owner.handle}?lang=en&done=sent`);
    const me = await t.store.getAccountByIdentity(bob.identity);
    const rel = await t.store.relationship(me?.id ?? '', owner.id);
    expect(rel.outgoing?.state).toBe('pending');
    expect(rel.outgoing?.source).toBe('link');
    const after = await t.app.inject({ url: String(res.headers.location), headers: { cookie } });
    expect(after.body).toContain('data-state="requested"');
    expect(after.body).toContain('Request sent to Alice &lt;script&gt;');
  });

  it('refuses a POST without, or with a wrong, CSRF token, and without a session; nothing changes', async () => {
    const owner = await register(t, alice);
    const cookie = await signIn(t, bob);
    const attempts = [
      { headers: { cookie }, payload: {} },
      { headers: { cookie }, payload: { csrf: 'forged-token' } },
      { headers: {}, payload: { csrf: 'anything' } },
    ];
    for (const a of attempts) {
      const res = await t.app.inject({ method: 'POST', url: `/${owner.handle}/add`, ...a });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
    }
    // A token from another session does not work either.
    const other = await signIn(t, slackActor('U_EVE', 'Eve'));
    const evePage = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie: other } });
    const stolen = await t.app.inject({
      method: 'POST',
      url: `/${owner.handle}/add`,
      headers: { cookie },
      payload: { csrf: csrfOf(evePage.body) },
    });
    expect(stolen.statusCode).toBe(403);
    const me = await t.store.getAccountByIdentity(bob.identity);
    expect((await t.store.relationship(me?.id ?? '', owner.id)).outgoing).toBeNull();
  });

  it('shows "In your contacts" once connected (a mutual request connects at once)', async () => {
    const owner = await register(t, alice);
    const cookie = await signIn(t, bob);
    const me = await t.store.getAccountByIdentity(bob.identity);
    const asked = await requestConnection(t.deps, {
      actor: alice,
      target: { kind: 'account', accountId: me?.id ?? '' },
      source: 'link',
    });
    expect(asked.ok).toBe(true);
    const page = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
    const res = await t.app.inject({
      method: 'POST',
      url: `/${owner.handle}/add`,
      headers: { cookie },
      payload: { csrf: csrfOf(page.body) },
    });
    expect(res.headers.location).toContain('done=connected');
    const after = await t.app.inject({ url: String(res.headers.location), headers: { cookie } });
    expect(after.body).toContain('data-state="contact"');
    expect(after.body).toContain('In your contacts');
    expect(after.body).toContain('You and Alice');
  });

  it('treats a forged session cookie as a visitor', async () => {
    const owner = await register(t, alice);
    const res = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie: 'cw_session=abc.def' } });
    expect(res.body).toContain('data-state="anonymous"');
  });
});

describe('sessions', () => {
  it('signs out with the CSRF token, back to the same page', async () => {
    const owner = await register(t, alice);
    const cookie = await signIn(t, bob);
    const page = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
    expect(page.body).toContain('Signed in as Bob Tanaka');
    const out = await t.app.inject({
      method: 'POST',
      url: '/signout',
      headers: { cookie },
      payload: { csrf: csrfOf(page.body), next: `/${owner.handle}` },
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe(`/${owner.handle}?lang=en`);
    const after = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
    expect(after.body).toContain('data-state="anonymous"');
  });
});
