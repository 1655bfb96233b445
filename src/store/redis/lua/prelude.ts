import { POLICY } from '../../../core/policy.js';
import { kp, luaKeyPrelude } from '../keys.js';
import { lua } from './tag.js';

const DAY = 24 * 3_600_000;

/** Storage constants shared with the TypeScript side (README explains each). */
export const LAYOUT = {
  /** Hash buckets for the id, identity and handle indexes (digest → bucket). */
  indexBuckets: 2048,
  /** Accounts per attribute bucket: uid 0–99 → bucket 0, … (stays a listpack under 128 entries). */
  accountsPerBucket: 100,
  /** Display names longer than this (bytes) get their own key, so attribute buckets stay listpacks. */
  longNameBytes: 60,
  /** A settled request is kept this long for late clicks (ALREADY_DECIDED instead of NOT_FOUND). */
  keepSettledMs: 7 * DAY,
  /** Dead outbox items are kept this long for inspection, then dropped. */
  keepDeadMs: 30 * DAY,
  /**
   * A request's TTL is never shorter than this, even when the caller's `now` is already past its
   * retention: TTLs only reclaim memory and must never race a caller whose clock differs.
   */
  ttlFloorMs: DAY,
} as const;

/**
 * The Lua that scripts share, in sections; each script includes only the sections it uses (every
 * call re-creates the helpers it includes, and allocation is what a Redis script pays for most).
 * Constants come from POLICY and LAYOUT, key prefixes from keys.ts. Each effect helper mirrors one
 * `Effect` kind of src/core/effects.ts and records a descriptor (`applied`) that the TypeScript
 * side compares with what the pure rules decide for the same snapshot.
 */

/** NS, key(), constants, small formatters, digests. */
export const CORE = lua`${luaKeyPrelude()}
local BUCKETS = ${LAYOUT.indexBuckets}
local PER_BUCKET = ${LAYOUT.accountsPerBucket}
local LONG_NAME = ${LAYOUT.longNameBytes}
local KEEP = ${LAYOUT.keepSettledMs}
local DEAD_KEEP = ${LAYOUT.keepDeadMs}
local TTL_FLOOR = ${LAYOUT.ttlFloorMs}
local EXPIRES = ${POLICY.request.expiresAfterMs}
local REMIND = ${POLICY.request.reminderAfterMs}
local COOLDOWN = ${POLICY.request.withdrawCooldownMs}
local WINDOW = ${POLICY.request.newWindowMs}
local MAX_NEW = ${POLICY.request.maxNewPerWindow}
local ALIAS_TTL = ${POLICY.handle.aliasTtlMs}
local HC_WINDOW = ${POLICY.handle.changeWindowMs}
local HC_MAX = ${POLICY.handle.maxChangesPerWindow}
local LONG_MARK = string.char(0)

local function fmt(n) return string.format('%.0f', n) end
local function flag(b) if b then return '1' end return '0' end
-- optional string argument: '0' = null, '1<text>' = text
local function opt(s) if string.sub(s, 1, 1) == '1' then return string.sub(s, 2) end return nil end

-- 16 hex digits of SHA-1 name an entry; the next 6 pick its bucket
local function digest(s)
  local h = redis.sha1hex(s)
  return string.sub(h, 1, 16), tonumber(string.sub(h, 17, 22), 16) % BUCKETS
end
local function hbucket(s) local _, b = digest(s); return b end
`;

/** Account ids ⇄ uids. */
export const IDS = lua`
-- account attributes: one small hash per attribute and 100 uids
local function ab(uid) return math.floor(tonumber(uid) / PER_BUCKET) end
local function aget(p, uid) return redis.call('HGET', key(p, ab(uid)), uid) end

local ext_cache, uid_cache = {}, {}
local function ext_of(uid)
  local e = ext_cache[uid]
  if e == nil then e = aget(${kp.attrId}, uid); ext_cache[uid] = e end
  return e or nil
end
local function uid_of(ext)
  local u = uid_cache[ext]
  if u == nil then
    local d, b = digest(ext)
    u = redis.call('HGET', key(${kp.idIndex}, b), d)
    if u and aget(${kp.attrId}, u) ~= ext then u = false end
    uid_cache[ext] = u
    if u then ext_cache[u] = ext end
  end
  return u or nil
end
`;

