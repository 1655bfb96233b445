import { kp } from '../keys.js';
import { lua } from './tag.js';
/**
 * Lua bodies for accounts, identities and handles (run after PRELUDE; KEYS[1] is the network tag).
 * Optional arguments use the `opt()` encoding: '0' = absent, '1<value>' = value.
 */

/** ARGV: id, identityKey, identityPrefix, prefixTuple, userId, scope, displayName, locale, now, (handle, handleKey)… */
export const REGISTER = lua`
local ik, now = ARGV[2], tonumber(ARGV[9])
local existing, digest_taken = uid_by_identity(ik)
-- An unclaimed account (handle '') is claimed by its person's first act: it takes a handle below.
if existing and aget(${kp.attrHandle}, existing) ~= '' then return { 'existing', account_reply(existing) } end
if digest_taken and not existing then return redis.error_reply('identity digest collision') end
local handle, hk
for i = 10, #ARGV - 1, 2 do
  if not taken_by_other(ARGV[i + 1], nil, now) then handle = ARGV[i]; hk = ARGV[i + 1]; break end
end
if not handle then return { 'NO_HANDLE_AVAILABLE' } end
local uid, problem = existing, nil
if not uid then uid, problem = create_account(ARGV[7], ARGV[8], ARGV[9]) end
if not uid then return problem end
take_handle(uid, handle, hk, ARGV[6])
return { 'created', account_reply(uid) }
`;

/** ARGV: id → account or {} */
export const ACCOUNT_BY_ID = lua`
local uid = uid_of(ARGV[1])
if not uid then return {} end
return account_reply(uid)
`;

/** ARGV: identityKey → account or {} */
export const ACCOUNT_BY_IDENTITY = lua`
local uid = uid_by_identity(ARGV[1])
if not uid then return {} end
return account_reply(uid)
`;

/** ARGV: handleKey, now → {'handle'|'alias', account} or {} */
export const RESOLVE_HANDLE = lua`
local hk, now = ARGV[1], tonumber(ARGV[2])
local uid = handle_owner(hk)
if uid then return { 'handle', account_reply(uid) } end
local alias = live_alias(hk, now)
if alias and ext_of(alias) then return { 'alias', account_reply(alias) } end
return {}
`;

/** ARGV: id, opt(displayName), opt(locale), opt(searchable '1'|'0') → account or {} */
export const UPDATE_PROFILE = lua`
local uid = uid_of(ARGV[1])
if not uid then return {} end
local name, locale_arg, searchable_arg = opt(ARGV[2]), opt(ARGV[3]), opt(ARGV[4])
if name then set_name(uid, name) end
local locale, searchable = flags_of(uid)
if locale_arg then locale = locale_arg end
if searchable_arg then searchable = searchable_arg == '1' end
set_flags(uid, locale, searchable)
return account_reply(uid)
`;

/**
 * ARGV: id, handle, handleKey, now → {code} or {'ok', previous, account}.
 * Checks in the order of the SQLite store: unchanged, taken, change limit.
 */
export const CHANGE_HANDLE = lua`
local uid = uid_of(ARGV[1])
if not uid then return { 'NOT_FOUND' } end
local handle, hk, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local current = aget(${kp.attrHandle}, uid)
if current == handle then return { 'HANDLE_UNCHANGED' } end
if taken_by_other(hk, uid, now) then return { 'HANDLE_TAKEN' } end
local hc = key(${kp.handleChanges}, uid)
local recent = redis.call('ZRANGEBYSCORE', hc, '(' .. fmt(now - HC_WINDOW), '+inf', 'WITHSCORES')
local n = #recent / 2
if n >= HC_MAX then
  local oldest = tonumber(recent[2 * (n - HC_MAX) + 2])
  return { 'HANDLE_CHANGE_LIMIT', fmt(math.max(1, oldest + HC_WINDOW - now)) }
end
local old_key = string.lower(current)
redis.call('DEL', key(${kp.alias}, hk))
aset(${kp.attrHandle}, uid, handle)
if old_key ~= hk then
  redis.call('HDEL', key(${kp.handleIndex}, hbucket(old_key)), old_key)
  redis.call('HSET', key(${kp.handleIndex}, hbucket(hk)), hk, uid)
  local ak = key(${kp.alias}, old_key)
  redis.call('HSET', ak, 'u', uid, 'e', fmt(now + ALIAS_TTL))
  redis.call('PEXPIRE', ak, fmt(ALIAS_TTL))
end
redis.call('ZREMRANGEBYSCORE', hc, '-inf', fmt(now - HC_WINDOW))
redis.call('ZADD', hc, fmt(now), redis.call('HINCRBY', key(${kp.seq}), 'hc', 1))
redis.call('PEXPIRE', hc, fmt(HC_WINDOW))
return { 'ok', current, account_reply(uid) }
`;

/**
 * ARGV: scope, query (lower-cased by the caller) → candidate accounts. Pure-ASCII names are matched
 * here exactly; the caller re-applies the same test to every candidate (non-ASCII names need
 * JavaScript's toLowerCase), then sorts and cuts to the limit.
 */
export const SEARCH_CANDIDATES = lua`
local q = ARGV[2]
local out = {}
for _, uid in ipairs(redis.call('SMEMBERS', key(${kp.scope}, ARGV[1]))) do
  local _, searchable = flags_of(uid)
  if searchable then
    local text = (name_of(uid) or '') .. '\n' .. (aget(${kp.attrHandle}, uid) or '')
    if string.find(text, '[\128-\255]') or string.find(string.lower(text), q, 1, true) then
      out[#out + 1] = account_reply(uid)
    end
  end
end
return out
`;
