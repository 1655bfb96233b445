import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFigure } from '../helpers/figures.js';
import { type Bridge, linkByToken, openBridge } from './support.js';

/**
 * 1,000 linked people, CHATWORK_POLL_INTERVAL=60, six minutes of the injected clock in 1-second ticks,
 * every poll a real HTTP call to the fake Chatwork (which answers 429 past 300 calls per token per 5 min).
 */
const PEOPLE = 1000;
const WINDOW_MS = 5 * 60_000;

describe('1,000 linked people', () => {
  let b: Bridge;
  const tokens: string[] = [];
  beforeAll(async () => {
    b = await openBridge({ intervalMs: 60_000 });
    for (let i = 0; i < PEOPLE; i++) tokens.push((await linkByToken(b, `acc_${i}`)).apiToken);
    b.cw.calls.length = 0;
    const poller = b.poller();
    for (let s = 0; s < 6 * 60; s++) {
      b.clock.advance(1000);
      await poller.tick();
    }
  }, 120_000);
  afterAll(() => b.close());

  it('stay within 300 calls per 5 minutes per token, with no 429 at all', () => {
    const polls = b.cw.callsTo('GET /incoming_requests');
    const byToken = new Map<string, number[]>();
    for (const c of polls) byToken.set(c.token ?? '', [...(byToken.get(c.token ?? '') ?? []), c.at]);
    expect(byToken.size).toBe(PEOPLE);
    let worst = 0;
    for (const times of byToken.values()) {
      for (const start of times)
        worst = Math.max(worst, times.filter((t) => t >= start && t < start + WINDOW_MS).length);
    }
    printFigure(
      `chatwork poller: ${PEOPLE} people, 6 min at 60 s: ${polls.length} polls, at most ${worst} per token in any 5 min (limit 300)`,
    );
    expect(worst).toBeLessThanOrEqual(5);
    expect(polls.every((c) => c.status !== 429)).toBe(true);
    expect(b.counts['polled ok']).toBe(polls.length);
  });

  it('are polled once a minute each, spread over the minute', () => {
    const polls = b.cw.callsTo('GET /incoming_requests');
    expect(polls.length).toBeGreaterThanOrEqual(PEOPLE * 6 - PEOPLE * 0.01);
    expect(polls.length).toBeLessThanOrEqual(PEOPLE * 6);
    const perSecond = new Map<number, number>();
    for (const c of polls)
      perSecond.set(Math.floor(c.at / 1000), (perSecond.get(Math.floor(c.at / 1000)) ?? 0) + 1);
    const busiest = Math.max(...perSecond.values());
    printFigure(`chatwork poller: busiest second ${busiest} calls (even spread ${Math.ceil(PEOPLE / 60)})`);
    expect(busiest).toBeLessThanOrEqual(3 * Math.ceil(PEOPLE / 60));
    expect(b.counts.linked).toBe(PEOPLE);
  });
});