/** Reading accounts, identities and handles. */
export const ACCOUNT_VIEW = lua`
-- flags: the locale, then '!' when not searchable; no entry = 'en', searchable
local function flags_of(uid)
  local f = aget(${kp.attrFlags}, uid)
  if not f then return 'en', true end
  if string.sub(f, -1) == '!' then return string.sub(f, 1, -2), false end
  return f, true
end
local function name_of(uid)
  local n = aget(${kp.attrName}, uid)
  if n == LONG_MARK then n = redis.call('GET', key(${kp.longName}, uid)) end
  return n
end
-- identities: '<prefix number>,<byte length>,<user id>' per identity, concatenated
local function identities_of(uid)
  local s, out, pos = aget(${kp.attrIdentities}, uid) or '', {}, 1
  while pos <= #s do
    local c1 = string.find(s, ',', pos, true)
    local c2 = string.find(s, ',', c1 + 1, true)
    local len = tonumber(string.sub(s, c1 + 1, c2 - 1))
    out[#out + 1] = { string.sub(s, pos, c1 - 1), string.sub(s, c2 + 1, c2 + len) }
    pos = c2 + len + 1
  end
  return out
end

-- {id, handle, name, locale, searchable, createdAt, {prefixTuple, userId, ...}}
local function account_reply(uid)
  local id = ext_of(uid)
  if not id then return nil end
  local locale, searchable = flags_of(uid)
  local idents = {}
  for _, pair in ipairs(identities_of(uid)) do
    idents[#idents + 1] = redis.call('HGET', key(${kp.prefixTuple}), pair[1])
    idents[#idents + 1] = pair[2]
  end
  return { id, aget(${kp.attrHandle}, uid), name_of(uid), locale, flag(searchable), aget(${kp.attrCreated}, uid), idents }
end

-- uid of an identity key; the second value tells that the digest is taken by another identity
local function uid_by_identity(ik)
  local d, b = digest(ik)
  local u = redis.call('HGET', key(${kp.identityIndex}, b), d)
  if not u then return nil, false end
  for _, pair in ipairs(identities_of(u)) do
    local prefix = redis.call('HGET', key(${kp.prefixKey}), pair[1]) or ''
    if prefix .. pair[2] == ik then return u, true end
  end
  return nil, true
end

local function handle_owner(hk) return redis.call('HGET', key(${kp.handleIndex}, hbucket(hk)), hk) or nil end
local function live_alias(hk, now)
  local a = redis.call('HMGET', key(${kp.alias}, hk), 'u', 'e')
  if a[1] and tonumber(a[2]) > now then return a[1] end
  return nil
end
local function taken_by_other(hk, self, now)
  local owner = handle_owner(hk)
  if owner and owner ~= self then return true end
  local alias = live_alias(hk, now)
  return alias ~= nil and alias ~= self
end
`;

/** Writing account attributes. */
export const ACCOUNT_WRITE = lua`
local function aset(p, uid, v) redis.call('HSET', key(p, ab(uid)), uid, v) end
local function adel(p, uid) redis.call('HDEL', key(p, ab(uid)), uid) end
local function set_flags(uid, locale, searchable)
  if locale == 'en' and searchable then adel(${kp.attrFlags}, uid)
  else aset(${kp.attrFlags}, uid, locale .. (searchable and '' or '!')) end
end
local function set_name(uid, name)
  if #name > LONG_NAME then
    aset(${kp.attrName}, uid, LONG_MARK)
    redis.call('SET', key(${kp.longName}, uid), name)
  else
    if aget(${kp.attrName}, uid) == LONG_MARK then redis.call('DEL', key(${kp.longName}, uid)) end
    aset(${kp.attrName}, uid, name)
  end
end

local function identity_entry(p, user) return p .. ',' .. #user .. ',' .. user end
-- The number of an identity prefix, interned by prefix and tuple: a Grid prefix (no workspace in it)
-- has one tuple per workspace.
local function intern_prefix(prefix, tuple)
  local p = redis.call('HGET', key(${kp.prefixNumber}), prefix .. tuple)
  if not p then
    p = tostring(redis.call('HINCRBY', key(${kp.seq}), 'ip', 1))
    redis.call('HSET', key(${kp.prefixNumber}), prefix .. tuple, p)
    redis.call('HSET', key(${kp.prefixKey}), p, prefix)
    redis.call('HSET', key(${kp.prefixTuple}), p, tuple)
  end
  return p
end

-- A new account's uid and attributes, unclaimed (handle '': no handle index, no scope, so no page and
-- no search entry) until take_handle. ARGV of the caller: id, identityKey, identityPrefix, prefixTuple,
-- userId at 1..5.
local function create_account(name, locale, created)
  local ext, ik = ARGV[1], ARGV[2]
  local xd, xb = digest(ext)
  if redis.call('HEXISTS', key(${kp.idIndex}, xb), xd) == 1 then
    return nil, redis.error_reply('account id already registered: ' .. ext)
  end
  local uid = tostring(redis.call('HINCRBY', key(${kp.seq}), 'acc', 1))
  redis.call('HSET', key(${kp.idIndex}, xb), xd, uid)
  local idd, idb = digest(ik)
  redis.call('HSET', key(${kp.identityIndex}, idb), idd, uid)
  local p = intern_prefix(ARGV[3], ARGV[4])
  aset(${kp.attrId}, uid, ext)
  aset(${kp.attrHandle}, uid, '')
  set_name(uid, name)
  aset(${kp.attrCreated}, uid, created)
  aset(${kp.attrIdentities}, uid, identity_entry(p, ARGV[5]))
  set_flags(uid, locale, true)
  return uid
end

-- Gives an account its handle: the handle index, no alias of it left, and a search entry in its scope.
local function take_handle(uid, handle, hk, scope)
  aset(${kp.attrHandle}, uid, handle)
  redis.call('HSET', key(${kp.handleIndex}, hbucket(hk)), hk, uid)
  redis.call('DEL', key(${kp.alias}, hk))
  redis.call('SADD', key(${kp.scope}, scope), uid)
end
`;

