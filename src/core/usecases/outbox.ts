import type { OutboxItem } from '../events.js';
import type { DeliveryResult, Notifier } from '../ports.js';
import type { CoreDeps } from './deps.js';
import { noticePlatform } from './platform-used.js';

export const DELIVERY = {
  leaseMs: 30_000,
  batch: 20,
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
} as const;

/** Exponential backoff with full jitter, never shorter than the platform's Retry-After. */
export function backoffMs(attempts: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(DELIVERY.maxBackoffMs, DELIVERY.baseBackoffMs * 2 ** attempts);
  const jittered = Math.floor(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

export interface DispatchReport {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Events that went to the dead letter, for the log line and metric. */
  deadEvents: Array<{ eventId: string; type: string; recipientId: string; attempts: number; error: string }>;
  /** The longest Retry-After a platform answered in this step (0: none); the loop pauses that long. */
  retryAfterMs: number;
}

/**
 * One dispatcher step: lease a batch (at most one item per recipient, so order is kept per
 * recipient), deliver each through the notifier of the recipient's platform, then ack the delivered
 * ones together (one round trip), retry the others with backoff, or dead-letter after `maxAttempts`.
 * `limit` (default `DELIVERY.batch`) is how many deliveries run at once; the loop adapts it.
 */
export async function dispatchOnce(
  deps: CoreDeps,
  notifiers: readonly Notifier[],
  owner: string,
  limit: number = DELIVERY.batch,
): Promise<DispatchReport> {
  const now = deps.clock.now();
  const items = await deps.store.claimOutbox({ owner, now, leaseMs: DELIVERY.leaseMs, limit });
  const report: DispatchReport = {
    claimed: items.length,
    delivered: 0,
    retried: 0,
    dead: 0,
    deadEvents: [],
    retryAfterMs: 0,
  };
  const delivered: string[] = [];
  await Promise.all(items.map((item) => deliverOne(deps, notifiers, owner, item, report, delivered)));
  // A crash before this ack leaves the leases to run out: the items come back `maybeSent`.
  if (delivered.length > 0) await deps.store.ackOutboxMany({ eventIds: delivered, owner });
  report.delivered = delivered.length;
  return report;
}

async function deliverOne(
  deps: CoreDeps,
  notifiers: readonly Notifier[],
  owner: string,
  item: OutboxItem,
  report: DispatchReport,
  delivered: string[],
) {
  const { event } = item;
  let result: DeliveryResult;
  const recipient = await deps.store.getAccount(event.recipientId);
  // A person on both platforms hears on the one they used last (platform-used.ts).
  const platform = recipient ? await noticePlatform(deps, recipient) : undefined;
  const notifier = notifiers.find((n) => n.platform === platform);
  if (!recipient) result = { kind: 'failed', error: 'recipient account not found' };
  else if (!notifier) result = { kind: 'failed', error: `no notifier for platform ${platform ?? 'none'}` };
  else {
    try {
      result = await notifier.deliver(event, recipient, { maybeSent: item.maybeSent });
    } catch (e) {
      // Thrown after the send, perhaps (a store write after the post): check before sending again.
      result = { kind: 'retry', error: e instanceof Error ? e.message : String(e), maybeSent: true };
    }
  }
  if (result.kind === 'delivered') {
    delivered.push(event.id);
    return;
  }
  const attempts = item.attempts + 1;
  const dead = result.kind === 'failed' || attempts >= DELIVERY.maxAttempts;
  const afterMs = result.kind === 'retry' ? result.afterMs : undefined;
  if (afterMs !== undefined) report.retryAfterMs = Math.max(report.retryAfterMs, afterMs);
  const retryAt = deps.clock.now() + backoffMs(attempts, () => deps.random.float(), afterMs);
  const maybeSent = result.kind === 'retry' && result.maybeSent === true;
  await deps.store.failOutbox({ eventId: event.id, owner, retryAt, error: result.error, dead, maybeSent });
  if (dead) {
    report.dead++;
    report.deadEvents.push({
      eventId: event.id,
      type: event.type,
      recipientId: event.recipientId,
      attempts,
      error: result.error,
    });
  } else report.retried++;
}
