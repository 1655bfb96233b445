import { kp } from '../keys.js';
import { lua } from './tag.js';

/**
 * Lua bodies of the store upgrade (`upgrade.ts`), run after the account sections. Enterprise Grid
 * identities written before commit 909cd6a were keyed `slack:<E>:<T>:<U>` (prefix `slack:<E>:<T>:`)
 * and searched in `slack:<T>`; they become `slack:<E>:*:<U>`, searched in `slack:enterprise:<E>`.
 */

/** An identity prefix written the old way: a Grid enterprise and a workspace (not `-`, not `*`). */
const OLD_GRID_PREFIX = lua`
local function old_grid_prefix(prefix)
  local e, t = string.match(prefix, '^slack:([^:]+):([^:]+):$')
  return e ~= nil and e ~= '-' and t ~= '*'
end
`;

/**
 * ARGV: from bucket, to bucket (exclusive) → {last bucket, old identity key…}: the old Grid identity
 * keys held by the accounts of those attribute buckets (100 uids each). Last bucket -1: no old Grid
 * prefix was ever interned, so there is nothing to upgrade. Reads only.
 */
export const GRID_FIND = lua`${OLD_GRID_PREFIX}
local old, any = {}, false
local flat = redis.call('HGETALL', key(${kp.prefixKey}))
for i = 1, #flat, 2 do
  if old_grid_prefix(flat[i + 1]) then old[flat[i]] = flat[i + 1]; any = true end
end
if not any then return { -1 } end
local out = { math.floor(tonumber(redis.call('HGET', key(${kp.seq}), 'acc') or '0') / PER_BUCKET) }
for b = tonumber(ARGV[1]), tonumber(ARGV[2]) - 1 do
  for _, uid in ipairs(redis.call('HKEYS', key(${kp.attrIdentities}, b))) do
    for _, pair in ipairs(identities_of(uid)) do
      if old[pair[1]] then out[#out + 1] = old[pair[1]] .. pair[2] end
    end
  end
end
return out
`;

/**
 * ARGV: new identity key, new prefix, user id, new scope, old key… → {'moved', uid} | {'kept'} | {'none'}.
 * One Grid person: when nobody holds the new key yet, the oldest account (createdAt, then old key)
 * still holding one of the old keys gets it; the others keep their old keys, as SQLite migration 8
 * does. The identity keeps its prefix tuple (the workspace it was first seen in). Idempotent.
 */
export const GRID_REKEY = lua`
local nk, nprefix, user, nscope = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local holder, taken = uid_by_identity(nk)
if holder or taken then return { 'kept' } end
local best, best_at, best_key
for i = 5, #ARGV do
  local u = uid_by_identity(ARGV[i])
  if u then
    local at = tonumber(aget(${kp.attrCreated}, u))
    if not best or at < best_at or (at == best_at and ARGV[i] < best_key) then
      best, best_at, best_key = u, at, ARGV[i]
    end
  end
end
if not best then return { 'none' } end
local oprefix = string.sub(best_key, 1, #best_key - #user)
local oscope = 'slack:' .. string.match(oprefix, '^slack:[^:]+:([^:]+):$')
local entries, still_in_oscope = {}, false
for _, pair in ipairs(identities_of(best)) do
  local prefix = redis.call('HGET', key(${kp.prefixKey}), pair[1]) or ''
  local p = pair[1]
  if prefix .. pair[2] == best_key then
    p = intern_prefix(nprefix, redis.call('HGET', key(${kp.prefixTuple}), pair[1]))
  else
    local t = string.match(prefix, '^slack:[^:]+:([^:]+):$')
    if t and 'slack:' .. t == oscope then still_in_oscope = true end
  end
  entries[#entries + 1] = identity_entry(p, pair[2])
end
aset(${kp.attrIdentities}, best, table.concat(entries))
local od, ob = digest(best_key)
redis.call('HDEL', key(${kp.identityIndex}, ob), od)
local nd, nb = digest(nk)
redis.call('HSET', key(${kp.identityIndex}, nb), nd, best)
-- in the search scope only when it was in the old one (an unclaimed account is in none)
if redis.call('SISMEMBER', key(${kp.scope}, oscope), best) == 1 then
  if not still_in_oscope then redis.call('SREM', key(${kp.scope}, oscope), best) end
  redis.call('SADD', key(${kp.scope}, nscope), best)
end
return { 'moved', best }
`;

/** ARGV: version → the stored version after raising it to at least that (never lowered). */
export const RAISE_VERSION = lua`
local v = tonumber(redis.call('GET', key(${kp.storeVersion})) or '0')
if v < tonumber(ARGV[1]) then redis.call('SET', key(${kp.storeVersion}), ARGV[1]); v = tonumber(ARGV[1]) end
return v
`;