/** Reading requests, contacts and blocks. */
export const REQUEST_VIEW = lua`
-- requests: s/t hold uids; replies carry account ids
local function load_req(id)
  if not id then return nil end
  local flat = redis.call('HGETALL', key(${kp.request}, id))
  if #flat == 0 then return nil end
  local r = { id = id }
  for i = 1, #flat, 2 do r[flat[i]] = flat[i + 1] end
  r.c = tonumber(r.c)
  r.e = tonumber(r.e)
  if r.d then r.d = tonumber(r.d) end
  if r.m then r.m = tonumber(r.m) end
  return r
end
local function req_reply(r)
  if not r then return {} end
  local out = { 'id', r.id, 's', ext_of(r.s) or '', 't', ext_of(r.t) or '', 'st', r.st, 'o', r.o,
    'c', fmt(r.c), 'e', fmt(r.e) }
  if r.n then out[#out + 1] = 'n'; out[#out + 1] = r.n end
  if r.x then out[#out + 1] = 'x'; out[#out + 1] = r.x end
  if r.d then out[#out + 1] = 'd'; out[#out + 1] = fmt(r.d) end
  if r.m then out[#out + 1] = 'm'; out[#out + 1] = fmt(r.m) end
  return out
end
local function latest(su, tu)
  local r = load_req(redis.call('GET', key(${kp.latest}, su, tu)) or nil)
  if r and (r.s ~= su or r.t ~= tu) then return nil end
  return r
end
-- open for the sender: pending, or declined (a silent decline still looks pending to the sender), and
-- not expired; said once here, mirroring openForSender in src/core/rules.ts (change both together)
local function open_for_sender(r, now) return (r.st == 'pending' or r.st == 'declined') and now < r.e end
local function live_pending(r, now) return r.st == 'pending' and now < r.e end
local function are_contacts(a, b) return redis.call('ZSCORE', key(${kp.contacts}, a), b) ~= false end
local function blocks(x, y) return redis.call('ZSCORE', key(${kp.blocks}, x), y) ~= false end
`;

