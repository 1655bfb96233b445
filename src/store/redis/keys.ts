/**
 * The one place that names Redis keys. Every key of the contact network lives under the hash tag
 * `{<ns>}` (one cluster slot, so each Lua script touches one slot); records are spread over the
 * cluster by their own key. The Lua scripts build keys from the same table (`luaKeyPrelude`), so
 * the TypeScript and the Lua side cannot drift apart. The layout is documented in README.md.
 */

/** Prefixes of the network keys, after the `{ns}` tag. `<b>` = bucket, `<uid>` = internal account number. */
export const NETWORK_KEYS = {
  /** hash: counters `acc` (last uid), `ip` (last identity prefix), `ev` (outbox sequence), `hc` (handle changes) */
  seq: 'seq',
  /** hash per 100 uids: uid → account id / handle / display name / createdAt / identities / flags */
  attrId: 'ai',
  attrHandle: 'ah',
  attrName: 'an',
  attrCreated: 'ac',
  attrIdentities: 'ax',
  attrFlags: 'af',
  /** string per uid: a display name longer than fits a small hash value */
  longName: 'nl',
  /** hash buckets: digest(account id) → uid, digest(identity key) → uid, handle key → uid */
  idIndex: 'x',
  identityIndex: 'i',
  handleIndex: 'h',
  /** hashes: identity prefix ("slack:-:T1:") → number, number → prefix, number → prefix tuple */
  prefixNumber: 'pn',
  prefixKey: 'pk',
  prefixTuple: 'pt',
  /** hash per old handle key: {u: uid, e: expiresAt}, TTL until it expires */
  alias: 'al',
  /** zset per uid: handle change times, TTL one window */
  handleChanges: 'hc',
  /** set per scope ("slack:T1"): uids, for `find` */
  scope: 'sc',
  /** zset per uid: contacts (member uid, score since) and blocks (member uid, score at) */
  contacts: 'c',
  blocks: 'b',
  /** hash per request id; TTL = retention after it settles */
  request: 'r',
  /** string per direction `<uid>:<uid>`: the latest request id, same TTL as that request */
  latest: 'lr',
  /** zsets per uid: open incoming / outgoing request ids by createdAt; sent in the rate window */
  incoming: 'in',
  outgoing: 'out',
  sentWindow: 'sw',
  /** zset: pending request ids by the time the sweep must look at them (reminder, then expiry) */
  due: 'due',
  /** outbox: event hash, per-recipient queue (list), heads by sequence, parked heads by time, live, dead */
  event: 'oe',
  queue: 'oq',
  heads: 'oh',
  parked: 'ow',
  live: 'oa',
  dead: 'od',
  /** string per handle key of a deleted account: when it was deleted (the page answers 410); no TTL */
  tombstone: 'tb',
  /** string per one-time merge code: '<platform>|<expiresAt>|<account id>', TTL 10 minutes (merge.ts) */
  mergeCode: 'mc',
  /** organisations (lua/organisations.ts): policy JSON per organisation key; e-mail domain by identity digest */
  orgPolicy: 'op',
  emailDomain: 'ed',
  /** audit: zset per organisation key (score: time, member: the record with uids); set of audited organisations */
  audit: 'au',
  audited: 'ao',
  /** hash: uid merged away → uid it joined, so audit records follow a merge */
  mergedInto: 'um',
  /** string: the data layout version the stored data has been upgraded to (upgrade.ts) */
  storeVersion: 'sv',
} as const;

export type NetworkKey = keyof typeof NETWORK_KEYS;

const NS_FORMAT = /^[A-Za-z0-9_.-]{1,32}$/;

export function assertNamespace(ns: string): string {
  if (!NS_FORMAT.test(ns)) throw new Error(`redis namespace must match ${NS_FORMAT}: ${JSON.stringify(ns)}`);
  return ns;
}

/** Builds keys for one namespace (one contact network). */
export function redisKeys(ns: string) {
  const tag = `{${assertNamespace(ns)}}`;
  const network = (name: NetworkKey, ...parts: Array<string | number>) =>
    [`${tag}${NETWORK_KEYS[name]}`, ...parts].join(':');
  return {
    /** The key every network script is routed by (KEYS[1]); the scripts derive the rest from it. */
    tag,
    network,
    /** A small record: spread over the cluster by its own key, one key per record. */
    record: (namespace: string, key: string) => `${ns}:rec:${namespace}:{${key}}`,
    /** SCAN patterns that cover everything of this namespace (tests and tools). */
    patterns: [`${tag}*`, `${ns}:rec:*`],
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** Key prefixes as Lua string literals, for interpolation into scripts: `key(${kp.request}, id)`. */
export const kp = Object.fromEntries(
  Object.entries(NETWORK_KEYS).map(([name, prefix]) => [name, `'${prefix}'`]),
) as Record<NetworkKey, string>;

/** Lua: `key(prefix, a, b)` builds the same keys as `network()` above, from KEYS[1] = the tag. */
export function luaKeyPrelude(): string {
  return `local NS = KEYS[1]
local function key(p, a, b)
  if b ~= nil then return NS .. p .. ':' .. a .. ':' .. b end
  if a ~= nil then return NS .. p .. ':' .. a end
  return NS .. p
end`;
}
