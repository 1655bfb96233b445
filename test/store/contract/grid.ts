import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../src/core/types.js';
import { scopeKey } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { gridIdentity, slackIdentity } from '../../helpers/identities.js';
import type { ContractContext } from './support.js';

/** Enterprise Grid: user ids belong to the enterprise, so one person spans its workspaces. */
export function gridContract(ctx: ContractContext): void {
  describe('enterprise grid identities', () => {
    const register = (identity: Identity, handle: string) =>
      ctx.fx.store.registerAccount({
        id: ctx.fx.id('acc'),
        identity,
        displayName: handle,
        locale: 'en',
        handleCandidates: [handle, `${handle}-2`, `${handle}-3`],
        now: T0,
      });
    const accountId = async (identity: Identity, handle: string) => {
      const res = await register(identity, handle);
      if (!res.ok) throw new Error(res.error.code);
      return res.value.account.id;
    };

    it('is one person across two workspaces of one enterprise, and never collides across enterprises', async () => {
      const inT1 = await accountId(gridIdentity('W1', 'T1', 'E1'), 'wendy');
      const inT2 = await accountId(gridIdentity('W1', 'T2', 'E1'), 'wendy');
      const otherOrg = await accountId(gridIdentity('W1', 'T1', 'E2'), 'wendy');
      const notGrid = await accountId(slackIdentity('W1', 'T1'), 'wendy');
      expect(inT2).toBe(inT1);
      expect(new Set([inT1, otherOrg, notGrid]).size).toBe(3);
      expect((await ctx.fx.store.getAccountByIdentity(gridIdentity('W1', 'T9', 'E1')))?.id).toBe(inT1);
    });

    it('reads each identity back with the workspace it was first seen in', async () => {
      await accountId(gridIdentity('W1', 'T1', 'E1'), 'wendy');
      await accountId(gridIdentity('W2', 'T2', 'E1'), 'walt');
      expect((await ctx.fx.store.getAccountByIdentity(gridIdentity('W1', 'T2', 'E1')))?.identities).toEqual([
        gridIdentity('W1', 'T1', 'E1'),
      ]);
      expect((await ctx.fx.store.getAccountByIdentity(gridIdentity('W2', 'T1', 'E1')))?.identities).toEqual([
        gridIdentity('W2', 'T2', 'E1'),
      ]);
    });

    it('finds people of one enterprise from any of its workspaces, not from another organisation', async () => {
      await accountId(gridIdentity('W1', 'T1', 'E1'), 'wendy');
      const search = (from: Identity) =>
        ctx.fx.store.searchAccounts({ scope: scopeKey(from), query: 'wendy', limit: 10 });
      expect((await search(gridIdentity('W5', 'T2', 'E1'))).map((a) => a.handle)).toEqual(['wendy']);
      expect(await search(gridIdentity('W5', 'T1', 'E2'))).toEqual([]);
      expect(await search(slackIdentity('U5', 'T1'))).toEqual([]);
    });
  });
}
