import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAccount, redeemDataExport } from '../../src/core/index.js';
import { askDeletion, exportData, type PrivacyView, runPrivacyClick } from '../../src/flows/privacy.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

/** `delete my data` and `export my data` without a platform: real SQLite, the flow's views. */
let t: TestCore;
beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const ann = slackActor('UANN', 'Ann Lee', { locale: 'en' });
const bob = teamsActor('aad-bob', 'Bob Tran');
const words = (v: PrivacyView) => (v.kind === 'said' ? renderText('en', v.said) : '');

async function annAndBobConnected() {
  const a = await ensureAccount(t.deps, ann);
  const b = await ensureAccount(t.deps, bob);
  if (!a.ok || !b.ok) throw new Error('fixture');
  const sent = await t.store.sendRequest({
    requestId: 'req_1',
    senderId: a.value.account.id,
    recipientId: b.value.account.id,
    note: 'hello <b>',
    source: 'link',
    context: null,
    now: t.clock.now(),
    newId: () => t.deps.random.id('evt'),
  });
  if (!sent.ok) throw new Error('fixture: send');
  return { annAccount: a.value.account, bobAccount: b.value.account };
}

describe('delete my data', () => {
  it('asks first, naming the handle that goes; the confirmation deletes everything and the handle is tombstoned', async () => {
    const { annAccount, bobAccount } = await annAndBobConnected();
    const asked = await askDeletion(t.deps, ann);
    expect(asked).toEqual({ view: { kind: 'delete_confirm', handle: 'ann-lee' }, outcome: 'ok' });
    expect(await t.store.getAccount(annAccount.id)).not.toBeNull();
    const done = await runPrivacyClick(t.deps, ann, { kind: 'delete_data', handle: 'ann-lee' });
    expect(done.outcome).toBe('ok');
    expect(done.view.changed).toBe(false);
    expect(words(done.view.view)).toContain('ann-lee');
    expect(await t.store.getAccount(annAccount.id)).toBeNull();
    expect(await t.store.tombstone('ann-lee')).toMatchObject({ handleKey: 'ann-lee' });
    const bobs = await t.store.listRequests({
      accountId: bobAccount.id,
      direction: 'incoming',
      now: t.clock.now(),
      limit: 10,
    });
    expect(bobs.items).toEqual([]);
  });

  it("a confirmation carrying someone else's handle is NOT_YOURS and deletes nothing", async () => {
    const { annAccount, bobAccount } = await annAndBobConnected();
    const forged = await runPrivacyClick(t.deps, bob, { kind: 'delete_data', handle: annAccount.handle });
    expect(forged.outcome).toBe('NOT_YOURS');
    expect(words(forged.view.view)).toBe(
      'Only the person whose data it is can confirm its deletion. Nothing was deleted.',
    );
    expect(await t.store.getAccount(annAccount.id)).not.toBeNull();
    expect(await t.store.getAccount(bobAccount.id)).not.toBeNull();
  });

  it('cancel changes nothing; someone never seen hears that nothing is stored and is not registered', async () => {
    const { annAccount } = await annAndBobConnected();
    const cancelled = await runPrivacyClick(t.deps, ann, { kind: 'delete_data_cancel' });
    expect(cancelled).toMatchObject({ outcome: 'cancelled', view: { changed: false } });
    expect(await t.store.getAccount(annAccount.id)).not.toBeNull();
    const stranger = slackActor('UNEW', 'New Person');
    const asked = await askDeletion(t.deps, stranger);
    expect(asked.outcome).toBe('none');
    expect(words(asked.view)).toContain('Nothing is stored about you');
    expect((await runPrivacyClick(t.deps, stranger, { kind: 'delete_data', handle: 'x' })).outcome).toBe(
      'NOT_FOUND',
    );
    expect(await t.store.getAccountByIdentity(stranger.identity)).toBeNull();
  });
});

describe('export my data', () => {
  it('a one-time link to everything stored: account, requests with notes, contacts', async () => {
    const { annAccount } = await annAndBobConnected();
    const out = await exportData(t.deps, ann, true);
    expect(out.outcome).toBe('ok');
    if (out.view.kind !== 'export_link') throw new Error('expected a link');
    expect(out.view.url).toMatch(/^https:\/\/invite\.example\.com\/export\/[A-Za-z0-9_-]{20,}$/);
    const token = out.view.url.split('/').pop() ?? '';
    const doc = await redeemDataExport(t.deps, token);
    if (!doc.ok) throw new Error(doc.error.code);
    expect(doc.value.account).toEqual(annAccount);
    expect(doc.value.requests).toMatchObject([
      {
        id: 'req_1',
        direction: 'sent',
        note: 'hello <b>',
        state: 'pending',
        other: { displayName: 'Bob Tran' },
      },
    ]);
    expect((await redeemDataExport(t.deps, token)).ok).toBe(false);
  });

  it('never where others would see it; nothing for someone never seen', async () => {
    await annAndBobConnected();
    const shared = await exportData(t.deps, ann, false);
    expect(shared.outcome).toBe('not_private');
    expect(words(shared.view)).toContain('personal chat');
    const none = await exportData(t.deps, slackActor('UNEW', 'New'), true);
    expect(none.outcome).toBe('none');
  });
});
