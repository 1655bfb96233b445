import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type CoreDeps, decideRequest, requestConnection } from '../../src/core/index.js';
import { buildServer } from '../../src/http/server.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { register, SECRET, signInPath } from '../http/support.js';

/**
 * The invite page in a real browser: Debian's chromium driven by playwright-core against the real
 * server listening on 127.0.0.1. Each viewer state is checked by its visible text and saved as a
 * screenshot under test-results/.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI === 'true')
    throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium`);
  console.warn(`skipping the browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

const SHOTS = join(process.cwd(), 'test-results');
const alice = slackActor('U_ALICE', 'Alice Nguyễn');
const bob = teamsActor('aad-bob', 'Bob Tanaka');
const carol = slackActor('U_CAROL', 'Carol Smith');

describe.skipIf(!haveChromium)('web invite page in Chromium', () => {
  let t: TestCore;
  let deps: CoreDeps;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let base = '';
  let context: BrowserContext;
  let page: Page;
  let profileDir = '';
  let aliceHandle = '';
  /** Console errors and CSP violations: the page must have none. */
  const consoleErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `web-${name}.png`), fullPage: true });
  const signInAs = async (actor: typeof alice) => {
    await context.clearCookies();
    const path = await signInPath({ ...t, deps }, actor);
    await page.goto(`${base}${path}`);
    // The link opens a page with one button; only the button signs in.
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/signin'),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    return path;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = openTestCore();
    // Links must point at the port we only know after listening.
    deps = { ...t.deps };
    const loaded = loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    app = await buildServer({ config: loaded.config, core: deps, secretKey: SECRET });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    deps.publicUrl = base;

    aliceHandle = (await register({ ...t, deps }, alice)).handle;
    await register({ ...t, deps }, bob);
    const carolAccount = await register({ ...t, deps }, carol);
    const asked = await requestConnection(deps, {
      actor: alice,
      target: { kind: 'account', accountId: carolAccount.id },
      source: 'link',
    });
    if (!asked.ok) throw new Error(asked.error.code);
    const accepted = await decideRequest(deps, {
      actor: carol,
      requestId: asked.value.outcome.request.id,
      action: 'accept',
    });
    if (!accepted.ok) throw new Error(accepted.error.code);

    profileDir = mkdtempSync(join(tmpdir(), 'cw-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 420, height: 860 },
      locale: 'en-US',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await t?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('not signed in: [Register and connect] leads to how to join, with the command prefilled', async () => {
    await page.goto(`${base}/${aliceHandle}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alice Nguyễn');
    expect(await page.getByText(`Chatwork ID: ${aliceHandle}`).isVisible()).toBe(true);
    expect(
      await page.locator('img[src$="/qr.svg"]').evaluate((img) => Number(Reflect.get(img, 'naturalWidth'))),
    ).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Register and connect' }).click();
    expect(page.url()).toContain('#join');
    expect(await page.getByRole('heading', { name: 'How to join and connect' }).isVisible()).toBe(true);
    expect(await page.locator('#slack-command').inputValue()).toBe(`/chatwork-invite ${aliceHandle}`);
    await shot('anonymous');
    // The language switcher.
    await page.getByRole('link', { name: '日本語' }).click();
    await page.waitForURL(/lang=ja/);
    expect(await page.getByRole('link', { name: '新規登録してつながる' }).isVisible()).toBe(true);
    await shot('anonymous-ja');
  });

  it('own link: "This is your invite link", with copy and QR (signing in comes back to the page)', async () => {
    await page.goto(`${base}/${aliceHandle}`);
    await signInAs(alice);
    expect(new URL(page.url()).pathname).toBe(`/${aliceHandle}`);
    expect(await page.getByText('This is your invite link.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Copy link' }).isVisible()).toBe(true);
    expect(await page.locator('#invite-link').inputValue()).toBe(`${base}/${aliceHandle}`);
    await shot('own');
    // The copy button runs under the CSP nonce and confirms.
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copied' }).count()).toBe(1);
  });

  it('already a contact: "In your contacts"', async () => {
    await signInAs(carol);
    await page.goto(`${base}/${aliceHandle}`);
    expect(
      await page
        .getByText('In your contacts', { exact: true })
        .or(page.getByText('✓ In your contacts'))
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.getByText('Alice Nguyễn is already in your contacts.').isVisible()).toBe(true);
    expect(await page.getByText('Signed in as Carol Smith').isVisible()).toBe(true);
    await shot('contact');
  });

  it('stranger: [Add to contacts] sends the request; the sign-in link works only once', async () => {
    const path = await signInAs(bob);
    await page.goto(`${base}/${aliceHandle}`);
    const add = page.getByRole('button', { name: 'Add to contacts' });
    expect(await add.isVisible()).toBe(true);
    await shot('stranger');
    await add.click();
    await page.waitForURL(/done=sent/);
    expect(await page.getByText('Request sent to Alice Nguyễn').isVisible()).toBe(true);
    expect(await page.getByText('Request pending').isVisible()).toBe(true);
    const me = await t.store.getAccountByIdentity(bob.identity);
    const owner = await t.store.resolveHandle(aliceHandle, t.clock.now());
    const rel = await t.store.relationship(me?.id ?? '', owner?.account.id ?? '');
    expect(rel.outgoing?.state).toBe('pending');
    await shot('requested');

    await context.clearCookies();
    const again = await page.goto(`${base}${path}`);
    expect(again?.status()).toBe(400);
    expect(await page.getByText('This sign-in link does not work').isVisible()).toBe(true);
    await shot('signin-refused');
  });

  it('logged no console errors or CSP violations on any page', () => {
    // The 404 and refused sign-in pages answer with error statuses, which Chromium reports as resource errors.
    expect(consoleErrors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
  });

  it('an unknown handle gets a friendly 404 page', async () => {
    const res = await page.goto(`${base}/no-such-person`);
    expect(res?.status()).toBe(404);
    expect(await page.getByText('No one has this Chatwork ID').isVisible()).toBe(true);
    await shot('not-found');
  });
});
