import { describe, expect, it } from 'vitest';
import type { BlockedAccount } from '../../../src/core/ports.js';
import { T0 } from '../../helpers/clock.js';
import type { ContractContext } from './support.js';

/** The block list (`listBlocks`) and lifting a block (`unblockAccount`). Blocking is in lifecycle.ts. */
export function blocksContract(ctx: ContractContext): void {
  describe('block list', () => {
    const block = (actorId: string, otherId: string, now: number) =>
      ctx.fx.store.blockAccount({ actorId, otherId, now });

    it('listBlocks: the people I blocked, newest first, paged by cursor; not the people who blocked me', async () => {
      const [bobby, ...others] = await ctx.fx.accounts('bobby', 'alice', 'carol', 'david', 'erin', 'frank');
      for (const [i, other] of others.entries()) await block(bobby!.id, other!.id, T0 + i * 1000);
      // Same time, two people: the order is still total (by id), and the cursor never skips or repeats.
      const [gina, hank] = await ctx.fx.accounts('gina', 'hank');
      await block(bobby!.id, gina!.id, T0 + 9000);
      await block(bobby!.id, hank!.id, T0 + 9000);
      await block(others[0]!.id, bobby!.id, T0 + 10_000);

      const seen: BlockedAccount[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      for (let i = 0; i < 10; i++) {
        const page = await ctx.fx.store.listBlocks({ accountId: bobby!.id, limit: 3, cursor });
        sizes.push(page.items.length);
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      expect(sizes).toEqual([3, 3, 1]);
      expect(new Set(seen.map((b) => b.account.id)).size).toBe(7);
      expect(seen.slice(2).map((b) => b.account.displayName)).toEqual([
        'frank',
        'erin',
        'david',
        'carol',
        'alice',
      ]);
      expect(
        seen
          .slice(0, 2)
          .map((b) => b.account.displayName)
          .sort(),
      ).toEqual(['gina', 'hank']);
      expect(seen.map((b) => b.blockedAt)).toEqual(
        [T0 + 9000, T0 + 9000, 4000, 3000, 2000, 1000, 0].map((d, i) => (i < 2 ? d : T0 + d)),
      );
      expect(
        (await ctx.fx.store.listBlocks({ accountId: others[0]!.id, limit: 10 })).items.map(
          (b) => b.account.id,
        ),
      ).toEqual([bobby!.id]);
      expect(await ctx.fx.store.listBlocks({ accountId: 'acc_nobody', limit: 10 })).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('unblockAccount lifts the block: off the list, their requests reach me again; NOT_BLOCKED changes nothing', async () => {
      const [alice, bobby, carol] = await ctx.fx.accounts('alice', 'bobby', 'carol');
      await ctx.fx.makeContacts(alice!, bobby!, T0);
      await block(bobby!.id, alice!.id, T0 + 1);
      await block(bobby!.id, carol!.id, T0 + 2);
      await ctx.fx.drain(T0 + 2);

      expect(
        await ctx.fx.store.unblockAccount({ actorId: bobby!.id, otherId: alice!.id, now: T0 + 3 }),
      ).toEqual({
        ok: true,
        value: { unblocked: true },
      });
      expect((await ctx.fx.store.relationship(bobby!.id, alice!.id)).aBlocksB).toBe(false);
      // The contact the block ended stays ended; carol stays blocked.
      expect((await ctx.fx.store.relationship(bobby!.id, alice!.id)).areContacts).toBe(false);
      expect(
        (await ctx.fx.store.listBlocks({ accountId: bobby!.id, limit: 10 })).items.map((b) => b.account.id),
      ).toEqual([carol!.id]);
      // Unblocking is silent.
      expect(await ctx.fx.drain(T0 + 3)).toEqual([]);

      for (const [actor, other] of [
        [bobby!, alice!],
        [alice!, bobby!],
        [carol!, bobby!],
      ] as const)
        expect(
          await ctx.fx.store.unblockAccount({ actorId: actor.id, otherId: other.id, now: T0 + 4 }),
        ).toEqual({
          ok: false,
          error: { code: 'NOT_BLOCKED' },
        });
      expect((await ctx.fx.store.relationship(bobby!.id, carol!.id)).aBlocksB).toBe(true);

      const sent = await ctx.fx.send(alice!, bobby!, T0 + 5);
      expect(sent.ok && sent.value.status).toBe('sent');
      expect((await ctx.fx.drain(T0 + 5)).map((e) => [e.type, e.recipientId])).toEqual([
        ['request_received', bobby!.id],
      ]);
    });
  });
}
