import { z } from 'zod';
import { BoundedMap, type Clock, type StorePort } from '../core/index.js';

/**
 * Where the bridge keeps its state, in the store's small records (every store, one way):
 *
 * - `chatwork_link` `<personId>`: the person's link (below), tokens sealed;
 *   `#index`: the ids of everyone linked and not broken, which the poller walks;
 *   `#gone:<linkId>`: a disconnected link, for a day, so a token refresh in flight cannot bring it back.
 * - `chatwork_oauth_state` `<state>`: a consent in progress (person, sealed PKCE verifier), 10 minutes, taken once.
 * - `chatwork_lease` `<personId>`: who polls that person now, or until when they rest (rate limit);
 *   `index-lock`, `refresh:<personId>`: short locks.
 * - `chatwork_seen` `<personId>:<requestId>`, `<personId>:broken:<linkId>`: what was announced once.
 *
 * `personId` is our account id. Chatwork's own `account_id` never changes; `chatwork_id` may.
 */

export const linkSchema = z.object({
  v: z.literal(1),
  /** A new id per link: a relink is a new link. */
  linkId: z.string(),
  personId: z.string(),
  kind: z.enum(['oauth', 'api_token']),
  /** Chatwork's `account_id`. */
  accountId: z.number().int(),
  /** Chatwork ID as `GET /me` last said ('' when the person has none). */
  chatworkId: z.string(),
  name: z.string(),
  organizationName: z.string(),
  /** The API token or the OAuth access token, sealed. */
  token: z.string(),
  /** The OAuth refresh token, sealed; null for an API token. */
  refreshToken: z.string().nullable(),
  /** When the OAuth access token expires (epoch ms); null for an API token. */
  accessExpiresAt: z.number().nullable(),
  status: z.enum(['active', 'broken']),
  linkedAt: z.number(),
  /** When `GET /me` was last read (the poller re-reads it daily); absent: at `linkedAt`. */
  profileCheckedAt: z.number().optional(),
});
export type ChatworkLink = z.infer<typeof linkSchema>;

const INDEX = '#index';
const LOCK_MS = 5_000;
const GONE_MS = 24 * 3_600_000;
const indexSchema = z.array(z.string());

/** A stored JSON text, or undefined when it is not JSON (a damaged record reads as absent). */
export function jsonOf(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LinkRecords {
  get(personId: string): Promise<ChatworkLink | null>;
  /** Writes the link; keeps the index in step (active → listed, broken → not). */
  put(link: ChatworkLink): Promise<void>;
  /**
   * Updates the link (refreshed tokens, a new profile, broken) unless it was disconnected or relinked
   * meanwhile; false then. A broken link leaves the index.
   */
  putIfCurrent(link: ChatworkLink): Promise<boolean>;
  /** Deletes the link and its tokens; false when there was none. */
  remove(personId: string): Promise<boolean>;
  /** Everyone linked and not broken. */
  linked(): Promise<string[]>;
  /** The link as a card shows it: read at most every 5 s per person; this process's writes show at once. */
  shown(personId: string): Promise<ChatworkLink | null>;
}

export function linkRecords(store: StorePort, clock: Clock): LinkRecords {
  const recent = new BoundedMap<string, { link: ChatworkLink | null; until: number }>(20_000);
  async function read(personId: string): Promise<ChatworkLink | null> {
    const raw = await store.getRecord('chatwork_link', personId, clock.now());
    if (raw === null) return null;
    const parsed = linkSchema.safeParse(jsonOf(raw));
    return parsed.success ? parsed.data : null;
  }

  async function linked(): Promise<string[]> {
    const raw = await store.getRecord('chatwork_link', INDEX, clock.now());
    const parsed = raw === null ? null : indexSchema.safeParse(jsonOf(raw));
    return parsed?.success ? parsed.data : [];
  }

  /** Read-modify-write of the index under a short lock (records have no compare-and-set). */
  async function updateIndex(change: (ids: Set<string>) => void): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const now = clock.now();
      if (await store.claimOnce('chatwork_lease', 'index-lock', now + LOCK_MS, now)) break;
      // A holder that died frees the lock when it expires (LOCK_MS): wait a little longer than that.
      if (attempt >= 400) throw new Error('chatwork link index: the lock stayed taken for 6 s');
      await sleep(15);
    }
    try {
      const ids = new Set(await linked());
      change(ids);
      await store.putRecord('chatwork_link', INDEX, JSON.stringify([...ids]), null);
    } finally {
      await store.deleteRecord('chatwork_lease', 'index-lock');
    }
  }

  return {
    get: read,
    linked,
    async shown(personId) {
      const hit = recent.get(personId);
      if (hit && hit.until > clock.now()) return hit.link;
      const link = await read(personId);
      recent.set(personId, { link, until: clock.now() + 5_000 });
      return link;
    },
    async put(link) {
      recent.delete(link.personId);
      await store.putRecord('chatwork_link', link.personId, JSON.stringify(linkSchema.parse(link)), null);
      await updateIndex((ids) => {
        if (link.status === 'active') ids.add(link.personId);
        else ids.delete(link.personId);
      });
    },
    async putIfCurrent(link) {
      recent.delete(link.personId);
      const gone = () => store.getRecord('chatwork_link', `#gone:${link.linkId}`, clock.now());
      const current = await read(link.personId);
      if (current?.linkId !== link.linkId || (await gone()) !== null) return false;
      await store.putRecord('chatwork_link', link.personId, JSON.stringify(linkSchema.parse(link)), null);
      // A disconnect between the read and the write leaves its mark: undo the write.
      if ((await gone()) !== null) {
        await store.deleteRecord('chatwork_link', link.personId);
        return false;
      }
      if (link.status === 'broken') await updateIndex((ids) => ids.delete(link.personId));
      return true;
    },
    async remove(personId) {
      recent.delete(personId);
      const link = await read(personId);
      if (link) await store.putRecord('chatwork_link', `#gone:${link.linkId}`, '1', clock.now() + GONE_MS);
      await store.deleteRecord('chatwork_link', personId);
      await updateIndex((ids) => ids.delete(personId));
      return link !== null;
    },
  };
}
