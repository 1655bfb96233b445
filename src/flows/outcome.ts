import { type ActionPlatform, isStoreUnavailable, type Telemetry } from '../core/index.js';
import type { Text } from '../i18n/text.js';

/** What a flow returns besides its view: the outcome it really had, for telemetry. */
export interface Outcome<V> {
  view: V;
  /** `ok`, an outcome status (`sent`, `connected`, …) or an error code. */
  outcome: string;
}

/** Structured logging, satisfied by pino and fastify's `app.log`. */
export interface FlowLog {
  error(obj: object, msg?: string): void;
}

export interface FlowRun {
  platform: ActionPlatform;
  /** The flow's name, the same on every platform: `command.invite`, `click.accept`, `notice.request_received`. */
  action: string;
  telemetry: Telemetry;
  log: FlowLog;
}

/** A run of `action` on `platform`, reported and logged through the adapter's own telemetry and log. */
export const runOn = (
  platform: ActionPlatform,
  { telemetry, log }: Pick<FlowRun, 'telemetry' | 'log'>,
  action: string,
): FlowRun => ({ platform, action, telemetry, log });

/** What the actor is told when a flow could not finish: the store is away, or we have a bug. */
export const STORE_DOWN: Text = { problem: { code: 'STORE_UNAVAILABLE' } };
export const GENERIC_ERROR: Text = { key: 'error.generic' };

/**
 * The adapters' last resort, for an error that escaped every flow (a turn's own I/O): an outage is a
 * warning without a stack, anything else is logged as a bug; either way the sentence to answer with.
 */
export function uncaught(e: unknown, log: FlowLog & { warn: FlowLog['error'] }, fields: object): Text {
  if (!isStoreUnavailable(e)) log.error({ ...fields, err: e }, 'uncaught error');
  else log.warn(fields, 'store unavailable, answered "temporarily unavailable"');
  return isStoreUnavailable(e) ? STORE_DOWN : GENERIC_ERROR;
}

/**
 * The one catch-all path for every platform. Runs a flow, reports its real outcome once after it
 * ran, and turns a thrown error into a view: an unreachable store becomes `STORE_UNAVAILABLE`
 * (expected, not logged as a bug), anything else is logged as a bug and becomes "something went
 * wrong". `fallback` builds the view that carries that sentence on this surface.
 */
export async function runFlow<V>(
  run: FlowRun,
  body: () => Promise<Outcome<V>>,
  fallback: (said: Text) => V,
): Promise<V> {
  try {
    const done = await body();
    run.telemetry.action(run.platform, run.action, done.outcome);
    return done.view;
  } catch (e) {
    const outage = isStoreUnavailable(e);
    run.telemetry.action(run.platform, run.action, outage ? 'STORE_UNAVAILABLE' : 'error');
    if (!outage) run.log.error({ err: e, action: run.action, platform: run.platform }, 'flow failed');
    return fallback(outage ? STORE_DOWN : GENERIC_ERROR);
  }
}
