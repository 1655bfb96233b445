import { afterEach, describe, expect, it } from 'vitest';
import { printFigure } from '../helpers/figures.js';
import { slackActor } from '../helpers/identities.js';
import { register, type WebTest, webServer } from './support.js';

/**
 * The attack: behind any NAT (a Docker bridge, a Kubernetes pod network) the peer is a private
 * address. When private addresses were trusted by default, rotating `X-Forwarded-For` from there
 * gave every request a fresh client IP, bypassing every per-IP limit (and handles could be
 * enumerated). The default now trusts loopback only.
 */
let t: WebTest | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const NAT_PEER = '172.17.0.2';
const alice = slackActor('U_ALICE', 'Alice Sato');

async function spoofed(env: Record<string, string>, n: number): Promise<number[]> {
  t = await webServer({ env: { WEB_RATE_LIMIT_PER_MINUTE: '5', ...env } });
  const owner = await register(t, alice);
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.app.inject({
      // Half the requests probe handles that may not exist: enumeration is limited just the same.
      url: i % 2 === 0 ? `/${owner.handle}` : `/guess-${i}`,
      remoteAddress: NAT_PEER,
      headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('a spoofed, rotating X-Forwarded-For', () => {
  it('from a private peer that TRUST_PROXY does not name does not get past the per-IP limit', async () => {
    const statuses = await spoofed({}, 20);
    const limited = statuses.filter((s) => s === 429).length;
    printFigure(
      `default TRUST_PROXY, 20 requests from ${NAT_PEER} with 20 different X-Forwarded-For: ${limited} × 429`,
    );
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(limited).toBe(15);
  });

  it('is believed only when that peer is named as a proxy (the setting behind a load balancer)', async () => {
    const statuses = await spoofed({ TRUST_PROXY: '172.16.0.0/12' }, 20);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
  });
});
