import type { Effect } from './effects.js';
import { POLICY } from './policy.js';
import { err, ok, type Result } from './result.js';
import type { NewId } from './rules.js';
import {
  type Account,
  type ConnectionRequest,
  type Identity,
  identityKey,
  type Locale,
  type Platform,
} from './types.js';

/**
 * One person, two platforms (docs/rules.md, "Merging accounts"): `merge` gives a one-time code,
 * `merge <code>` sent from the other platform joins the two accounts. The rules as a pure function:
 * the store reads a snapshot in its transaction (or Lua script), calls `decideMerge`, and applies
 * the effects, all or none.
 */

export const MERGE_CODE = {
  /** How long a code works. */
  ttlMs: 10 * 60_000,
  /** Digits of a code: easy to type on a phone. */
  digits: 8,
} as const;

/** A code as stored: whose it is and on which platform it was shown. */
export interface MergeCode {
  accountId: string;
  platform: Platform;
  expiresAt: number;
}

export interface MergeSide {
  account: Account;
  contacts: Array<{ id: string; since: number }>;
  /** Whom this account blocked. */
  blocks: Array<{ id: string; at: number }>;
  /** Who blocked this account. */
  blockedBy: Array<{ id: string; at: number }>;
}

export interface MergeSnapshot {
  code: MergeCode | null;
  /** The account that sent `merge <code>`, from `platform`. */
  joiner: MergeSide | null;
  platform: Platform;
  /** The account the code belongs to. */
  issuer: MergeSide | null;
  /** Every pending or declined request from or to either account. */
  open: ConnectionRequest[];
  now: number;
}

/** What a merge changes besides the effects of the request rules. */
export type MergeEffect =
  | Effect
  | { kind: 'take_code' }
  | { kind: 'delete_request'; requestId: string }
  | { kind: 'move_request'; requestId: string; senderId: string; recipientId: string }
  /**
   * The newer account goes into the older one: its identities join (after the older one's), its handle
   * becomes an alias of the older account until `aliasUntil`, its queued notices go to the older
   * account, and everything else of it (settled requests, its contact and block rows) is removed.
   */
  | { kind: 'absorb_account'; keepId: string; goneId: string; aliasUntil: number };

export type MergeError =
  | { code: 'MERGE_CODE_INVALID' }
  | { code: 'MERGE_SAME_ACCOUNT' }
  | { code: 'MERGE_SAME_PLATFORM' };

export interface MergeOutcome {
  keepId: string;
  goneId: string;
  /** Third people who had a request each way with the person: now contacts. */
  connected: string[];
}

const older = (a: Account, b: Account): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

