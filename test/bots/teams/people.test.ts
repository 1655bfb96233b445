import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cardAction,
  cardText,
  executeActions,
  identityOf,
  lastCardTo,
  message,
  type TeamsTest,
  teamsServerWith,
  user,
} from './support.js';

/**
 * The block list, bulk accept and paging in Teams, over the real server and the fake Bot Connector:
 * "Accept all (N)" asks first, [Show more] pages requests, contacts and the block list like Slack's.
 */
const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob <b>&');

describe('Teams: blocked, unblock, accept all, [Show more]', () => {
  let t: TeamsTest;
  beforeEach(async () => {
    t = await teamsServerWith([ann, bob]);
  });
  afterEach(async () => t.close());

  const accountOf = async (key: string) => {
    const a = await t.store.getAccountByIdentity(identityOf(key));
    if (!a) throw new Error(`no account ${key}`);
    return a;
  };
  const lastCard = (u: { conversationId: string }) => lastCardTo(t, u);
  /** An invoke's answer: the card it returns (or the message text). */
  async function click(u: typeof ann, verb: string, data: unknown) {
    const res = await t.post(cardAction(t, u, verb, data));
    expect(res.statusCode).toBe(200);
    return (res.json() as { value: unknown }).value;
  }
  async function askers(n: number) {
    const list = Array.from({ length: n }, (_, i) => user(`s${i}`, `Sender ${String.fromCharCode(65 + i)}`));
    for (const s of list) {
      await t.post(message(t, s, `${(await accountOf('ann')).handle}`));
      t.clock.advance(100);
    }
    return list;
  }

  it('block, the block list with [Unblock], the click lifts it; unblocking again is NOT_BLOCKED', async () => {
    const bobHandle = (await accountOf('bob')).handle;
    await t.post(message(t, ann, `block ${bobHandle}`));
    await t.post(message(t, ann, 'blocked'));
    const list = lastCard(ann);
    expect(cardText(list)).toContain('People you blocked');
    expect(cardText(list)).toContain('Bob <b>&');
    const unblock = executeActions(list).find((a) => a.verb === 'unblock');
    if (!unblock) throw new Error('no [Unblock]');
    const answer = await click(ann, 'unblock', unblock.data);
    expect(cardText(answer)).toBe(
      'Bob <b>& is unblocked. They are not notified, and can send you requests again.',
    );
    expect(
      (await t.store.relationship((await accountOf('ann')).id, (await accountOf('bob')).id)).aBlocksB,
    ).toBe(false);
    await t.post(message(t, ann, `unblock ${bobHandle}`));
    expect(cardText(lastCard(ann))).toBe('That person is not blocked.');
    // A forged value changes nothing and is told as an outdated card.
    expect(await click(ann, 'unblock', { v: 1 })).toContain('out of date');
  });

  it('requests page with [Show more]; "Accept all (N)" asks, the confirmation accepts each and tells each sender once', async () => {
    const senders = await askers(12);
    await t.deliver();
    await t.post(message(t, ann, 'requests'));
    const first = lastCard(ann);
    const actions = executeActions(first);
    expect(actions.filter((a) => a.verb === 'accept')).toHaveLength(10);
    expect(actions.map((a) => a.title)).toContain('Accept all (10+)');
    const more = actions.find((a) => a.verb === 'show-more');
    if (!more) throw new Error('no [Show more]');
    const second = await click(ann, 'show-more', more.data);
    expect(executeActions(second).filter((a) => a.verb === 'accept')).toHaveLength(2);
    expect(executeActions(second).some((a) => a.verb === 'show-more')).toBe(false);
    expect(cardText(second)).not.toContain('Sent requests');
    // Ten on the first page and two on the second: every sender once.
    const named = `${cardText(first)}\n${cardText(second)}`;
    for (const s of senders) expect(named.split(s.name).length - 1).toBe(1);

    const ask = actions.find((a) => a.verb === 'accept-all-ask');
    if (!ask) throw new Error('no "Accept all (N)"');
    const confirm = await click(ann, 'accept-all-ask', ask.data);
    expect(cardText(confirm)).toContain('Accept 12 incoming requests?');
    const yes = executeActions(confirm).find((a) => a.verb === 'accept-all');
    if (!yes) throw new Error('no confirmation button');
    expect(yes.title).toBe('Accept all (12)');
    const before = new Map(
      senders.map((s) => [s.conversationId, t.connector.sends(s.conversationId).length]),
    );
    expect(cardText(await click(ann, 'accept-all', yes.data))).toBe(
      'Accepted 12 requests. You are now contacts.',
    );
    for (let i = 0; i < 20 && (await t.deliver()).claimed > 0; i++);
    for (const s of senders)
      expect(t.connector.sends(s.conversationId).length - (before.get(s.conversationId) ?? 0)).toBe(1);
    expect(await click(ann, 'accept-all', yes.data)).toContain('12 had already been answered');
  });

  it('contacts page with [Show more] (20 a page)', async () => {
    await askers(23);
    await t.post(message(t, ann, 'accept all'));
    const yes = executeActions(lastCard(ann)).find((a) => a.verb === 'accept-all');
    await click(ann, 'accept-all', yes?.data);
    await t.post(message(t, ann, 'contacts'));
    const first = lastCard(ann);
    expect(executeActions(first).filter((a) => a.verb === 'remove')).toHaveLength(20);
    const more = executeActions(first).find((a) => a.verb === 'show-more');
    const second = await click(ann, 'show-more', more?.data);
    expect(executeActions(second).filter((a) => a.verb === 'remove')).toHaveLength(3);
  });
  it('a note from a click: "Add with a note" shows an input beside [Add to contacts]; the note reaches the owner as literal text', async () => {
    await t.post(message(t, ann, 'invite'));
    const invite = lastCard(ann);
    const json = JSON.stringify(invite);
    expect(json).toContain('"type":"Action.ShowCard"');
    expect(json).toContain('"type":"Input.Text","id":"note"');
    expect(json).toContain('"maxLength":300');
    const sends = executeActions(invite).filter((a) => a.verb === 'add-to-contacts');
    // [Add to contacts] keeps its one click; [Send request] inside "Add with a note" is the same verb.
    expect(sends.map((a) => a.title)).toEqual(['Add to contacts', 'Send request']);
    const ownerId = String(sends[0]?.data.ownerId);
    const tooLong = await click(bob, 'add-to-contacts', { v: 1, ownerId, note: 'x'.repeat(301) });
    expect(JSON.stringify(tooLong)).toContain('300');
    expect(
      (await t.store.relationship((await accountOf('bob')).id, (await accountOf('ann')).id)).outgoing,
    ).toBeNull();
    const note = '<b>& see you [there](https://evil.example) **now**';
    await click(bob, 'add-to-contacts', { v: 1, ownerId, note });
    const before = t.connector.sends(ann.conversationId).length;
    await t.deliver();
    expect(t.connector.sends(ann.conversationId)).toHaveLength(before + 1);
    const received = lastCard(ann);
    expect(cardText(received)).toContain(`Message: ${note}`);
    // In a TextRun: shown as typed, never read as Markdown.
    expect(JSON.stringify(received)).toContain(
      JSON.stringify({ type: 'TextRun', text: `Message: ${note}` }).slice(1, -1),
    );
  });
});
