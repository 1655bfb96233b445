import { describe, expect, it } from 'vitest';
import { decideSend, type SendSnapshot, stateSeenBy } from '../../src/core/rules.js';
import type { RequestState } from '../../src/core/types.js';
import { T0 } from '../helpers/clock.js';
import { idGen } from '../helpers/random.js';
import { ACC_A, ACC_B, ACC_C, effectKinds, requestFixture } from '../helpers/requests.js';

const DAY = 86_400_000;
const A = ACC_A;
const B = ACC_B;
const C = ACC_C;
const req = requestFixture;
const kinds = effectKinds;

describe('stateSeenBy', () => {
  it.each<[RequestState, string, number, RequestState]>([
    ['pending', A, T0, 'pending'],
    ['pending', B, T0, 'pending'],
    ['declined', A, T0, 'pending'],
    ['declined', B, T0, 'declined'],
    ['declined', C, T0, 'declined'],
    ['pending', A, T0 + 30 * DAY, 'expired'],
    ['declined', A, T0 + 30 * DAY, 'expired'],
    ['declined', B, T0 + 30 * DAY, 'expired'],
    ['accepted', A, T0 + 99 * DAY, 'accepted'],
    ['withdrawn', B, T0, 'withdrawn'],
    ['expired', A, T0, 'expired'],
  ])('%s seen by %s at %i → %s', (state, viewer, now, seen) => {
    expect(stateSeenBy(req({ state }), viewer, now)).toBe(seen);
  });
});

describe('decideSend', () => {
  const snap = (over: Partial<SendSnapshot> = {}): SendSnapshot => ({
    senderId: A,
    recipientId: B,
    areContacts: false,
    outgoing: null,
    incoming: null,
    recipientBlocksSender: false,
    senderBlocksRecipient: false,
    sentInWindow: { count: 0, oldestAt: null },
    ...over,
  });
  const input = (now = T0) => ({
    requestId: 'req_new',
    note: 'hi',
    source: 'link' as const,
    context: null,
    now,
    newId: idGen(),
  });

  it.each<[string, Partial<SendSnapshot>, number, unknown, string[]]>([
    ['a fresh request', {}, T0, { status: 'sent' }, ['insert_request', 'emit:request_received']],
    ['to yourself', { recipientId: A }, T0, { code: 'OWN_LINK' }, []],
    ['to a contact', { areContacts: true }, T0, { code: 'ALREADY_CONTACTS' }, []],
    ['the same again', { outgoing: req() }, T0 + 1, { status: 'already_pending' }, []],
    [
      'the same after a silent decline',
      { outgoing: req({ state: 'declined' }) },
      T0 + 1,
      { status: 'already_pending' },
      [],
    ],
    [
      'after the old one expired',
      { outgoing: req() },
      T0 + 30 * DAY,
      { status: 'sent' },
      ['insert_request', 'emit:request_received'],
    ],
    [
      'the other way round',
      { incoming: req({ senderId: B, recipientId: A }) },
      T0 + 1,
      { status: 'connected' },
      ['update_request', 'add_contact', 'emit:request_accepted'],
    ],
    [
      'the other way round, lifting my own block',
      { incoming: req({ senderId: B, recipientId: A }), senderBlocksRecipient: true },
      T0 + 1,
      { status: 'connected' },
      ['update_request', 'add_contact', 'remove_block', 'emit:request_accepted'],
    ],
    [
      'the other way round, expired: a new request',
      { incoming: req({ senderId: B, recipientId: A }) },
      T0 + 30 * DAY,
      { status: 'sent' },
      ['insert_request', 'emit:request_received'],
    ],
    [
      'to someone who blocks me: swallowed',
      { recipientBlocksSender: true },
      T0,
      { status: 'sent' },
      ['insert_request'],
    ],
    [
      'to someone I block: lifts my block',
      { senderBlocksRecipient: true },
      T0,
      { status: 'sent' },
      ['insert_request', 'remove_block', 'emit:request_received'],
    ],
    [
      'within 7 days of withdrawing',
      { outgoing: req({ state: 'withdrawn', decidedAt: T0 }) },
      T0 + DAY,
      { code: 'WITHDRAW_COOLDOWN', retryAfterMs: 6 * DAY },
      [],
    ],
    [
      '7 days after withdrawing',
      { outgoing: req({ state: 'withdrawn', decidedAt: T0 }) },
      T0 + 7 * DAY,
      { status: 'sent' },
      ['insert_request', 'emit:request_received'],
    ],
    [
      'the 50th of the day',
      { sentInWindow: { count: 49, oldestAt: T0 } },
      T0 + 1,
      { status: 'sent' },
      ['insert_request', 'emit:request_received'],
    ],
    [
      'the 51st of the day',
      { sentInWindow: { count: 50, oldestAt: T0 } },
      T0 + 1000,
      { code: 'RATE_LIMITED', retryAfterMs: DAY - 1000 },
      [],
    ],
  ])('%s', (_label, over, now, expected, effectKinds) => {
    const { result, effects } = decideSend(snap(over), input(now));
    if (result.ok) expect(result.value).toMatchObject(expected as object);
    else expect(result.error).toEqual(expected);
    expect(kinds(effects)).toEqual(effectKinds);
  });

  it('a swallowed request is stored declined but reported to the sender as pending', () => {
    const { result, effects } = decideSend(snap({ recipientBlocksSender: true }), input());
    expect(result.ok && result.value.request.state).toBe('pending');
    const insert = effects.find((e) => e.kind === 'insert_request');
    expect(insert?.kind === 'insert_request' && insert.request).toMatchObject({
      state: 'declined',
      decidedAt: T0,
    });
  });

  it('a new request expires after 30 days and notifies the recipient', () => {
    const { result, effects } = decideSend(snap(), input());
    expect(result.ok && result.value.request).toMatchObject({
      id: 'req_new',
      expiresAt: T0 + 30 * DAY,
      note: 'hi',
    });
    const emit = effects.find((e) => e.kind === 'emit');
    expect(emit?.kind === 'emit' && emit.event).toMatchObject({
      type: 'request_received',
      recipientId: B,
      actorId: A,
      at: T0,
    });
  });

  it('RATE_LIMITED always asks to wait at least 1 ms', () => {
    const { result } = decideSend(snap({ sentInWindow: { count: 50, oldestAt: T0 - DAY } }), input());
    expect(result).toEqual({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: 1 } });
  });
});
