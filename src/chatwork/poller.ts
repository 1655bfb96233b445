import type { Clock, Random, StorePort } from '../core/index.js';
import { chatworkActions } from './actions.js';
import type { ChatworkApi, IncomingRequest, RateInfo } from './api.js';
import type { ChatworkLink } from './link-records.js';
import type { ChatworkLinking } from './linking.js';

/**
 * Reads `GET /incoming_requests` for every linked person, once per interval, and announces each new
 * request once.
 *
 * - **Spread.** Each person has a fixed phase in the interval (a hash of their id); a tick polls the
 *   people whose phase passed since the last tick, so 1,000 people at 60 s are ~17 calls a second,
 *   not 1,000 at once, and a late tick catches up on what it missed.
 * - **Shared by instances.** Before a poll, an instance claims the person's lease (`claimOnce`, for
 *   half an interval): two instances on one store never poll one person in the same round.
 * - **Within Chatwork's limit** (300 calls per 5 min per token). One call per person per interval
 *   (≥ 2 s: at most 150 per 5 min); when `X-RateLimit-Remaining` falls to `reserve` (left for the
 *   person's own clicks) or a 429 comes, the lease is extended to `X-RateLimit-Reset`: nobody polls
 *   that person before then.
 * - **Once.** A request is announced after its `seen` record is claimed; if the announcement throws,
 *   the record is dropped so the next round tries again.
 * - **Broken.** A 401 (or a refused refresh) marks the link broken, tells the person once
 *   (`onBroken`), and the poller stops reading that person until they link again.
 * - **Profile.** Once a day it also re-reads the person's `GET /me`; a changed Chatwork ID is kept
 *   and told (`onProfileChanged`).
 */

export interface ChatworkAnnouncer {
  onIncoming(personId: string, request: IncomingRequest, link: ChatworkLink): Promise<void>;
  onBroken(personId: string, link: ChatworkLink): Promise<void>;
  /** The daily `GET /me` found a new Chatwork ID, name or organisation (cards with the old link can update). */
  onProfileChanged?(personId: string, link: ChatworkLink, previous: ChatworkLink): Promise<void>;
}

/** Counters the poller reports through; no-op by default. */
export interface ChatworkMetrics {
  /** How many people are linked (and not broken), once per tick. */
  linkedPeople(count: number): void;
  /** One poll of one person, and how it went. */
  polled(outcome: 'ok' | 'rate_limited' | 'unauthorized' | 'unavailable' | 'not_linked'): void;
  /** A request announced (`onIncoming` returned). */
  announced(): void;
  /** A link found broken and announced. */
  broken(): void;
  /** One HTTP call to the Chatwork API (route pattern, status; 429 is a rate limit, 0 no answer). */
  apiCall(route: string, status: number): void;
}

export const noChatworkMetrics: ChatworkMetrics = {
  linkedPeople: () => {},
  polled: () => {},
  announced: () => {},
  broken: () => {},
  apiCall: () => {},
};

export interface ChatworkPollerDeps {
  store: StorePort;
  clock: Clock;
  random: Random;
  api: ChatworkApi;
  linking: ChatworkLinking;
  announcer: ChatworkAnnouncer;
  /** CHATWORK_POLL_INTERVAL in ms. */
  intervalMs: number;
  metrics?: ChatworkMetrics;
  /** Calls left in the window at which polling rests until the reset (default 20). */
  reserve?: number;
  /** How many people one tick polls at once (default 8). */
  concurrency?: number;
  /** A poll that threw (store down, an announcement that failed): for the log; it is tried next round. */
  onError?: (error: unknown, personId: string) => void;
}

/** A request stays "seen" this long (a request pending longer is announced again). */
const SEEN_MS = 365 * 24 * 3_600_000;
/** How often a person's `GET /me` is read again (a Chatwork ID can change). */
export const PROFILE_EVERY_MS = 24 * 3_600_000;

/** FNV-1a: the person's fixed phase in the interval, the same in every instance. */
export function phaseOf(personId: string, intervalMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < personId.length; i++) {
    h ^= personId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % intervalMs;
}

/** True when the person's phase falls in (from, to]. */
export function dueBetween(phase: number, intervalMs: number, from: number, to: number): boolean {
  if (to - from >= intervalMs) return true;
  const wait = (((phase - from) % intervalMs) + intervalMs) % intervalMs;
  return from + (wait === 0 ? intervalMs : wait) <= to;
}

