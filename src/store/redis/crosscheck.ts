import type { Effect } from '../../core/index.js';

/**
 * The Lua scripts decide and write in one round trip; the pure rules in src/core/rules.ts stay the
 * source of truth. Each script returns the snapshot it read and a descriptor per effect it applied;
 * the store re-runs the TypeScript rule on that snapshot and compares. A difference is a bug in the
 * Lua mirror (or in the rules). By the time it is seen the script has already committed, so:
 * - with `strictRuleCheck` (the tests) it throws `RuleMismatchError`, so the bug fails the test;
 * - otherwise (production) it is reported to `onRuleMismatch` (compose.ts logs it and counts it),
 *   and the caller gets the outcome of what the script committed: a change that is stored is never
 *   answered with an error. Only when the script refused the action (stored nothing for it) does the
 *   call still fail, since an error is then the truth.
 */
export interface RuleMismatch {
  /** The store method, e.g. `decideRequest`. */
  method: string;
  /** What differed: the script's answer and effects against the rules'. */
  detail: string;
}

export interface RuleCheckOptions {
  /** Tests: a mismatch throws `RuleMismatchError`. Default false. */
  strictRuleCheck?: boolean;
  /** Told of every mismatch when not strict. Default: a process warning. */
  onRuleMismatch?: (mismatch: RuleMismatch) => void;
}

export class RuleMismatchError extends Error {
  override readonly name = 'RuleMismatchError';
}

export interface RuleCheck {
  /** Compares the script's status with the rules'; false (after reporting) when they differ. */
  status(method: string, lua: string, rules: string): boolean;
  /** Compares the effects the script applied with those the rules decided; false (after reporting) when they differ. */
  effects(method: string, decided: readonly Effect[], applied: readonly string[]): boolean;
  /** Reports any other difference (e.g. the other party the script returned). */
  mismatch(method: string, detail: string): void;
}

export function ruleCheck(opts: RuleCheckOptions = {}): RuleCheck {
  const report =
    opts.onRuleMismatch ??
    ((m: RuleMismatch) =>
      process.emitWarning(`redis ${m.method}: ${m.detail}`, { code: 'CHATWORK_INVITE_RULE_MISMATCH' }));
  const mismatch = (method: string, detail: string): void => {
    if (opts.strictRuleCheck) throw new RuleMismatchError(`redis ${method}: ${detail}`);
    report({ method, detail });
  };
  return {
    mismatch,
    status(method, lua, rules) {
      if (lua === rules) return true;
      mismatch(method, `Lua answered ${lua} but the rules ${rules}`);
      return false;
    },
    effects(method, decided, applied) {
      const expected = decided.map(describeEffect);
      if (expected.length === applied.length && expected.every((d, i) => d === applied[i])) return true;
      mismatch(method, `Lua applied [${applied.join(', ')}] but the rules decided [${expected.join(', ')}]`);
      return false;
    },
  };
}

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

/**
 * Event ids for one script call: taken from the command's `newId` before the call (the script
 * cannot call back), then handed to the rules in the same order when they are re-run. Should the
 * rules ask for more than were sent, they get ids no script used, so the effects differ and the
 * mismatch is reported like any other.
 */
export function eventIds(newId: () => string, count: number) {
  const ids = Array.from({ length: count }, () => newId());
  let next = 0;
  return {
    ids,
    replay: (): string => ids[next++] ?? `unsent-event-id-${next}`,
  };
}
