import { describe, expect, it } from 'vitest';
import {
  decideBlock,
  decideRemoveContact,
  decideSweep,
  decideTransition,
  handleChangeRetryAfter,
} from '../../src/core/rules.js';
import type { ConnectionRequest, Decision } from '../../src/core/types.js';
import { T0 } from '../helpers/clock.js';
import { idGen } from '../helpers/random.js';
import { ACC_A, ACC_B, ACC_C, effectKinds, requestFixture } from '../helpers/requests.js';

const DAY = 86_400_000;
const A = ACC_A;
const B = ACC_B;
const C = ACC_C;
const req = requestFixture;
const kinds = effectKinds;

describe('decideTransition', () => {
  const run = (request: ConnectionRequest | null, actor: string, action: Decision, now = T0 + 1) =>
    decideTransition(request, actor, action, now, idGen());

  it.each<[string, Partial<ConnectionRequest>, string, Decision, unknown, string[]]>([
    [
      'recipient accepts',
      {},
      B,
      'accept',
      { state: 'accepted' },
      ['update_request', 'add_contact', 'emit:request_accepted'],
    ],
    ['recipient declines, silently', {}, B, 'decline', { state: 'declined' }, ['update_request']],
    ['recipient blocks, silently', {}, B, 'block', { state: 'declined' }, ['update_request', 'add_block']],
    [
      'sender withdraws',
      {},
      A,
      'withdraw',
      { state: 'withdrawn' },
      ['update_request', 'emit:request_withdrawn'],
    ],
    [
      'sender withdraws a declined one, silently',
      { state: 'declined' },
      A,
      'withdraw',
      { state: 'withdrawn' },
      ['update_request'],
    ],
    ['sender accepts', {}, A, 'accept', { code: 'NOT_YOURS' }, []],
    ['sender declines', {}, A, 'decline', { code: 'NOT_YOURS' }, []],
    ['sender blocks', {}, A, 'block', { code: 'NOT_YOURS' }, []],
    ['recipient withdraws', {}, B, 'withdraw', { code: 'NOT_YOURS' }, []],
    ['a third party accepts', {}, C, 'accept', { code: 'NOT_YOURS' }, []],
    ['a third party withdraws', {}, C, 'withdraw', { code: 'NOT_YOURS' }, []],
    [
      'accept after accept',
      { state: 'accepted' },
      B,
      'accept',
      { code: 'ALREADY_DECIDED', state: 'accepted' },
      [],
    ],
    [
      'withdraw after accept',
      { state: 'accepted' },
      A,
      'withdraw',
      { code: 'ALREADY_DECIDED', state: 'accepted' },
      [],
    ],
    [
      'accept after decline',
      { state: 'declined' },
      B,
      'accept',
      { code: 'ALREADY_DECIDED', state: 'declined' },
      [],
    ],
    [
      'accept after withdraw',
      { state: 'withdrawn' },
      B,
      'accept',
      { code: 'ALREADY_DECIDED', state: 'withdrawn' },
      [],
    ],
    [
      'withdraw after withdraw',
      { state: 'withdrawn' },
      A,
      'withdraw',
      { code: 'ALREADY_DECIDED', state: 'withdrawn' },
      [],
    ],
  ])('%s', (_label, over, actor, action, expected, effectKinds) => {
    const { result, effects } = run(req(over), actor, action);
    if (result.ok) expect(result.value.request).toMatchObject({ ...(expected as object), decidedAt: T0 + 1 });
    else expect(result.error).toMatchObject(expected as object);
    expect(kinds(effects)).toEqual(effectKinds);
  });

  it('NOT_FOUND for a missing request', () => {
    expect(run(null, B, 'accept')).toEqual({
      result: { ok: false, error: { code: 'NOT_FOUND' } },
      effects: [],
    });
  });

  it('past expiry: ALREADY_DECIDED expired, and the expiry itself is recorded and announced', () => {
    for (const [actor, action] of [
      [B, 'accept'],
      [B, 'decline'],
      [A, 'withdraw'],
    ] as const) {
      const { result, effects } = run(req(), actor, action, T0 + 30 * DAY);
      expect(result.ok === false && result.error).toMatchObject({
        code: 'ALREADY_DECIDED',
        state: 'expired',
      });
      expect(kinds(effects)).toEqual(['update_request', 'emit:request_expired']);
      expect(effects[0]).toMatchObject({ from: 'pending', to: 'expired', decidedAt: T0 + 30 * DAY });
    }
  });

  it('past expiry, a declined request is expired for the sender too, with nothing to record', () => {
    const { result, effects } = run(req({ state: 'declined' }), A, 'withdraw', T0 + 30 * DAY);
    expect(result.ok === false && result.error).toMatchObject({ code: 'ALREADY_DECIDED', state: 'expired' });
    expect(effects).toEqual([]);
  });

  it('the update effect guards on the state it read (from → to)', () => {
    const { effects } = run(req(), B, 'accept');
    expect(effects[0]).toEqual({
      kind: 'update_request',
      requestId: 'req_1',
      from: 'pending',
      to: 'accepted',
      decidedAt: T0 + 1,
    });
    expect(effects[1]).toEqual({ kind: 'add_contact', a: A, b: B, at: T0 + 1 });
    expect(effects[2]).toMatchObject({
      kind: 'emit',
      event: { type: 'request_accepted', recipientId: A, actorId: B },
    });
  });
});

