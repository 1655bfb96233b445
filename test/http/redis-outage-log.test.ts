import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Composed, compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/http/logging.js';
import { hasRedisServer, ownRedis } from '../faults/support/redis-server.js';
import { printFigure } from '../helpers/figures.js';
import { serviceMissing } from '../helpers/services.js';
import { logSink } from './support.js';

/**
 * The fault: with Redis unreachable, the log got a stack trace every second ("Stream isn't
 * writeable…") that never named the host or said "connection refused". Now the whole server
 * (compose, with its delivery loop polling) logs one line when Redis goes away, with host, port and
 * cause, one when it is back, and `chatwork_store_up` says which; no stack traces in between.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return true;
  return check();
}

if (!hasRedisServer()) serviceMissing('Redis outage log', 'redis-server is not installed');
else
  describe('a Redis outage, as the log and metrics tell it', () => {
    let redis: Awaited<ReturnType<typeof ownRedis>>;
    let composed: Composed;
    const sink = logSink();

    beforeAll(async () => {
      redis = await ownRedis();
      await redis.start();
      const loaded = loadConfig({
        STORE_URL: redis.url,
        SECRET_KEY: randomBytes(32).toString('base64'),
        METRICS_PORT: '9464',
      });
      if (!loaded.ok) throw new Error(loaded.problems.join('; '));
      composed = await compose(loaded.config, { logger: loggerOptions('info', sink.stream) });
    });
    afterAll(async () => {
      await composed?.app.close();
      await composed?.metricsApp?.close();
      await composed?.shutdown();
      await redis?.stop();
    });

    const scrape = async () => (await composed.metricsApp?.inject({ url: '/metrics' }))?.body ?? '';
    const linesFrom = (from: number) => sink.lines().slice(from);

    it('one line when it goes away (host, port, cause), none per second after, one when it is back', async () => {
      expect(await scrape()).toContain('chatwork_store_up 1');
      const before = sink.lines().length;

      await redis.stop();
      const gone = await until(
        () => linesFrom(before).some((l) => String(l.msg).includes('unreachable')),
        10_000,
      );
      expect(gone).toBe(true);
      // Three seconds of outage: the delivery loop polls every 0.5 s, ioredis reconnects every second.
      await sleep(3000);
      expect(await scrape()).toContain('chatwork_store_up 0');
      const during = linesFrom(before);

      await redis.start();
      const back = await until(
        () => linesFrom(before).some((l) => String(l.msg).includes('is back')),
        15_000,
      );
      expect(back).toBe(true);
      expect(await scrape()).toContain('chatwork_store_up 1');
      const all = linesFrom(before);

      const unreachable = all.filter((l) => String(l.msg).includes('unreachable'));
      const recovered = all.filter((l) => String(l.msg).includes('is back'));
      const stacks = all.filter((l) => JSON.stringify(l).includes('"stack"'));
      printFigure(
        `Redis stopped ~3 s: ${during.length} log lines during the outage, ${unreachable.length} "unreachable", ${recovered.length} "is back", ${stacks.length} stack traces; lines: ${all.map((l) => JSON.stringify(l.msg)).join(' | ')}`,
      );
      expect(unreachable).toHaveLength(1);
      expect(String(unreachable[0]?.msg)).toContain(`127.0.0.1:${redis.port}`);
      expect(unreachable[0]).toMatchObject({
        level: 40,
        where: `127.0.0.1:${redis.port}`,
        cause: 'ECONNREFUSED',
      });
      expect(recovered).toHaveLength(1);
      expect(recovered[0]).toMatchObject({ level: 30, where: `127.0.0.1:${redis.port}` });
      expect(stacks).toEqual([]);
      expect(JSON.stringify(all)).not.toContain("Stream isn't writeable");
      // Far fewer lines than one per second of the outage and per poll.
      expect(during.length).toBeLessThanOrEqual(3);
    }, 40_000);
  });
