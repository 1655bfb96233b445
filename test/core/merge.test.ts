import { describe, expect, it } from 'vitest';
import {
  type Account,
  type ConnectionRequest,
  decideMerge,
  type MergeSide,
  POLICY,
} from '../../src/core/index.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity, teamsIdentity } from '../helpers/identities.js';
import { idGen } from '../helpers/random.js';

/** `decideMerge` as a pure function: the snapshot in, the outcome and the effects out. */
const account = (id: string, createdAt: number, platform: 'slack' | 'teams'): Account => ({
  id,
  handle: id,
  displayName: id,
  locale: 'en',
  searchable: true,
  identities: [platform === 'slack' ? slackIdentity(`U_${id}`) : teamsIdentity(`aad-${id}`)],
  createdAt,
});
const side = (a: Account, more: Partial<MergeSide> = {}): MergeSide => ({
  account: a,
  contacts: [],
  blocks: [],
  blockedBy: [],
  ...more,
});
const request = (
  id: string,
  senderId: string,
  recipientId: string,
  over: Partial<ConnectionRequest> = {},
) => ({
  id,
  senderId,
  recipientId,
  state: 'pending' as const,
  note: null,
  source: 'handle' as const,
  context: null,
  createdAt: T0,
  expiresAt: T0 + POLICY.request.expiresAfterMs,
  decidedAt: null,
  remindedAt: null,
  ...over,
});
const now = T0 + 1000;
const older = account('old', T0 - 10, 'slack');
const newer = account('new', T0, 'teams');
const code = { accountId: 'new', platform: 'teams' as const, expiresAt: now + 1 };

describe('decideMerge', () => {
  it('keeps the older account whichever side sent the code; on equal times the smaller id', () => {
    const a = decideMerge(
      { code, issuer: side(newer), joiner: side(older), platform: 'slack', open: [], now },
      idGen(),
    );
    expect(a.result).toEqual({ ok: true, value: { keepId: 'old', goneId: 'new', connected: [] } });
    expect(a.effects).toEqual([
      { kind: 'take_code' },
      { kind: 'absorb_account', keepId: 'old', goneId: 'new', aliasUntil: now + POLICY.handle.aliasTtlMs },
    ]);
    const twin = { ...newer, id: 'aaa', createdAt: older.createdAt };
    const b = decideMerge(
      {
        code: { ...code, accountId: 'aaa' },
        issuer: side(twin),
        joiner: side(older),
        platform: 'slack',
        open: [],
        now,
      },
      idGen(),
    );
    expect(b.result.ok && b.result.value.keepId).toBe('aaa');
  });

  it("a block of the newer account is not carried over the older one's contact; other blocks are", () => {
    const d = decideMerge(
      {
        code,
        issuer: side(newer, {
          blocks: [
            { id: 'x', at: 1 },
            { id: 'y', at: 2 },
          ],
          blockedBy: [{ id: 'z', at: 3 }],
        }),
        joiner: side(older, { contacts: [{ id: 'x', since: 1 }] }),
        platform: 'slack',
        open: [],
        now,
      },
      idGen(),
    );
    expect(d.effects.filter((e) => e.kind === 'add_block')).toEqual([
      { kind: 'add_block', blockerId: 'old', blockedId: 'y', at: 2 },
      { kind: 'add_block', blockerId: 'z', blockedId: 'old', at: 3 },
    ]);
  });

  it('a request each way with a third person connects them; an expired one is left to the sweep', () => {
    const theirs = request('r1', 't', 'new');
    const mine = request('r2', 'old', 't', { createdAt: T0 + 1 });
    const stale = request('r3', 'new', 'u', { expiresAt: now - 1 });
    const d = decideMerge(
      { code, issuer: side(newer), joiner: side(older), platform: 'slack', open: [theirs, mine, stale], now },
      idGen('evt'),
    );
    expect(d.result.ok && d.result.value.connected).toEqual(['t']);
    expect(d.effects.slice(1, -1)).toEqual([
      { kind: 'move_request', requestId: 'r1', senderId: 't', recipientId: 'old' },
      { kind: 'update_request', requestId: 'r1', from: 'pending', to: 'accepted', decidedAt: now },
      { kind: 'add_contact', a: 'old', b: 't', at: now },
      {
        kind: 'emit',
        event: {
          id: 'evt_000001',
          type: 'request_accepted',
          recipientId: 't',
          requestId: 'r1',
          actorId: 'old',
          at: now,
        },
      },
      { kind: 'delete_request', requestId: 'r2' },
    ]);
  });

  it('refuses an expired code, a missing account, the same account, the same platform, with no effects', () => {
    const base = { issuer: side(newer), joiner: side(older), platform: 'slack' as const, open: [], now };
    for (const [snap, codeWanted] of [
      [{ ...base, code: { ...code, expiresAt: now } }, 'MERGE_CODE_INVALID'],
      [{ ...base, code, issuer: null }, 'MERGE_CODE_INVALID'],
      [{ ...base, code, joiner: side(newer) }, 'MERGE_SAME_ACCOUNT'],
      [{ ...base, code, platform: 'teams' as const }, 'MERGE_SAME_PLATFORM'],
    ] as const) {
      const d = decideMerge(snap, idGen());
      expect(d).toEqual({ result: { ok: false, error: { code: codeWanted } }, effects: [] });
    }
  });
});