export function decideMerge(
  s: MergeSnapshot,
  newId: NewId,
): { result: Result<MergeOutcome, MergeError>; effects: MergeEffect[] } {
  const none = (e: MergeError) => ({ result: err(e), effects: [] });
  const { now } = s;
  if (!s.code || s.code.expiresAt <= now || !s.issuer || !s.joiner)
    return none({ code: 'MERGE_CODE_INVALID' });
  if (s.issuer.account.id === s.joiner.account.id) return none({ code: 'MERGE_SAME_ACCOUNT' });
  if (s.code.platform === s.platform) return none({ code: 'MERGE_SAME_PLATFORM' });

  const [keep, gone] = older(s.issuer.account, s.joiner.account)
    ? [s.issuer, s.joiner]
    : [s.joiner, s.issuer];
  const keepId = keep.account.id;
  const goneId = gone.account.id;
  const effects: MergeEffect[] = [{ kind: 'take_code' }];

  // One contact list: the older account's contacts stay, the newer one's join.
  const contacts = new Set(keep.contacts.map((c) => c.id));
  for (const c of gone.contacts) {
    if (c.id === keepId || contacts.has(c.id)) continue;
    contacts.add(c.id);
    effects.push({ kind: 'add_contact', a: keepId, b: c.id, at: c.since });
  }
  // One block list; a contact of the older account is not blocked by a block of the newer one.
  const blocked = new Set(keep.blocks.map((b) => b.id));
  for (const b of gone.blocks) {
    if (b.id === keepId || blocked.has(b.id) || contacts.has(b.id)) continue;
    effects.push({ kind: 'add_block', blockerId: keepId, blockedId: b.id, at: b.at });
  }
  const blockers = new Set(keep.blockedBy.map((b) => b.id));
  for (const b of gone.blockedBy) {
    if (b.id === keepId || blockers.has(b.id) || contacts.has(b.id)) continue;
    effects.push({ kind: 'add_block', blockerId: b.id, blockedId: keepId, at: b.at });
  }

  // Requests, grouped by the third person.
  const mine = (id: string) => id === keepId || id === goneId;
  const byOther = new Map<string, { out: ConnectionRequest[]; inc: ConnectionRequest[] }>();
  for (const r of [...s.open].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))) {
    if (mine(r.senderId) && mine(r.recipientId)) {
      effects.push({ kind: 'delete_request', requestId: r.id });
      continue;
    }
    const outgoing = mine(r.senderId);
    const other = outgoing ? r.recipientId : r.senderId;
    if (now >= r.expiresAt) continue; // the sweep expires it; absorb removes the newer account's
    const group = byOther.get(other) ?? { out: [], inc: [] };
    (outgoing ? group.out : group.inc).push(r);
    byOther.set(other, group);
  }
  const moveToKeep = (r: ConnectionRequest) => {
    if (r.senderId !== goneId && r.recipientId !== goneId) return;
    effects.push({
      kind: 'move_request',
      requestId: r.id,
      senderId: r.senderId === goneId ? keepId : r.senderId,
      recipientId: r.recipientId === goneId ? keepId : r.recipientId,
    });
  };
  const drop = (rs: ConnectionRequest[]) => {
    for (const r of rs) effects.push({ kind: 'delete_request', requestId: r.id });
  };
  // Keep's own request first, else the oldest.
  const pick = (rs: ConnectionRequest[]) =>
    rs.find((r) => r.senderId === keepId || r.recipientId === keepId) ?? rs[0];
  const connected: string[] = [];
  for (const [other, { out, inc }] of byOther) {
    if (contacts.has(other)) {
      drop([...out, ...inc]);
      continue;
    }
    const livePending = inc.filter((r) => r.state === 'pending');
    if (out.length > 0 && livePending.length > 0) {
      // As in the mutual rule (decideSend): their request is accepted, both become contacts.
      const accepted = pick(livePending) as ConnectionRequest;
      moveToKeep(accepted);
      effects.push({
        kind: 'update_request',
        requestId: accepted.id,
        from: 'pending',
        to: 'accepted',
        decidedAt: now,
      });
      effects.push({ kind: 'add_contact', a: keepId, b: other, at: now });
      effects.push({
        kind: 'emit',
        event: {
          id: newId(),
          type: 'request_accepted',
          recipientId: other,
          requestId: accepted.id,
          actorId: keepId,
          at: now,
        },
      });
      drop([...out, ...inc.filter((r) => r !== accepted)]);
      connected.push(other);
      continue;
    }
    for (const rs of [out, inc]) {
      const kept = pick(rs);
      if (!kept) continue;
      moveToKeep(kept);
      drop(rs.filter((r) => r !== kept));
    }
  }
  effects.push({ kind: 'absorb_account', keepId, goneId, aliasUntil: now + POLICY.handle.aliasTtlMs });
  return { result: ok({ keepId, goneId, connected }), effects };
}

/** `unmerge`: an identity leaves a merged account for a fresh one of its own. */
export type UnmergeError = { code: 'NOT_FOUND' } | { code: 'NOT_MERGED' } | { code: 'NO_HANDLE_AVAILABLE' };

export interface PutMergeCodeCommand extends MergeCode {
  code: string;
}

export interface MergeAccountsCommand {
  code: string;
  /** The account sending `merge <code>`, and the platform it is sent from. */
  accountId: string;
  platform: Platform;
  now: number;
  newId: NewId;
}

export interface UnmergeCommand {
  accountId: string;
  /** The identity that leaves, with the fresh account it gets. */
  identity: Identity;
  newAccountId: string;
  displayName: string;
  locale: Locale;
  handleCandidates: string[];
  now: number;
}

/** `unmerge`: an identity may leave only an account that keeps at least one other identity. */
export function decideUnmerge(account: Account | null, identity: Identity): Result<void, UnmergeError> {
  if (!account) return err({ code: 'NOT_FOUND' });
  const keys = account.identities.map(identityKey);
  if (keys.length < 2 || !keys.includes(identityKey(identity))) return err({ code: 'NOT_MERGED' });
  return ok(undefined);
}