/** The effects of the rules, each recording its descriptor, and the outbox append. */
export const EFFECTS = lua`
local function due_at(r)
  if r.m then return r.e end
  return math.min(r.c + REMIND, r.e)
end
-- kept for late clicks and for the rules that look back (cooldown, silent decline)
local function keep_until(r)
  if r.st == 'pending' or r.st == 'declined' then return r.e + KEEP end
  if r.st == 'withdrawn' then return r.d + math.max(COOLDOWN, KEEP) end
  if r.st == 'accepted' then return r.d + KEEP end
  return math.max(r.e, r.d or r.e) + KEEP
end
local function touch(r, now)
  local ttl = fmt(math.max(TTL_FLOOR, keep_until(r) - now))
  redis.call('PEXPIRE', key(${kp.request}, r.id), ttl)
  local lk = key(${kp.latest}, r.s, r.t)
  if redis.call('GET', lk) == r.id then redis.call('PEXPIRE', lk, ttl) end
end

-- effects: each mirrors one Effect kind and records its descriptor
local applied = {}
local function eff(...) applied[#applied + 1] = table.concat({ ... }, '|') end

local function insert_request(r, now)
  local f = { 's', r.s, 't', r.t, 'st', r.st, 'o', r.o, 'c', fmt(r.c), 'e', fmt(r.e) }
  if r.n then f[#f + 1] = 'n'; f[#f + 1] = r.n end
  if r.x then f[#f + 1] = 'x'; f[#f + 1] = r.x end
  if r.d then f[#f + 1] = 'd'; f[#f + 1] = fmt(r.d) end
  redis.call('HSET', key(${kp.request}, r.id), unpack(f))
  redis.call('SET', key(${kp.latest}, r.s, r.t), r.id)
  if r.st == 'pending' then
    redis.call('ZADD', key(${kp.incoming}, r.t), fmt(r.c), r.id)
    redis.call('ZADD', key(${kp.due}), fmt(due_at(r)), r.id)
  end
  if r.st == 'pending' or r.st == 'declined' then redis.call('ZADD', key(${kp.outgoing}, r.s), fmt(r.c), r.id) end
  local sw = key(${kp.sentWindow}, r.s)
  redis.call('ZADD', sw, fmt(r.c), r.id)
  redis.call('PEXPIRE', sw, fmt(2 * WINDOW))
  touch(r, now)
  eff('ins', r.id, ext_of(r.s), ext_of(r.t), r.st, fmt(r.c), fmt(r.e), r.d and fmt(r.d) or '-')
end
local function update_request(r, to, decided, now)
  local from = r.st
  r.st = to
  r.d = decided
  redis.call('HSET', key(${kp.request}, r.id), 'st', to, 'd', fmt(decided))
  if from == 'pending' then
    redis.call('ZREM', key(${kp.incoming}, r.t), r.id)
    redis.call('ZREM', key(${kp.due}), r.id)
  end
  if to ~= 'declined' then redis.call('ZREM', key(${kp.outgoing}, r.s), r.id) end
  touch(r, now)
  eff('upd', r.id, from, to, fmt(decided))
end
local function mark_reminded(r, at)
  r.m = at
  redis.call('HSET', key(${kp.request}, r.id), 'm', fmt(at))
  redis.call('ZADD', key(${kp.due}), fmt(r.e), r.id)
  eff('rem', r.id, fmt(at))
end
local function add_contact(a, b, at)
  redis.call('ZADD', key(${kp.contacts}, a), fmt(at), b)
  redis.call('ZADD', key(${kp.contacts}, b), fmt(at), a)
  eff('con+', ext_of(a), ext_of(b), fmt(at))
end
local function remove_contact(a, b)
  redis.call('ZREM', key(${kp.contacts}, a), b)
  redis.call('ZREM', key(${kp.contacts}, b), a)
  eff('con-', ext_of(a), ext_of(b))
end
local function add_block(x, y, at)
  redis.call('ZADD', key(${kp.blocks}, x), fmt(at), y)
  eff('blk+', ext_of(x), ext_of(y), fmt(at))
end
local function remove_block(x, y)
  redis.call('ZREM', key(${kp.blocks}, x), y)
  eff('blk-', ext_of(x), ext_of(y))
end

-- outbox append; event ids come from the caller (ARGV), in the order the rules ask for them
local event_ids, next_event = {}, 1
local function use_event_ids(from) for i = from, #ARGV do event_ids[#event_ids + 1] = ARGV[i] end end
local function emit(ty, r, ru, au, now)
  local id = event_ids[next_event]
  next_event = next_event + 1
  local sq = redis.call('HINCRBY', key(${kp.seq}), 'ev', 1)
  local rx = ext_of(ru)
  local ax = au and ext_of(au) or nil
  local f = { 'ty', ty, 'r', rx, 'ru', ru, 'q', r.id, 'at', fmt(now), 'sq', sq, 'k', '0', 'lu', '0', 'av', fmt(now) }
  if ax then f[#f + 1] = 'a'; f[#f + 1] = ax end
  redis.call('HSET', key(${kp.event}, id), unpack(f))
  if redis.call('RPUSH', key(${kp.queue}, ru), id) == 1 then redis.call('ZADD', key(${kp.heads}), sq, ru) end
  redis.call('ZADD', key(${kp.live}), fmt(now), id)
  eff('evt', id, ty, rx, r.id, ax or '-', fmt(now))
end
`;
