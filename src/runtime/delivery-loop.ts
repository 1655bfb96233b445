import {
  type CoreDeps,
  type DispatchReport,
  dispatchOnce,
  type Notifier,
  noTelemetry,
  sweepRequests,
  type Telemetry,
} from '../core/index.js';

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
  /** Idle poll interval when the outbox is empty. */
  idleMs?: number;
  /** How often reminders and expiry run. */
  sweepEveryMs?: number;
  onReport?: (report: DispatchReport) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs the outbox dispatcher and the request sweeper until stopped. `stop()` waits for the step in
 * flight, so nothing claimed is abandoned mid-delivery (its lease would expire and it would be
 * redelivered anyway).
 */
export function startDeliveryLoop(opts: DeliveryLoopOptions) {
  const idleMs = opts.idleMs ?? 500;
  const sweepEveryMs = opts.sweepEveryMs ?? 60_000;
  let running = true;
  let lastSweep = 0;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const done = (async () => {
    while (running) {
      let busy = false;
      try {
        const now = opts.deps.clock.now();
        if (now - lastSweep >= sweepEveryMs) {
          lastSweep = now;
          await sweepRequests(opts.deps);
        }
        const report = await dispatchOnce(opts.deps, opts.notifiers, opts.owner);
        busy = report.claimed > 0;
        if (busy) {
          reportDeadLetters(report, opts.telemetry ?? noTelemetry, opts.log);
          opts.onReport?.(report);
        }
      } catch (e) {
        opts.onError?.(e);
      }
      if (running && !busy) await sleep(idleMs);
    }
  })();

  return {
    /** Look at the outbox now instead of at the next poll (after an action appended events). */
    nudge: () => wake?.(),
    stop: async () => {
      running = false;
      wake?.();
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
