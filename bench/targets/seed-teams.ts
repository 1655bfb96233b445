import { conversations } from '../../src/bots/teams/conversations.js';
import { type CoreDeps, ensureAccount, requestConnection } from '../../src/core/index.js';
import { BOT_ID, TENANT, user } from '../../test/bots/teams/support.js';
import { teamsIdentity } from '../../test/helpers/identities.js';
import { retried } from './retried.js';

/**
 * Seeds of our server's Teams scenarios (people as `test/bots/teams/support.ts`'s `user(key, name)`):
 * - `teams-refresh`: the owner `owner` and one registered viewer `viewer`;
 * - `teams-add`: the owner and `count` registered people `v<n>`, each to click [Add to contacts] once;
 * - `teams-accept`: the owner and `count` pending requests to them, each from a distinct person `r<n>`
 *   whose 1:1 conversation (`a:personal-r<n>`) is known, on the Bot Connector at `serviceUrl`, so the
 *   Accept notice reaches them as a proactive message.
 */
export type TeamsSeed = 'teams-refresh' | 'teams-add' | 'teams-accept';

const actorOf = (key: string, name: string) => ({
  identity: teamsIdentity(user(key, name).aadObjectId, TENANT),
  displayName: name,
  locale: 'en' as const,
});

async function registered(core: CoreDeps, key: string, name: string) {
  const done = await retried(() => ensureAccount(core, actorOf(key, name)));
  if (!done.ok) throw new Error(`seeding failed: ${done.error.code}`);
  return done.value.account;
}

async function inBatches(count: number, one: (n: number) => Promise<string | null>): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) => one(start + k));
    for (const id of await Promise.all(batch)) if (id) out.push(id);
  }
  return out;
}

export async function seedTeams(
  core: CoreDeps,
  seed: TeamsSeed,
  count: number,
  serviceUrl: string,
): Promise<{ ownerId: string; requestIds?: string[] }> {
  const owner = await registered(core, 'owner', 'Bench Owner');
  if (seed === 'teams-refresh') {
    await registered(core, 'viewer', 'Bench Viewer');
    return { ownerId: owner.id };
  }
  if (seed === 'teams-add') {
    await inBatches(count, async (n) => (await registered(core, `v${n}`, `Viewer ${n}`)).id);
    return { ownerId: owner.id };
  }
  const convs = conversations(core);
  const requestIds = await inBatches(count, async (n) => {
    const who = user(`r${n}`, `Requester ${n}`);
    await convs.saveRef({
      serviceUrl,
      conversationId: who.conversationId,
      tenantId: TENANT,
      botId: BOT_ID,
      userId: who.id,
      aadObjectId: who.aadObjectId,
    });
    const sent = await retried(() =>
      requestConnection(core, {
        actor: actorOf(`r${n}`, who.name),
        target: { kind: 'text', text: owner.handle },
        source: 'link',
      }),
    );
    if (!sent.ok) throw new Error(`seeding failed: ${sent.error.code}`);
    return sent.value.outcome.request.id;
  });
  return { ownerId: owner.id, requestIds };
}
