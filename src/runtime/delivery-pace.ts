import { BoundedMap, type DispatchReport } from '../core/index.js';

/**
 * How fast the delivery loop sends, learnt from the platforms' answers (no fixed batch):
 * - `DeliveryConcurrency`: deliveries at once, additive increase while full steps go through,
 *   halved on a rate limit, and a pause for the Retry-After the platform asked for (AIMD);
 * - `RecipientPace`: about `perSecond` messages per recipient (one DM channel each) with bursts of
 *   `burst`, under Slack's `chat.postMessage` limit (~1 per second per channel, short bursts; a burst
 *   of 2 leaves a message of headroom for network jitter): a recipient over it waits for their turn
 *   (at most `maxWaitMs`, then the event is retried later), so a burst to one person draws no 429s.
 * In memory, per process; `now` and `sleep` are injected.
 */
export class DeliveryConcurrency {
  #limit: number;
  #pausedUntil = 0;
  constructor(
    private readonly bounds = { min: 4, start: 20, max: 200, step: 10, maxPauseMs: 60_000 },
    private readonly now: () => number = Date.now,
  ) {
    this.#limit = bounds.start;
  }

  get limit(): number {
    return this.#limit;
  }

  /** Milliseconds still to wait before the next step (a Retry-After being honoured), 0 when none. */
  pauseMs(): number {
    return Math.max(0, this.#pausedUntil - this.now());
  }

  /** After a step of `asked` deliveries: slow down on a rate limit, speed up while steps are full. */
  after(report: Pick<DispatchReport, 'claimed' | 'retryAfterMs'>, asked: number): void {
    const b = this.bounds;
    if (report.retryAfterMs > 0) {
      this.#limit = Math.max(b.min, Math.floor(this.#limit / 2));
      const until = this.now() + Math.min(report.retryAfterMs, b.maxPauseMs);
      this.#pausedUntil = Math.max(this.#pausedUntil, until);
    } else if (report.claimed >= asked) this.#limit = Math.min(b.max, this.#limit + b.step);
  }
}

export class RecipientPace {
  readonly #buckets = new BoundedMap<string, { tokens: number; at: number }>(50_000);
  constructor(
    private readonly rate = { perSecond: 1, burst: 2, maxWaitMs: 3_000 },
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits for `recipientId`'s turn and takes it (0), or says how long until it comes when that is too long. */
  async turn(recipientId: string): Promise<number> {
    const { perSecond, burst, maxWaitMs } = this.rate;
    const now = this.now();
    const b = this.#buckets.get(recipientId) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.#buckets.set(recipientId, b);
    const waitMs = b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) / perSecond) * 1000);
    if (waitMs > maxWaitMs) return waitMs;
    b.tokens -= 1;
    if (waitMs > 0) await this.sleep(waitMs);
    return 0;
  }
}
