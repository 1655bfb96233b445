import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatworkActions, chatworkActions } from '../../src/chatwork/actions.js';
import { type Bridge, linkByToken, openBridge } from './support.js';

/** [Accept] / [Not now] / "already a contact" / a changed Chatwork ID, with the person's own token, over HTTP. */
describe('actions on a linked person’s behalf', () => {
  let b: Bridge;
  let actions: ChatworkActions;
  beforeEach(async () => {
    b = await openBridge();
    actions = chatworkActions({ api: b.api, linking: b.linking, clock: b.clock });
  });
  afterEach(() => b.close());

  it('Accept calls PUT once and gives the new direct chat; Not now calls DELETE; both leave the list', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const bob = b.cw.addRequest(ann.accountId, { name: 'Bob' });
    const cy = b.cw.addRequest(ann.accountId, { name: 'Cy' });
    const accepted = await actions.decide('acc_ann', Number(bob.request_id), 'accept');
    expect(accepted).toMatchObject({ ok: true, value: { action: 'accepted', contact: { name: 'Bob' } } });
    if (!accepted.ok || accepted.value.action !== 'accepted') return;
    expect(accepted.value.roomUrl).toBe(`https://www.chatwork.com/#!rid${accepted.value.contact.room_id}`);
    expect(await actions.decide('acc_ann', Number(cy.request_id), 'decline')).toEqual({
      ok: true,
      value: { action: 'declined' },
    });
    expect(b.cw.callsTo(`PUT /incoming_requests/${bob.request_id}`)).toHaveLength(1);
    expect(b.cw.callsTo(`DELETE /incoming_requests/${cy.request_id}`).map((c) => c.status)).toEqual([204]);
    expect(ann.requests).toEqual([]);
  });

  it('a request already handled in Chatwork (404) is ALREADY_HANDLED and changes nothing', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const bob = b.cw.addRequest(ann.accountId);
    ann.requests.length = 0; // accepted in Chatwork itself meanwhile
    expect(await actions.decide('acc_ann', Number(bob.request_id), 'accept')).toEqual({
      ok: false,
      error: { code: 'ALREADY_HANDLED' },
    });
    expect(await actions.decide('acc_ann', Number(bob.request_id), 'decline')).toEqual({
      ok: false,
      error: { code: 'ALREADY_HANDLED' },
    });
    expect(ann.contacts).toEqual([]);
  });

  it('a refused token (401) is BROKEN and marks the link so; a rate limit says until when', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const bob = b.cw.addRequest(ann.accountId);
    const resetAt = Math.floor(b.clock.now() / 1000) + 60;
    b.cw.failNext('PUT /incoming_requests/{id}', { status: 429, resetAt });
    expect(await actions.decide('acc_ann', Number(bob.request_id), 'accept')).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', resetAt: resetAt * 1000 },
    });
    b.cw.revoke(ann.accountId);
    expect(await actions.decide('acc_ann', Number(bob.request_id), 'accept')).toEqual({
      ok: false,
      error: { code: 'BROKEN' },
    });
    expect(await b.linking.getLink('acc_ann')).toMatchObject({ status: 'broken' });
    expect(await actions.decide('acc_nobody', 1, 'accept')).toEqual({
      ok: false,
      error: { code: 'NOT_LINKED' },
    });
  });

  it('already contacts: GET /contacts knows the other account after an Accept', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const bob = b.cw.addRequest(ann.accountId);
    expect(await actions.areContacts('acc_ann', Number(bob.account_id))).toEqual({ ok: true, value: false });
    await actions.decide('acc_ann', Number(bob.request_id), 'accept');
    expect(await actions.areContacts('acc_ann', Number(bob.account_id))).toEqual({ ok: true, value: true });
    expect(b.cw.callsTo('GET /contacts')).toHaveLength(2);
  });

  it('refreshProfile keeps a changed Chatwork ID and when it read the profile', async () => {
    const ann = await linkByToken(b, 'acc_ann', { chatwork_id: '' });
    expect(await actions.refreshProfile('acc_ann')).toMatchObject({ ok: true, value: { changed: false } });
    ann.me.chatwork_id = 'ann_real';
    expect(await actions.refreshProfile('acc_ann')).toMatchObject({
      ok: true,
      value: { changed: true, link: { chatworkId: 'ann_real' } },
    });
    expect(await b.linking.getLink('acc_ann')).toMatchObject({
      chatworkId: 'ann_real',
      status: 'active',
      profileCheckedAt: b.clock.now(),
    });
  });
});
