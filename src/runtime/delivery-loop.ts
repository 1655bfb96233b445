import {
  type CoreDeps,
  type DispatchReport,
  dispatchOnce,
  type Notifier,
  noTelemetry,
  sweepRequests,
  type Telemetry,
} from '../core/index.js';
import { DeliveryConcurrency, RecipientPace } from './delivery-pace.js';

/** The slice of a pino logger the loop writes to. */
export interface DeliveryLog {
  error(obj: object, msg: string): void;
}

export interface DeliveryLoopOptions {
  deps: CoreDeps;
  notifiers: readonly Notifier[];
  owner: string;
  /** Counts dead letters (`chatwork_outbox_dead_letters_total`). */
  telemetry?: Telemetry;
  /** Gets one error line per dead-lettered event. */
  log?: DeliveryLog;
  /**
   * Idle poll interval when the outbox is empty (default 500). Right after a busy step a lane looks
   * again after `busyIdleMs` (default 10), doubling up to `idleMs` while the outbox stays empty, so a
   * notice queued while clicks keep coming waits milliseconds for a lane, not up to `idleMs`.
   */
  idleMs?: number;
  busyIdleMs?: number;
  /** How often reminders and expiry run. */
  sweepEveryMs?: number;
  /**
   * Dispatcher steps running side by side (default 8): a slow delivery holds up only its own step's
   * batch, and the loop keeps its share of the process while clicks arrive (with 4, notices fell
   * ~0.5 s behind clicks at ~3,000 clicks/s; with 8 they kept up: docs/performance.md).
   */
  lanes?: number;
  /** Deliveries at once, adapted to the platforms' answers (`delivery-pace.ts`). */
  concurrency?: DeliveryConcurrency;
  /** Per-recipient pacing (Slack: ~1 message per second per DM, short bursts). */
  pace?: RecipientPace;
  onReport?: (report: DispatchReport) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs the outbox dispatcher and the request sweeper until stopped. `lanes` dispatcher steps run at
 * once (the store leases each item to one step, and only a recipient's oldest item, so order per
 * recipient holds); together they deliver `concurrency.limit` items at a time, which grows while
 * steps come back full and halves on a rate limit, when every lane also waits out the Retry-After.
 * `stop()` waits for the steps in flight, so nothing claimed is abandoned mid-delivery (its lease
 * would expire and it would be redelivered, checked as maybe sent, anyway).
 */
export function startDeliveryLoop(opts: DeliveryLoopOptions) {
  const idleMs = opts.idleMs ?? 500;
  const busyIdleMs = Math.min(opts.busyIdleMs ?? 10, idleMs);
  const sweepEveryMs = opts.sweepEveryMs ?? 60_000;
  const lanes = Math.max(1, opts.lanes ?? 8);
  const concurrency = opts.concurrency ?? new DeliveryConcurrency();
  const pace = opts.pace ?? new RecipientPace();
  const turn = (recipientId: string) => pace.turn(recipientId);
  let running = true;
  let lastSweep = 0;
  const wakers = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const wakeAll = () => {
    for (const wake of [...wakers]) wake();
  };
  const wakeOne = () => {
    for (const wake of wakers) return wake();
  };

  const lane = async (index: number) => {
    let idle = idleMs;
    while (running) {
      let busy = false;
      try {
        const paused = concurrency.pauseMs();
        if (paused > 0) {
          await sleep(paused);
          continue;
        }
        const now = opts.deps.clock.now();
        if (index === 0 && now - lastSweep >= sweepEveryMs) {
          lastSweep = now;
          await sweepRequests(opts.deps);
        }
        const limit = Math.max(1, Math.ceil(concurrency.limit / lanes));
        const report = await dispatchOnce(opts.deps, opts.notifiers, opts.owner, { limit, turn });
        concurrency.after(report, limit);
        busy = report.claimed > 0;
        // A full batch: there is more, so a sleeping lane joins in (after a nudge, one lane wakes first).
        if (report.claimed >= limit) wakeOne();
        if (busy) {
          reportDeadLetters(report, opts.telemetry ?? noTelemetry, opts.log);
          opts.onReport?.(report);
        }
      } catch (e) {
        opts.onError?.(e);
      }
      if (busy) idle = busyIdleMs;
      else if (running) {
        await sleep(idle);
        idle = Math.min(idleMs, idle * 2);
      }
    }
  };
  const done = Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));

  let nudgedAt = Number.NEGATIVE_INFINITY;
  return {
    /**
     * Look at the outbox now instead of at the next idle poll (up to `idleMs` away): called after a
     * user action, which may have queued notices. One sleeping lane wakes, at most once per
     * `busyIdleMs` however many actions come (each wake is a claim), and wakes the others if it finds
     * a full batch. A lane waiting out a Retry-After goes back to waiting.
     */
    nudge: () => {
      const now = performance.now();
      if (now - nudgedAt < busyIdleMs) return;
      nudgedAt = now;
      wakeOne();
    },
    stop: async () => {
      running = false;
      wakeAll();
      await done;
    },
  };
}

/** One metric increment and one log line per event the dispatcher gave up on. */
export function reportDeadLetters(report: DispatchReport, telemetry: Telemetry, log?: DeliveryLog): void {
  for (const d of report.deadEvents) {
    telemetry.deadLetter(d.type);
    log?.error(
      { eventId: d.eventId, type: d.type, recipientId: d.recipientId, attempts: d.attempts, error: d.error },
      'outbox event dead-lettered: giving up on delivery',
    );
  }
}
