import { describe } from 'vitest';
import { accountsContract } from './contract/accounts.js';
import { auditContract } from './contract/audit.js';
import { blocksContract } from './contract/blocks.js';
import { concurrencyContract } from './contract/concurrency.js';
import { deletionContract } from './contract/deletion.js';
import { gridContract } from './contract/grid.js';
import { handlesContract } from './contract/handles.js';
import { lifecycleContract } from './contract/lifecycle.js';
import { listingContract } from './contract/listing.js';
import { mergeContract } from './contract/merge.js';
import { organisationsContract } from './contract/organisations.js';
import { outboxContract } from './contract/outbox.js';
import { recordsContract } from './contract/records.js';
import { requestsContract } from './contract/requests.js';
import { type ContractContext, type OpenStore, type StoreCaps, useFreshStore } from './contract/support.js';
import { unclaimedContract } from './contract/unclaimed.js';

export type { OpenedStore, OpenStore, StoreCaps } from './contract/support.js';

/** The parts of the contract, by concept; a store file may run a subset (e.g. concurrency on a file). */
export const CONTRACT_PARTS = {
  accounts: accountsContract,
  handles: handlesContract,
  requests: requestsContract,
  lifecycle: lifecycleContract,
  blocks: blocksContract,
  listing: listingContract,
  concurrency: concurrencyContract,
  outbox: outboxContract,
  records: recordsContract,
  deletion: deletionContract,
  unclaimed: unclaimedContract,
  merge: mergeContract,
  organisations: organisationsContract,
  audit: auditContract,
  grid: gridContract,
} satisfies Record<string, (ctx: ContractContext) => void>;
export type ContractPart = keyof typeof CONTRACT_PARTS;

/**
 * The one store contract: every StorePort implementation runs it, with a fresh store per test.
 * `open` returns an empty store (and optionally `connect()` for another connection to the same data).
 */
export function storeContract(
  name: string,
  open: OpenStore,
  caps: StoreCaps = {},
  parts: readonly ContractPart[] = Object.keys(CONTRACT_PARTS) as ContractPart[],
): void {
  describe(name, () => {
    const ctx = useFreshStore(open, caps);
    for (const part of parts) CONTRACT_PARTS[part](ctx);
  });
}
