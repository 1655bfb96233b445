import { z } from 'zod';
import { BoundedMap, type CoreDeps, type Identity } from '../../core/index.js';
import { recordOf } from '../../runtime/json.js';
import { type ConversationRef, conversationRefSchema as refSchema } from './transport.js';

/**
 * What the Teams bot remembers, in the store's `teams_conversation` records:
 * - `user:<tenant>:<aad>`: the 1:1 conversation with a user, for proactive notices;
 * - `tenant:<tenant>`: a serviceUrl and bot id seen in a tenant, to open a 1:1 chat with anyone there;
 * - `card:<requestId>`: the request cards sent to the recipient, to update them later;
 * - `missed:<tenant>:<aad>`: a notice could not be delivered; show pending requests next time.
 * Rows read back are parsed with zod; a bad row counts as absent.
 */

const NS = 'teams_conversation' as const;
const CARD_TTL_MS = 45 * 86_400_000;

const tenantSchema = z.object({ serviceUrl: z.string().min(1), botId: z.string().min(1) });
const cardSchema = z.array(z.object({ ref: refSchema, activityId: z.string().min(1) }));

/** `<tenant>:<aad>` of a Teams identity or ref; a Slack identity has no Teams records. */
const idOf = (i: Identity | ConversationRef) => ('tenantId' in i ? `${i.tenantId}:${i.aadObjectId}` : null);
const userKey = (i: Identity | ConversationRef) => `user:${idOf(i) ?? '-'}`;

export function conversations(core: CoreDeps) {
  const { store, clock } = core;
  const read = <T>(schema: z.ZodType<T>, key: string) =>
    store.getRecord(NS, key, clock.now()).then((raw) => recordOf(schema, raw));
  /** Writes a record that never expires, only when it changed. */
  const putChanged = async (key: string, value: string) => {
    if ((await store.getRecord(NS, key, clock.now())) !== value) await store.putRecord(NS, key, value, null);
  };
  /** Refs this process stored or found stored within the last minute: a burst of clicks reads none. */
  const saved = new BoundedMap<string, { value: string; at: number }>(10_000);
  return {
    getRef: (identity: Identity): Promise<ConversationRef | null> =>
      idOf(identity) === null ? Promise.resolve(null) : read(refSchema, userKey(identity)),

    /** Remembers a user's 1:1 conversation (and the tenant's serviceUrl); writes only on change. */
    async saveRef(ref: ConversationRef): Promise<void> {
      const value = JSON.stringify(refSchema.parse(ref));
      const last = saved.get(userKey(ref));
      if (last?.value === value && clock.now() - last.at < 60_000) return;
      await putChanged(userKey(ref), value);
      await this.saveTenant(ref);
      saved.set(userKey(ref), { value, at: clock.now() });
    },

    async deleteRef(identity: Identity): Promise<void> {
      saved.delete(userKey(identity));
      await store.deleteRecord(NS, userKey(identity));
    },

    /** Remembers how to reach a tenant (its serviceUrl and the bot's id there); writes only on change. */
    saveTenant: (at: Pick<ConversationRef, 'tenantId' | 'serviceUrl' | 'botId'>) =>
      putChanged(`tenant:${at.tenantId}`, JSON.stringify({ serviceUrl: at.serviceUrl, botId: at.botId })),

    getTenant: (tenantId: string) => read(tenantSchema, `tenant:${tenantId}`),

    async trackCard(requestId: string, entry: { ref: ConversationRef; activityId: string }): Promise<void> {
      const cards = (await this.cardsOf(requestId)).filter((c) => c.activityId !== entry.activityId);
      const next = JSON.stringify([...cards, entry].slice(-5));
      await store.putRecord(NS, `card:${requestId}`, next, clock.now() + CARD_TTL_MS);
    },

    cardsOf: async (requestId: string) => (await read(cardSchema, `card:${requestId}`)) ?? [],

    async markMissed(identity: Identity): Promise<void> {
      const id = idOf(identity);
      if (id) await store.putRecord(NS, `missed:${id}`, '1', null);
    },

    /** True once after a missed notice: the caller shows pending requests. */
    async takeMissed(identity: Identity): Promise<boolean> {
      const id = idOf(identity);
      return id !== null && (await store.takeRecord(NS, `missed:${id}`, clock.now())) !== null;
    },
  };
}
export type Conversations = ReturnType<typeof conversations>;
