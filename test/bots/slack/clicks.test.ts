import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, encode } from '../../../src/bots/slack/values.js';
import type { Identity } from '../../../src/core/index.js';
import { actionsOf, type Harness, type SlackUserRef, slackHarness, TEAM, textOf } from './support.js';

let h: Harness;
let owner: SlackUserRef;
let contact: SlackUserRef;
let stranger: SlackUserRef;
const id = (userId: string, teamId = TEAM): Identity => ({ platform: 'slack', teamId, userId });
const accountOf = async (u: SlackUserRef) => h.store.getAccountByIdentity(id(u.id, u.teamId));
const last = () => h.slack.responses.at(-1)?.body ?? {};

beforeEach(async () => {
  h = await slackHarness();
  owner = h.user('UOWN', 'Olivia Owner');
  contact = h.user('UCON', 'Conn Contact');
  stranger = h.user('USTR', 'Stan Stranger');
  for (const u of [owner, contact, stranger]) await h.command(u, 'help');
  await h.command(owner, '');
  await h.command(contact, '<@UOWN>');
  await h.command(owner, '<@UCON>'); // the opposite request: now contacts
  await h.command(stranger, 'id');
});
afterEach(async () => h.close());

async function addValue(): Promise<string> {
  const card = await h.command(owner, '');
  const add = actionsOf(card.blocks).find((a) => a.action_id === ACTION.add);
  if (!add) throw new Error('no add button');
  return add.value;
}

describe('[Add to contacts] in the four viewer states', () => {
  it('a first-time clicker is registered on the spot and the request is sent (sign up and connect)', async () => {
    h.user('UNEW', 'Nina New');
    expect(await accountOf({ id: 'UNEW' })).toBeNull();
    expect(await h.click({ id: 'UNEW', name: 'nina' }, ACTION.add, await addValue())).toBe(200);
    expect(last().response_type).toBe('ephemeral');
    expect(last().replace_original).toBe(false);
    expect(String(last().text)).toMatch(
      /^Welcome! Your Chatwork ID is `[a-z0-9-]+`\. Request sent to Olivia Owner\.$/,
    );
    expect(await accountOf({ id: 'UNEW' })).not.toBeNull();
  });

  it('a newcomer in a Japanese Slack is registered with their real name, a handle from it, and answered in Japanese', async () => {
    h.user('UJPN', 'Sato Hanako', { locale: 'ja-JP' });
    await h.click({ id: 'UJPN', name: 'hsato' }, ACTION.add, await addValue());
    const me = await accountOf({ id: 'UJPN' });
    expect(me).toMatchObject({ displayName: 'Sato Hanako', handle: 'sato-hanako', locale: 'ja' });
    expect(String(last().text)).toContain('Olivia Owner');
    expect(String(last().text)).toContain('`sato-hanako`');
    expect(String(last().text)).not.toMatch(/Welcome|Request sent/);
  });

  it('the owner is told it is their own invite; a contact that they are already contacts', async () => {
    const value = await addValue();
    await h.click(owner, ACTION.add, value);
    expect(last().text).toBe('This is your invite link.');
    await h.click(contact, ACTION.add, value);
    expect(last().text).toBe('Olivia Owner is already in your contacts.');
  });

  it("a stranger's click sends the request; a second click says it is pending", async () => {
    const value = await addValue();
    await h.click(stranger, ACTION.add, value);
    expect(last().text).toBe('Request sent to Olivia Owner. You will be told when they accept.');
    await h.click(stranger, ACTION.add, value);
    expect(last().text).toBe('Your request to Olivia Owner is pending.');
    const me = await accountOf(owner);
    const incoming = await h.store.listRequests({
      accountId: me!.id,
      direction: 'incoming',
      now: h.clock.now(),
      limit: 10,
    });
    expect(incoming.items).toHaveLength(1);
    expect(incoming.items[0]?.source).toBe('link');
  });
});

