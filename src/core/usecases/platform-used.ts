import type { Account, Platform } from '../types.js';
import type { CoreDeps } from './deps.js';

/**
 * Notices reach a merged person on the platform they used last. `notePlatformUsed` records it when they
 * act (only for an account on both platforms: one read, and a write when it changed); `noticePlatform`
 * is what the dispatcher routes by.
 */
const platformsOf = (account: Account) => [...new Set(account.identities.map((i) => i.platform))];

export async function notePlatformUsed(deps: CoreDeps, account: Account, platform: Platform): Promise<void> {
  if (platformsOf(account).length < 2) return;
  const last = await deps.store.getRecord('last_platform', account.id, deps.clock.now());
  if (last !== platform) await deps.store.putRecord('last_platform', account.id, platform, null);
}

export async function noticePlatform(deps: CoreDeps, recipient: Account): Promise<Platform | undefined> {
  const platforms = platformsOf(recipient);
  if (platforms.length < 2) return platforms[0];
  const last = await deps.store.getRecord('last_platform', recipient.id, deps.clock.now());
  return platforms.find((p) => p === last) ?? platforms[0];
}
