import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type WebTest, webServer } from './support.js';

/**
 * The pages the Teams app package links to (an org-catalog upload checks them) and the bare
 * PUBLIC_URL: they answered 404 before. Plain, localized, saying what is stored and how to delete it.
 */
let t: WebTest;
beforeEach(async () => {
  t = await webServer();
});
afterEach(async () => {
  await t.close();
});

const manifest = z
  .object({ developer: z.object({ websiteUrl: z.url(), privacyUrl: z.url(), termsOfUseUrl: z.url() }) })
  .parse(
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest/teams/manifest.json'), 'utf8')),
  );

describe('the pages the Teams manifest links to', () => {
  it('websiteUrl, privacyUrl and termsOfUseUrl are served (200, HTML)', async () => {
    const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
    const paths = [websiteUrl, privacyUrl, termsOfUseUrl].map((u) => new URL(u).pathname);
    expect(paths).toEqual(['/', '/privacy', '/terms']);
    for (const path of paths) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
  });
});

describe('/privacy', () => {
  it('says what is stored and how to delete it, in English, Japanese and Vietnamese', async () => {
    const en = (await t.app.inject({ url: '/privacy' })).body;
    expect(en).toContain('<h1>Privacy</h1>');
    expect(en).toContain('What is stored');
    expect(en).toContain('your Chatwork ID, display name and language');
    expect(en).toContain('up to 30 days');
    expect(en).toContain('How to delete it');
    expect(en).toContain('To delete your whole account');
    expect(en).toContain('send “delete my data” to the bot');
    expect(en).toContain('“export my data”');
    expect(en).not.toContain('administrator who installed');
    const ja = (await t.app.inject({ url: '/privacy', headers: { 'accept-language': 'ja' } })).body;
    expect(ja).toContain('<h1>プライバシー</h1>');
    expect(ja).toContain('削除のしかた');
    expect(ja).toContain('「delete my data」');
    const vi = (await t.app.inject({ url: '/privacy?lang=vi' })).body;
    expect(vi).toContain('<h1>Quyền riêng tư</h1>');
    expect(vi).toContain('Cách xóa');
    expect(vi).toContain('“delete my data”');
  });
});

describe('/terms and /', () => {
  it('/terms in three languages, pointing at the privacy page', async () => {
    const en = (await t.app.inject({ url: '/terms' })).body;
    expect(en).toContain('<h1>Terms of use</h1>');
    expect(en).toContain('href="/privacy?lang=en"');
    expect((await t.app.inject({ url: '/terms?lang=ja' })).body).toContain('<h1>利用規約</h1>');
    expect((await t.app.inject({ url: '/terms?lang=vi' })).body).toContain('<h1>Điều khoản sử dụng</h1>');
  });

  it('/ explains how to get started from Slack, Teams and the web', async () => {
    const en = (await t.app.inject({ url: '/' })).body;
    expect(en).toContain('Get started');
    expect(en).toContain('/chatwork-invite');
    expect(en).toContain('send “invite” to the bot');
    expect(en).toContain('send “web” to the bot');
    expect((await t.app.inject({ url: '/?lang=ja' })).body).toContain('はじめかた');
    expect((await t.app.inject({ url: '/?lang=vi' })).body).toContain('Bắt đầu');
  });
});