describe('[Accept] [Decline] Block, Withdraw: only the right person can act', () => {
  async function pendingFromStranger() {
    await h.command(stranger, '<@UOWN> hi');
    const me = await accountOf(owner);
    const page = await h.store.listRequests({
      accountId: me!.id,
      direction: 'incoming',
      now: h.clock.now(),
      limit: 10,
    });
    const req = page.items[0];
    if (!req) throw new Error('no request');
    return req.id;
  }

  it('anyone but the recipient is refused with a message, and nothing changes', async () => {
    const r = await pendingFromStranger();
    h.user('UNEW', 'Nina New');
    const others: SlackUserRef[] = [{ id: 'UNEW' }, stranger, contact, { id: 'UOWN', teamId: 'T0OTHER' }];
    for (const clicker of others) {
      for (const [action, value, selected] of [
        [ACTION.accept, encode.request({ r, s: 'dm' }), false],
        [ACTION.decline, encode.request({ r, s: 'dm' }), false],
        [ACTION.more, encode.block(r, 'dm'), true],
      ] as const) {
        await h.click(clicker, action, value, { selected });
        expect(last().text, `${clicker.id} ${action}`).toBe('This request is not yours to answer.');
        expect(last().replace_original).toBe(false);
      }
    }
    expect((await h.store.getRequest(r))?.state).toBe('pending');
    // Withdraw: only the sender.
    for (const clicker of [owner, contact, { id: 'UNEW' }]) {
      await h.click(clicker, ACTION.withdraw, encode.request({ r, s: 'list' }));
      expect(last().text).toBe('This request is not yours to answer.');
    }
    expect((await h.store.getRequest(r))?.state).toBe('pending');
  });

  it('the recipient accepts: the DM card updates in place; a second or stale click shows the final state', async () => {
    const r = await pendingFromStranger();
    await h.click(owner, ACTION.accept, encode.request({ r, s: 'dm' }), { channel: 'DUOWN' });
    expect(last().replace_original).toBe(true);
    expect(textOf(last().blocks)).toContain('Request from *Stan Stranger*: Accepted');
    expect(actionsOf(last().blocks)).toEqual([]);
    expect((await h.store.getRequest(r))?.state).toBe('accepted');
    // Replayed values in new clicks: the final state, nothing changes.
    await h.click(owner, ACTION.decline, encode.request({ r, s: 'dm' }));
    expect(last().replace_original).toBe(true);
    expect(textOf(last().blocks)).toContain('Accepted');
    expect(textOf(last().blocks)).toContain('already answered');
    await h.click(owner, ACTION.more, encode.block(r, 'dm'), { selected: true });
    expect((await h.store.getRequest(r))?.state).toBe('accepted');
    const rel = await h.store.relationship((await accountOf(owner))!.id, (await accountOf(stranger))!.id);
    expect(rel.areContacts).toBe(true);
    expect(rel.aBlocksB).toBe(false);
  });

  it('decline and block are silent for the sender; the sender can still withdraw a declined request', async () => {
    const r = await pendingFromStranger();
    await h.click(owner, ACTION.decline, encode.request({ r, s: 'dm' }));
    expect(textOf(last().blocks)).toContain('Declined');
    await h.click(stranger, ACTION.withdraw, encode.request({ r, s: 'list' }));
    expect(last().text).toBe('Request to Olivia Owner withdrawn.');
    expect((await h.store.getRequest(r))?.state).toBe('withdrawn');
  });

  it('Block from the overflow blocks the sender', async () => {
    const r = await pendingFromStranger();
    await h.click(owner, ACTION.more, encode.block(r, 'list'), { selected: true });
    expect(last().text).toContain('Blocked. Stan Stranger');
    const rel = await h.store.relationship((await accountOf(owner))!.id, (await accountOf(stranger))!.id);
    expect(rel.aBlocksB).toBe(true);
  });

  it('a retried delivery of the same click (same action_ts) has no second effect', async () => {
    const r = await pendingFromStranger();
    const before = h.slack.responses.length;
    await h.click(owner, ACTION.accept, encode.request({ r, s: 'dm' }), { actionTs: '1736154000.000001' });
    await h.click(owner, ACTION.accept, encode.request({ r, s: 'dm' }), { actionTs: '1736154000.000001' });
    expect(h.slack.responses.length - before).toBe(1);
  });

  it('forged or foreign values are refused with a message', async () => {
    await h.click(owner, ACTION.accept, '{"r":"req_forged","s":"dm"}');
    expect(last().text).toContain('out of date');
    await h.click(owner, ACTION.accept, 'not json');
    expect(last().text).toContain('out of date');
    await h.click(owner, 'someone_elses_action', '{}');
    expect(last().text).toContain('out of date');
    // An invite card whose owner is gone is not one of ours any more (the same as in Teams).
    await h.click(stranger, ACTION.add, encode.add('acc_missing'));
    expect(last().text).toContain('out of date');
  });
});

