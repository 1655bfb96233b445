import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockPerson, ensureAccount, requestConnection } from '../../src/core/index.js';
import type { CardDoc } from '../../src/flows/card.js';
import { navigationDoc } from '../../src/flows/navigation.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { englishTexts } from './support.js';

/**
 * The buttons that change nothing (`src/flows/navigation.ts`) without a platform, on a real SQLite store:
 * [Show more] of each list, "Accept all (N)" asking first, and the privacy buttons that only answer in
 * private. What each shows is a card (`CardDoc`); none of them changes the store.
 */
let t: TestCore;
const ann = teamsActor('aad-ann', 'Ann Lee');
const senders = Array.from({ length: 12 }, (_, i) => slackActor(`US${i}`, `Sender ${i}`));
const teams = { reach: { publicUrl: 'https://invite.example.com' }, privateReply: true };

beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const said = englishTexts;
const actionsOf = (doc: CardDoc | null) =>
  (doc?.blocks ?? [])
    .flatMap((b) => (b.kind === 'item' || b.kind === 'buttons' ? b.buttons : []))
    .concat(doc?.buttons ?? [])
    .flatMap((b) => (b.kind === 'action' ? [b.action] : []));

async function askers(n: number) {
  const me = await ensureAccount(t.deps, ann);
  if (!me.ok) throw new Error('no account');
  for (const s of senders.slice(0, n)) {
    await requestConnection(t.deps, {
      actor: s,
      target: { kind: 'account', accountId: me.value.account.id },
      source: 'link',
    });
    t.clock.advance(1000);
  }
}

describe('flows/navigation', () => {
  it('"Accept all (N)": nothing to accept says so; otherwise the question counts them all, nothing accepted yet', async () => {
    expect(said(await navigationDoc(t.deps, ann, { kind: 'accept_all_ask' }, teams))).toEqual([
      'There are no incoming requests to accept.',
    ]);
    await askers(12);
    const asked = await navigationDoc(t.deps, ann, { kind: 'accept_all_ask' }, teams);
    expect(said(asked)[0]).toContain('Accept 12 incoming requests?');
    expect(actionsOf(asked)).toEqual([{ kind: 'accept_all', shown: 12, before: t.clock.now() }]);
    const first = await navigationDoc(t.deps, ann, { kind: 'page', list: 'incoming', cursor: null }, teams);
    expect(actionsOf(first).filter((a) => a.kind === 'accept')).toHaveLength(10);
  });

  it('[Show more] pages incoming requests (the next page only) and the block list', async () => {
    await askers(12);
    const first = await navigationDoc(t.deps, ann, { kind: 'page', list: 'incoming', cursor: null }, teams);
    const more = actionsOf(first).find((a) => a.kind === 'page');
    if (more?.kind !== 'page') throw new Error('no [Show more]');
    const second = await navigationDoc(t.deps, ann, more, teams);
    expect(actionsOf(second).filter((a) => a.kind === 'accept')).toHaveLength(2);
    expect(actionsOf(second).some((a) => a.kind === 'page')).toBe(false);
    expect(
      second?.blocks.some((b) => b.kind === 'heading' && renderText('en', b.text) === 'Sent requests'),
    ).toBe(false);
    await blockPerson(t.deps, ann, { kind: 'actor', actor: senders[0]! });
    const blocked = await navigationDoc(t.deps, ann, { kind: 'page', list: 'blocked', cursor: null }, teams);
    expect(actionsOf(blocked)).toEqual([expect.objectContaining({ kind: 'unblock' })]);
  });

  it('[Delete my data] asks and [Export my data] gives the link, only in private; nothing stored says so', async () => {
    const elsewhere = { ...teams, privateReply: false };
    expect(said(await navigationDoc(t.deps, ann, { kind: 'export_data_ask' }, elsewhere))[0]).toContain(
      'only shown in your personal chat',
    );
    expect(said(await navigationDoc(t.deps, ann, { kind: 'delete_data_ask' }, teams))).toEqual([
      'Nothing is stored about you: you have not used the app here yet.',
    ]);
    const me = await ensureAccount(t.deps, ann);
    if (!me.ok) throw new Error('no account');
    const ask = await navigationDoc(t.deps, ann, { kind: 'delete_data_ask' }, teams);
    expect(actionsOf(ask)).toEqual([
      { kind: 'delete_data', handle: me.value.account.handle },
      { kind: 'delete_data_cancel' },
    ]);
    const link = await navigationDoc(t.deps, ann, { kind: 'export_data_ask' }, teams);
    expect(link?.buttons).toEqual([
      expect.objectContaining({ kind: 'url', url: expect.stringContaining('/export/') }),
    ]);
    expect(await t.store.getAccountByIdentity(ann.identity)).not.toBeNull();
  });
});
