import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteMyData, issueDataExport } from '../../src/core/index.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { register, signIn, type WebTest, webServer } from './support.js';

/** The web side of `delete my data` (410 Gone) and `export my data` (the one-time download). */
const alice = slackActor('U_ALICE', 'Alice Nguyễn');
const bob = teamsActor('aad-bob', 'Bob Tanaka');

let t: WebTest;
beforeEach(async () => {
  t = await webServer();
});
afterEach(async () => {
  await t.close();
});

describe('GET /<handle> of a deleted person', () => {
  it('answers 410 Gone with a localized page that names no one; the QR code too; an unknown handle stays 404', async () => {
    const owner = await register(t, alice);
    expect((await t.app.inject({ url: `/${owner.handle}` })).statusCode).toBe(200);
    expect((await deleteMyData(t.deps, alice, owner.handle)).ok).toBe(true);
    const en = await t.app.inject({ url: `/${owner.handle}` });
    expect(en.statusCode).toBe(410);
    expect(en.body).toContain('This page was deleted');
    expect(en.body).not.toContain('Alice');
    const ja = await t.app.inject({
      url: `/${owner.handle.toUpperCase()}`,
      headers: { 'accept-language': 'ja' },
    });
    expect(ja.statusCode).toBe(410);
    expect(ja.body).toContain('このページは削除されました');
    expect((await t.app.inject({ url: `/${owner.handle}/qr.svg` })).statusCode).toBe(410);
    expect((await t.app.inject({ url: '/nobody-here' })).statusCode).toBe(404);
  });

  it("a deleted person's web session opens nothing any more", async () => {
    const owner = await register(t, alice);
    const other = await register(t, bob);
    const cookie = await signIn(t, alice);
    const before = await t.app.inject({ url: `/${other.handle}`, headers: { cookie } });
    expect(before.body).toContain('data-state="stranger"');
    expect((await deleteMyData(t.deps, alice, owner.handle)).ok).toBe(true);
    const after = await t.app.inject({ url: `/${other.handle}`, headers: { cookie } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('data-state="anonymous"');
  });
});

describe('GET /export/<token>', () => {
  it('downloads the JSON document once; a second time, or a made-up token, is a localized page', async () => {
    const owner = await register(t, alice);
    const link = await issueDataExport(t.deps, alice);
    if (!link.ok) throw new Error(link.error.code);
    const path = new URL(link.value.url).pathname;
    const res = await t.app.inject({ url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="chatwork-invite-${owner.handle}.json"`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({ format: 'chatwork-invite-export/1', account: owner });
    const again = await t.app.inject({ url: path, headers: { 'accept-language': 'vi' } });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('Liên kết tải xuống này đã hết hạn');
    expect((await t.app.inject({ url: '/export/not-a-token' })).statusCode).toBe(404);
  });

  it('a link preview does not use it up', async () => {
    await register(t, alice);
    const link = await issueDataExport(t.deps, alice);
    if (!link.ok) throw new Error(link.error.code);
    const path = new URL(link.value.url).pathname;
    const preview = await t.app.inject({
      url: path,
      headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
    });
    expect(preview.statusCode).toBe(404);
    expect((await t.app.inject({ url: path })).statusCode).toBe(200);
  });
});