export function chatworkPoller(deps: ChatworkPollerDeps) {
  const { store, clock, api, linking, announcer, intervalMs } = deps;
  const metrics = deps.metrics ?? noChatworkMetrics;
  const reserve = deps.reserve ?? 20;
  const concurrency = deps.concurrency ?? 8;
  const owner = deps.random.id('cwpoll');
  const actions = chatworkActions({ api, linking, clock });
  let last = clock.now() - 1;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  const rest = (personId: string, until: number) =>
    store.putRecord('chatwork_lease', personId, `rest:${owner}`, until);

  async function restIfLow(personId: string, rate: RateInfo | null): Promise<void> {
    if (rate && rate.remaining <= reserve && rate.resetAt > clock.now()) await rest(personId, rate.resetAt);
  }

  async function broken(personId: string, link: ChatworkLink): Promise<void> {
    const now = clock.now();
    if (!(await store.claimOnce('chatwork_seen', `${personId}:broken:${link.linkId}`, now + SEEN_MS, now)))
      return;
    metrics.broken();
    await announcer.onBroken(personId, link);
  }

  async function announce(personId: string, request: IncomingRequest, link: ChatworkLink): Promise<void> {
    const key = `${personId}:${request.request_id}`;
    const now = clock.now();
    // A request still pending is seen every round: a read settles it, the claim decides a new one.
    if ((await store.getRecord('chatwork_seen', key, now)) !== null) return;
    if (!(await store.claimOnce('chatwork_seen', key, now + SEEN_MS, now))) return;
    try {
      await announcer.onIncoming(personId, request, link);
      metrics.announced();
    } catch (e) {
      await store.deleteRecord('chatwork_seen', key);
      throw e;
    }
  }

  /** One poll of one person (the lease is already held). */
  async function pollPerson(personId: string): Promise<void> {
    const cred = await linking.credentialFor(personId);
    if (!cred.ok) {
      if (cred.error.code === 'BROKEN') {
        metrics.polled('unauthorized');
        return broken(personId, cred.error.link);
      }
      return metrics.polled(cred.error.code === 'NOT_LINKED' ? 'not_linked' : 'unavailable');
    }
    const result = await api.incomingRequests(cred.credential);
    await restIfLow(personId, result.rate);
    if (!result.ok) {
      metrics.polled(result.error.code === 'not_found' ? 'unavailable' : result.error.code);
      if (result.error.code === 'rate_limited') return rest(personId, result.error.resetAt);
      if (result.error.code === 'unauthorized') {
        const link = await linking.markBroken(personId, cred.link.linkId);
        if (link) await broken(personId, link);
      }
      return;
    }
    metrics.polled('ok');
    for (const request of result.value) await announce(personId, request, cred.link);
    const link = cred.link;
    if (clock.now() - (link.profileCheckedAt ?? link.linkedAt) < PROFILE_EVERY_MS) return;
    const profile = await actions.refreshProfile(personId);
    if (profile.ok && profile.value.changed)
      await announcer.onProfileChanged?.(personId, profile.value.link, link);
    if (!profile.ok && profile.error.code === 'BROKEN') {
      const now = await linking.getLink(personId);
      if (now?.status === 'broken') await broken(personId, now);
    }
  }

  async function tick(): Promise<{ due: number; polled: number; failed: number }> {
    const now = clock.now();
    const from = last;
    last = now;
    const people = await linking.records.linked();
    metrics.linkedPeople(people.length);
    const due = people.filter((p) => dueBetween(phaseOf(p, intervalMs), intervalMs, from, now));
    let polled = 0;
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const personId = due[next++] as string;
        const at = clock.now();
        if (!(await store.claimOnce('chatwork_lease', personId, at + Math.floor(intervalMs / 2), at)))
          continue;
        polled++;
        await pollPerson(personId).catch((e: unknown) => {
          failed++;
          deps.onError?.(e, personId);
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return { due: due.length, polled, failed };
  }

  return {
    tick,
    /** Ticks every `tickMs` (default 1 s) until `stop`; a tick never overlaps the previous one. */
    start(tickMs = 1000, onError: (e: unknown) => void = () => {}) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = tick()
          .catch(onError)
          .finally(() => {
            running = null;
          });
      }, tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type ChatworkPoller = ReturnType<typeof chatworkPoller>;