describe('contacts, search opt-out, handle change and paging', () => {
  it('Remove from the contact overflow: only a contact can remove', async () => {
    const other = (await accountOf(owner))!.id;
    await h.click(stranger, ACTION.contact, encode.remove(other, 'list'), { selected: true });
    expect(last().text).toBe('That person is not in your contacts.');
    await h.click(contact, ACTION.contact, encode.remove(other, 'list'), { selected: true });
    expect(last().text).toBe('Olivia Owner was deleted from your contacts.');
    expect((await h.store.relationship(other, (await accountOf(contact))!.id)).areContacts).toBe(false);
    // The Message option is a URL: acked, nothing else.
    const before = h.slack.responses.length;
    await h.click(contact, ACTION.contact, encode.message(), { selected: true });
    expect(h.slack.responses.length).toBe(before);
  });

  it('the search toggle and Change on App Home refresh the Home view', async () => {
    h.slack.reset();
    await h.click(owner, ACTION.searchable, encode.searchable(false), { container: 'view' });
    expect((await accountOf(owner))?.searchable).toBe(false);
    const view = h.slack.callsTo('views.publish').at(-1)?.args.view as { blocks: unknown[] };
    expect(textOf(view.blocks)).toContain('You are hidden from `find`.');
    expect(textOf(view.blocks)).toContain('Show me in search');

    await h.click(owner, ACTION.changeHandle, 'change', { container: 'view', triggerId: 'trig-123' });
    const open = h.slack.callsTo('views.open')[0];
    expect(open?.args.trigger_id).toBe('trig-123');

    const submit = async (handle: string) => {
      const payload = {
        type: 'view_submission',
        team: { id: TEAM, domain: 'acme' },
        user: { id: 'UOWN', team_id: TEAM, name: 'olivia' },
        view: {
          id: 'VMODAL',
          callback_id: 'ci_change_handle_modal',
          state: { values: { handle: { value: { type: 'plain_text_input', value: handle } } } },
        },
      };
      const res = await h.post(
        `payload=${encodeURIComponent(JSON.stringify(payload))}`,
        'application/x-www-form-urlencoded',
      );
      await h.bot.drain();
      return res;
    };
    const bad = await submit('no');
    expect(JSON.parse(bad.body)).toEqual({
      response_action: 'errors',
      errors: { handle: expect.stringContaining('4–32') },
    });
    const good = await submit('olivia-o');
    expect(good.statusCode).toBe(200);
    expect(good.body).toBe('');
    expect((await accountOf(owner))?.handle).toBe('olivia-o');
    const after = h.slack.callsTo('views.publish').at(-1)?.args.view as { blocks: unknown[] } | undefined;
    expect(textOf(after?.blocks)).toContain('olivia-o');
  });

  it('Show more pages a long list in place', async () => {
    for (let i = 0; i < 12; i++) {
      const u = h.user(`USEND${i}`, `Sender ${i}`);
      await h.command(u, '<@UOWN>');
    }
    const list = await h.command(owner, 'requests');
    const more = actionsOf(list.blocks).find((a) => a.action_id === ACTION.page);
    expect(more).toBeDefined();
    await h.click(owner, ACTION.page, more!.value, { container: 'ephemeral' });
    expect(last().replace_original).toBe(true);
    expect(actionsOf(last().blocks).filter((a) => a.action_id === ACTION.accept).length).toBe(2);
  });
});

describe('a mutual request auto-connects: the clicker’s own request card is settled', () => {
  it('Olivia asked Stan; Stan clicks [Add to contacts] on her card: his Accept/Decline DM shows Accepted, no buttons', async () => {
    await h.command(owner, '<@USTR>');
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage').find((c) => c.channel === 'USTR');
    expect(actionsOf(dm?.blocks).map((a) => a.action_id)).toContain(ACTION.accept);
    await h.click(stranger, ACTION.add, await addValue());
    expect(last().text).toBe('You and Olivia Owner are now contacts.');
    const update = h.slack.callsTo('chat.update').find((c) => c.args.channel === 'DUSTR');
    expect(update, "no chat.update of Stan's request card").toBeDefined();
    expect(textOf(update?.blocks)).toContain('Request from *Olivia Owner*: Accepted');
    expect(actionsOf(update?.blocks)).toEqual([]);
  });
});

describe('a click during a store outage', () => {
  it('is still acknowledged, and the clicker is told it is temporarily unavailable (never silence)', async () => {
    const value = await addValue();
    await h.store.close();
    expect(await h.click(stranger, ACTION.add, value)).toBe(200);
    expect(last().text).toBe('Chatwork Invite is temporarily unavailable. Please try again in a minute.');
  });
});
