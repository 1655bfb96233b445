import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { chatworkActions } from '../../src/chatwork/actions.js';
import { chatPortOf } from '../../src/chatwork/index.js';
import { loadConfig } from '../../src/config.js';
import { type Actor, type CoreDeps, ensureAccount } from '../../src/core/index.js';
import { provideChatwork } from '../../src/flows/chatwork.js';
import { buildServer } from '../../src/http/server.js';
import { type Bridge, linkByToken, openBridge, SECRET } from '../chatwork/support.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

/**
 * `GET /<handle>` of someone linked to Chatwork: their real `https://www.chatwork.com/<chatwork_id>`
 * with [Open in Chatwork] beside [Add to contacts], escaped and localized. The real server, a real
 * SQLite store, the bridge's real linking against the fake Chatwork API over HTTP.
 */
const ann = slackActor('UANN', 'Ann Lee');
const bob = teamsActor('aad-bob', 'Bob Tanaka');

let b: Bridge;
let deps: CoreDeps;
let app: FastifyInstance;
beforeEach(async () => {
  b = await openBridge();
  deps = { store: b.store, clock: b.clock, random: b.random, publicUrl: TEST_PUBLIC_URL };
  const actions = chatworkActions({ api: b.api, linking: b.linking, clock: b.clock });
  provideChatwork(deps, chatPortOf({ api: b.api, linking: b.linking, actions, poller: b.poller() }));
  const loaded = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  app = await buildServer({ config: loaded.config, core: deps, secretKey: SECRET });
});
afterEach(async () => {
  await app.close();
  await b.close();
});

async function register(actor: Actor) {
  const found = await ensureAccount(deps, actor);
  if (!found.ok) throw new Error(found.error.code);
  return found.value.account;
}
const page = async (handle: string, lang = 'en') => {
  const res = await app.inject({ url: `/${handle}?lang=${lang}` });
  expect(res.statusCode).toBe(200);
  return res.body;
};

it('a linked owner’s page shows their chatwork.com link and [Open in Chatwork], in en, ja and vi', async () => {
  const owner = await register(ann);
  await linkByToken(b, owner.id, { chatwork_id: 'ann_cw' });
  const en = await page(owner.handle);
  expect(en).toContain('data-state="anonymous"');
  expect(en).toContain(
    '<a class="button secondary" href="https://www.chatwork.com/ann_cw" rel="noopener noreferrer">Open in Chatwork</a>',
  );
  expect(en).toContain('>https://www.chatwork.com/ann_cw</a>');
  expect(await page(owner.handle, 'ja')).toContain('>Chatworkで開く</a>');
  expect(await page(owner.handle, 'vi')).toContain('>Mở trong Chatwork</a>');
});

it('a Chatwork ID that needs escaping is encoded in the link and escaped in the page', async () => {
  const owner = await register(ann);
  await linkByToken(b, owner.id, { chatwork_id: 'a"b<c>' });
  const body = await page(owner.handle);
  expect(body).toContain('href="https://www.chatwork.com/a%22b%3Cc%3E"');
  expect(body).not.toContain('a"b<c>');
});

it('someone not linked, or linked without a Chatwork ID, has no Chatwork link on their page', async () => {
  const owner = await register(ann);
  const other = await register(bob);
  await linkByToken(b, other.id, { chatwork_id: '' });
  for (const handle of [owner.handle, other.handle]) {
    const body = await page(handle);
    expect(body).toContain('<h1>');
    expect(body).not.toContain('www.chatwork.com');
    expect(body).not.toContain('Open in Chatwork');
  }
});
