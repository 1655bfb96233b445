import type { Effect } from '../../core/index.js';

/**
 * The Lua scripts decide and write in one round trip; the pure rules in src/core/rules.ts stay the
 * source of truth. Each script returns the snapshot it read and a descriptor per effect it applied;
 * the store re-runs the TypeScript rule on that snapshot and compares. Any difference is a bug in
 * the Lua mirror and is thrown, never silently returned.
 */
export function describeEffect(e: Effect): string {
  switch (e.kind) {
    case 'insert_request': {
      const r = e.request;
      return [
        'ins',
        r.id,
        r.senderId,
        r.recipientId,
        r.state,
        r.createdAt,
        r.expiresAt,
        r.decidedAt ?? '-',
      ].join('|');
    }
    case 'update_request':
      return ['upd', e.requestId, e.from, e.to, e.decidedAt ?? '-'].join('|');
    case 'mark_reminded':
      return ['rem', e.requestId, e.at].join('|');
    case 'add_contact':
      return ['con+', e.a, e.b, e.at].join('|');
    case 'remove_contact':
      return ['con-', e.a, e.b].join('|');
    case 'add_block':
      return ['blk+', e.blockerId, e.blockedId, e.at].join('|');
    case 'remove_block':
      return ['blk-', e.blockerId, e.blockedId].join('|');
    case 'emit': {
      const v = e.event;
      return ['evt', v.id, v.type, v.recipientId, v.requestId, v.actorId ?? '-', v.at].join('|');
    }
  }
}

export class RuleMismatchError extends Error {
  override readonly name = 'RuleMismatchError';
}

/** Throws when the effects the Lua script applied differ from what the rules decided. */
export function verifyEffects(what: string, decided: readonly Effect[], applied: readonly string[]): void {
  const expected = decided.map(describeEffect);
  const same = expected.length === applied.length && expected.every((d, i) => d === applied[i]);
  if (!same) {
    throw new RuleMismatchError(
      `redis ${what}: Lua applied [${applied.join(', ')}] but the rules decided [${expected.join(', ')}]`,
    );
  }
}

/**
 * Event ids for one script call: taken from the command's `newId` before the call (the script
 * cannot call back), then handed to the rules in the same order when they are re-run.
 */
export function eventIds(newId: () => string, count: number) {
  const ids = Array.from({ length: count }, () => newId());
  let next = 0;
  return {
    ids,
    replay: (): string => {
      const id = ids[next++];
      if (id === undefined) throw new RuleMismatchError('the rules asked for more event ids than were sent');
      return id;
    },
  };
}
