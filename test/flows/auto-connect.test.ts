import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Account,
  type Actor,
  type DomainEvent,
  ensureAccount,
  requestConnection,
  updateOrganisationPolicy,
} from '../../src/core/index.js';
import { contactNoticeDoc, noticeDoc } from '../../src/flows/cards/notices.js';
import { announce, noticeFor } from '../../src/flows/notices.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor } from '../helpers/identities.js';

/**
 * Same-organisation auto-connect (issue 15): the sender is answered `connected`; the person asked
 * hears it once from the outbox (`auto_connected`), in their language, with the sender's link.
 */
let t: TestCore;
const annActor = slackActor('UANN', 'Ann <Lee>', { teamId: 'TACME' });
const abeActor = slackActor('UABE', 'Abe Sato', { teamId: 'TACME', locale: 'ja' });

async function register(actor: Actor): Promise<Account> {
  const made = await ensureAccount(t.deps, actor);
  if (!made.ok) throw new Error(made.error.code);
  return made.value.account;
}

async function drain(): Promise<DomainEvent[]> {
  const items = await t.deps.store.claimOutbox({
    owner: 'test',
    now: t.clock.now(),
    leaseMs: 60_000,
    limit: 50,
  });
  for (const item of items) await t.deps.store.ackOutbox({ eventId: item.event.id, owner: 'test' });
  return items.map((i) => i.event);
}

beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

describe('same-organisation auto-connect tells the person asked', () => {
  it('one auto_connected notice to the recipient, none to the sender; the card names the sender', async () => {
    const ann = await register(annActor);
    const abe = await register(abeActor);
    await drain();
    const policy = await updateOrganisationPolicy(t.deps, 'slack-workspace:TACME', {
      autoConnectSameOrg: true,
    });
    expect(policy.ok).toBe(true);
    const sent = await requestConnection(t.deps, {
      actor: annActor,
      target: { kind: 'account', accountId: abe.id },
      note: null,
      source: 'handle',
    });
    expect(sent).toMatchObject({ ok: true, value: { outcome: { status: 'connected' } } });
    const events = await drain();
    expect(events).toEqual([
      expect.objectContaining({ type: 'auto_connected', recipientId: abe.id, actorId: ann.id }),
    ]);
    const [event] = events as [DomainEvent];

    const view = await noticeFor(t.deps, event, abe);
    expect(view).toMatchObject({
      kind: 'auto_connected',
      other: { id: ann.id },
      otherLink: 'https://invite.example.com/ann-lee',
    });
    if (view.kind !== 'auto_connected') throw new Error(view.kind);
    const doc = noticeDoc(view);
    expect(doc).toEqual(contactNoticeDoc(view));
    expect(doc?.buttons).toEqual([
      expect.objectContaining({ kind: 'url', url: 'https://invite.example.com/ann-lee' }),
    ]);
    const esc = {
      escape: (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      code: (s: string) => s,
    };
    expect(renderText('en', doc!.summary, esc)).toBe(
      'Ann &lt;Lee&gt; is in your organisation, so you are now contacts.',
    );
    expect(renderText('ja', doc!.summary)).toContain('Ann <Lee>さんは同じ組織のメンバー');
    expect(renderText('vi', doc!.summary)).toContain('cùng tổ chức');

    // Announced once: a redelivery of the same event sends nothing.
    const delivered: string[] = [];
    const telemetry = { action: () => {} } as unknown as Parameters<typeof announce>[1]['telemetry'];
    const run = { platform: 'slack' as const, telemetry };
    for (let i = 0; i < 2; i++)
      await announce(t.deps, run, event, abe, async (v) => {
        delivered.push(v.kind);
        return { kind: 'delivered' };
      });
    expect(delivered).toEqual(['auto_connected']);
  });

  it('without auto-connect the same pair gets an ordinary request, and another company is never connected', async () => {
    const abe = await register(abeActor);
    await register(annActor);
    const olgaActor = slackActor('UOLGA', 'Olga', { teamId: 'TOTHER' });
    await register(olgaActor);
    await drain();
    const plain = await requestConnection(t.deps, {
      actor: annActor,
      target: { kind: 'account', accountId: abe.id },
      note: null,
      source: 'handle',
    });
    expect(plain).toMatchObject({ ok: true, value: { outcome: { status: 'sent' } } });
    expect((await drain()).map((e) => e.type)).toEqual(['request_received']);
    await updateOrganisationPolicy(t.deps, 'slack-workspace:TACME', { autoConnectSameOrg: true });
    const other = await requestConnection(t.deps, {
      actor: olgaActor,
      target: { kind: 'account', accountId: abe.id },
      note: null,
      source: 'handle',
    });
    expect(other).toMatchObject({ ok: true, value: { outcome: { status: 'sent' } } });
    expect((await drain()).map((e) => e.type)).toEqual(['request_received']);
  });
});
