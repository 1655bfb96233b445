import { z } from 'zod';
import { BoundedMap, type CoreDeps, type Identity } from '../../core/index.js';
import { recordOf } from '../../runtime/json.js';
import type { ConversationRef } from './transport.js';

/**
 * What the Teams bot remembers, in the store's `teams_conversation` records:
 * - `user:<tenant>:<aad>`: the 1:1 conversation with a user, for proactive notices;
 * - `tenant:<tenant>`: a serviceUrl and bot id seen in a tenant, to open a 1:1 chat with anyone there;
 * - `card:<requestId>`: the request cards sent to the recipient, to update them later;
 * - `missed:<tenant>:<aad>`: a notice could not be delivered; show pending requests next time.
 * Rows read back are parsed with zod; a bad row counts as absent.
 */

const NS = 'teams_conversation' as const;
const DAY = 86_400_000;
const CARD_TTL_MS = 45 * DAY;

const refSchema = z.object({
  serviceUrl: z.string().min(1),
  conversationId: z.string().min(1),
  tenantId: z.string().min(1),
  botId: z.string().min(1),
  userId: z.string().min(1),
  aadObjectId: z.string().min(1),
});
const tenantSchema = z.object({ serviceUrl: z.string().min(1), botId: z.string().min(1) });
const cardSchema = z.array(z.object({ ref: refSchema, activityId: z.string().min(1) }));

/** Teams identities and refs carry tenantId + aadObjectId; a Slack identity has no Teams records. */
type TeamsIdentity = Identity | { tenantId: string; aadObjectId: string };
export type TrackedCard = z.infer<typeof cardSchema>[number];

const idOf = (i: TeamsIdentity) =>
  'platform' in i && i.platform === 'slack'
    ? null
    : 'tenantId' in i
      ? `${i.tenantId}:${i.aadObjectId}`
      : null;
const userKey = (i: TeamsIdentity) => `user:${idOf(i) ?? '-'}`;

export function conversations(core: CoreDeps) {
  const { store, clock } = core;
  /** Refs this process stored or found stored within the last minute: a burst of clicks reads none. */
  const saved = new BoundedMap<string, { value: string; at: number }>(10_000);
  return {
    async getRef(identity: TeamsIdentity): Promise<ConversationRef | null> {
      if (idOf(identity) === null) return null;
      return recordOf(refSchema, await store.getRecord(NS, userKey(identity), clock.now()));
    },

    /** Remembers a user's 1:1 conversation (and the tenant's serviceUrl); writes only on change. */
    async saveRef(ref: ConversationRef): Promise<void> {
      const value = JSON.stringify(refSchema.parse(ref));
      const last = saved.get(userKey(ref));
      if (last?.value === value && clock.now() - last.at < 60_000) return;
      if ((await store.getRecord(NS, userKey(ref), clock.now())) !== value)
        await store.putRecord(NS, userKey(ref), value, null);
      await this.saveTenant(ref.tenantId, ref.serviceUrl, ref.botId);
      saved.set(userKey(ref), { value, at: clock.now() });
    },

    async deleteRef(identity: TeamsIdentity): Promise<void> {
      saved.delete(userKey(identity));
      await store.deleteRecord(NS, userKey(identity));
    },

    async saveTenant(tenantId: string, serviceUrl: string, botId: string): Promise<void> {
      const value = JSON.stringify({ serviceUrl, botId });
      if ((await store.getRecord(NS, `tenant:${tenantId}`, clock.now())) !== value)
        await store.putRecord(NS, `tenant:${tenantId}`, value, null);
    },

    async getTenant(tenantId: string) {
      return recordOf(tenantSchema, await store.getRecord(NS, `tenant:${tenantId}`, clock.now()));
    },

    async trackCard(requestId: string, entry: TrackedCard): Promise<void> {
      const key = `card:${requestId}`;
      const cards = recordOf(cardSchema, await store.getRecord(NS, key, clock.now())) ?? [];
      const next = [...cards.filter((c) => c.activityId !== entry.activityId), entry].slice(-5);
      await store.putRecord(NS, key, JSON.stringify(next), clock.now() + CARD_TTL_MS);
    },

    async cardsOf(requestId: string): Promise<TrackedCard[]> {
      return recordOf(cardSchema, await store.getRecord(NS, `card:${requestId}`, clock.now())) ?? [];
    },

    async markMissed(identity: TeamsIdentity): Promise<void> {
      const id = idOf(identity);
      if (id) await store.putRecord(NS, `missed:${id}`, '1', null);
    },

    /** True once after a missed notice: the caller shows pending requests. */
    async takeMissed(identity: TeamsIdentity): Promise<boolean> {
      const id = idOf(identity);
      return id !== null && (await store.takeRecord(NS, `missed:${id}`, clock.now())) !== null;
    },
  };
}
export type Conversations = ReturnType<typeof conversations>;