describe('decideRemoveContact and decideBlock', () => {
  it('remove needs a contact', () => {
    expect(decideRemoveContact(A, B, false)).toEqual({
      result: { ok: false, error: { code: 'NOT_CONTACTS' } },
      effects: [],
    });
    expect(kinds(decideRemoveContact(A, B, true).effects)).toEqual(['remove_contact']);
  });

  it.each<
    [
      string,
      {
        alreadyBlocked?: boolean;
        areContacts?: boolean;
        incoming?: ConnectionRequest | null;
        otherId?: string;
      },
      unknown,
      string[],
    ]
  >([
    ['a stranger', {}, { ok: true, value: { alreadyBlocked: false } }, ['add_block']],
    ['again', { alreadyBlocked: true }, { ok: true, value: { alreadyBlocked: true } }, []],
    [
      'a contact',
      { areContacts: true },
      { ok: true, value: { alreadyBlocked: false } },
      ['add_block', 'remove_contact'],
    ],
    [
      'someone asking me',
      { incoming: req({ senderId: C, recipientId: A }) },
      { ok: true, value: { alreadyBlocked: false } },
      ['add_block', 'update_request'],
    ],
    [
      'someone whose request expired',
      { incoming: req({ senderId: C, recipientId: A, expiresAt: T0 }) },
      { ok: true, value: { alreadyBlocked: false } },
      ['add_block'],
    ],
    ['myself', { otherId: A }, { ok: false, error: { code: 'OWN_LINK' } }, []],
  ])('block %s', (_label, over, expected, effectKinds) => {
    const { result, effects } = decideBlock(
      {
        actorId: A,
        otherId: over.otherId ?? C,
        alreadyBlocked: false,
        areContacts: false,
        incoming: null,
        ...over,
      },
      T0 + 1,
    );
    expect(result).toEqual(expected);
    expect(kinds(effects)).toEqual(effectKinds);
  });
});

describe('decideSweep', () => {
  it.each<[string, Partial<ConnectionRequest>, number, string[]]>([
    ['fresh', {}, T0 + 7 * DAY - 1, []],
    ['7 days old', {}, T0 + 7 * DAY, ['mark_reminded', 'emit:request_reminder']],
    ['already reminded', { remindedAt: T0 + 7 * DAY }, T0 + 8 * DAY, []],
    ['30 days old', {}, T0 + 30 * DAY, ['update_request', 'emit:request_expired']],
    [
      '30 days old, reminded',
      { remindedAt: T0 + 7 * DAY },
      T0 + 31 * DAY,
      ['update_request', 'emit:request_expired'],
    ],
    ['declined', { state: 'declined' }, T0 + 31 * DAY, []],
    ['accepted', { state: 'accepted' }, T0 + 31 * DAY, []],
  ])('%s', (_label, over, now, effectKinds) => {
    const effects = decideSweep(req(over), now, idGen());
    expect(kinds(effects)).toEqual(effectKinds);
    for (const e of effects)
      if (e.kind === 'emit') expect(e.event).toMatchObject({ recipientId: B, actorId: null, at: now });
  });
});

describe('handleChangeRetryAfter', () => {
  it.each<[string, number[], number, number | null]>([
    ['no changes', [], T0, null],
    ['two today', [T0, T0 + 1], T0 + 2, null],
    ['three today', [T0, T0 + 1000, T0 + 2000], T0 + 5000, DAY - 5000],
    ['three, the first a day ago', [T0, T0 + 1000, T0 + 2000], T0 + DAY, null],
    ['four, unordered', [T0 + 3000, T0, T0 + 2000, T0 + 1000], T0 + 5000, DAY - 4000],
    ['old ones ignored', [T0 - 2 * DAY, T0 - DAY - 1, T0], T0 + 1, null],
  ])('%s', (_label, times, now, expected) => {
    expect(handleChangeRetryAfter(times, now)).toBe(expected);
  });
});
