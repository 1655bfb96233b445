import { afterEach, beforeEach } from 'vitest';
import type { DomainEvent } from '../../../src/core/events.js';
import type { SendRequestCommand, StorePort } from '../../../src/core/ports.js';
import type { Account, Identity, Locale } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity } from '../../helpers/identities.js';
import { sequentialIds } from '../../helpers/random.js';

/** What a store's test file hands the contract: a fresh, empty store per call. */
export interface OpenedStore {
  store: StorePort;
  close: () => Promise<void>;
  /** Another connection to the SAME data (another client, another SQLite connection). Optional. */
  connect?: () => Promise<StorePort>;
}
export type OpenStore = () => Promise<OpenedStore>;

export interface StoreCaps {
  /** The store can be shared by several processes/connections: concurrency runs across `connect()`ed peers. */
  multiProcess?: boolean;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** One test's world: the store plus deterministic ids and small builders. */
export class Fixture {
  readonly #ids = sequentialIds();
  readonly #peers: StorePort[] = [];

  constructor(
    readonly store: StorePort,
    readonly caps: StoreCaps,
    readonly connect: (() => Promise<StorePort>) | undefined,
  ) {}

  id(prefix: string): string {
    return this.#ids(prefix);
  }

  /** A store command's `newId`. */
  readonly newId = (): string => this.#ids('evt');

  /** Registers an account whose handle is `handle` (default: `name` lower-cased). */
  async account(
    name: string,
    opts: { identity?: Identity; handle?: string; locale?: Locale; now?: number } = {},
  ): Promise<Account> {
    const handle = opts.handle ?? name.toLowerCase();
    const res = await this.store.registerAccount({
      id: this.id('acc'),
      identity: opts.identity ?? slackIdentity(`U_${name.toUpperCase()}`),
      displayName: name,
      locale: opts.locale ?? 'en',
      handleCandidates: [handle],
      now: opts.now ?? T0,
    });
    if (!res.ok) throw new Error(`fixture: could not register ${name}: ${res.error.code}`);
    return res.value.account;
  }

  /** Several accounts at once: `accounts('alice', 'bobby')`. */
  accounts(...names: string[]): Promise<Account[]> {
    return Promise.all(names.map((n) => this.account(n)));
  }

  sendCmd(
    from: Account | string,
    to: Account | string,
    now: number,
    extra: Partial<SendRequestCommand> = {},
  ): SendRequestCommand {
    return {
      requestId: this.id('req'),
      senderId: typeof from === 'string' ? from : from.id,
      recipientId: typeof to === 'string' ? to : to.id,
      note: null,
      source: 'link',
      context: null,
      now,
      newId: this.newId,
      ...extra,
    };
  }

  send(from: Account | string, to: Account | string, now: number, extra: Partial<SendRequestCommand> = {}) {
    return this.store.sendRequest(this.sendCmd(from, to, now, extra));
  }

  /** A pending request from → to, or a thrown fixture error. */
  async pending(from: Account, to: Account, now: number) {
    const res = await this.send(from, to, now);
    if (!res.ok || res.value.status !== 'sent')
      throw new Error(`fixture: request not sent: ${JSON.stringify(res)}`);
    return res.value.request;
  }

  decide(
    requestId: string,
    actor: Account | string,
    action: 'accept' | 'decline' | 'withdraw' | 'block',
    now: number,
  ) {
    return this.store.decideRequest({
      requestId,
      actorId: typeof actor === 'string' ? actor : actor.id,
      action,
      now,
      newId: this.newId,
    });
  }

  /** Makes a and b contacts (a asks, b accepts). */
  async makeContacts(a: Account, b: Account, now: number): Promise<void> {
    const req = await this.pending(a, b, now);
    const res = await this.decide(req.id, b, 'accept', now);
    if (!res.ok) throw new Error(`fixture: accept failed: ${res.error.code}`);
  }

  /**
   * Delivers (claims and acks) every deliverable outbox event at `now`, in delivery order.
   * Consumes them: the next drain only sees newer events.
   */
  async drain(now: number): Promise<DomainEvent[]> {
    const out: DomainEvent[] = [];
    for (let round = 0; round < 1000; round++) {
      const items = await this.store.claimOutbox({ owner: 'drain', now, leaseMs: 60_000, limit: 100 });
      if (items.length === 0) return out;
      for (const item of items) {
        out.push(item.event);
        const acked = await this.store.ackOutbox({ eventId: item.event.id, owner: 'drain' });
        if (!acked) throw new Error(`fixture: ack of ${item.event.id} refused`);
      }
    }
    throw new Error('fixture: outbox never drained');
  }

  /** The store plus `n - 1` peer connections to the same data when the store supports it. */
  async handles(n: number): Promise<StorePort[]> {
    if (!this.caps.multiProcess || !this.connect) return [this.store];
    while (this.#peers.length < n - 1) this.#peers.push(await this.connect());
    return [this.store, ...this.#peers];
  }

  async closePeers(): Promise<void> {
    await Promise.all(this.#peers.splice(0).map((p) => p.close()));
  }
}

export interface ContractContext {
  /** The current test's fixture; valid inside `it`. */
  readonly fx: Fixture;
}

/** Opens a fresh store before each test and closes it after. */
export function useFreshStore(open: OpenStore, caps: StoreCaps = {}): ContractContext {
  let current: { fx: Fixture; opened: OpenedStore } | null = null;
  beforeEach(async () => {
    const opened = await open();
    current = { fx: new Fixture(opened.store, caps, opened.connect), opened };
  });
  afterEach(async () => {
    if (!current) return;
    const { fx, opened } = current;
    current = null;
    await fx.closePeers();
    await opened.close();
  });
  return {
    get fx() {
      if (!current) throw new Error('contract: no store open (use ctx.fx inside a test)');
      return current.fx;
    },
  };
}

/** Event types and recipients, for compact assertions. */
export const brief = (events: DomainEvent[]) =>
  events.map((e) => ({ type: e.type, recipientId: e.recipientId, requestId: e.requestId }));
