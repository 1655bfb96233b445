import { POLICY } from '../../../core/policy.js';
import { luaKeyPrelude } from '../keys.js';
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
} as const;

/**
 * Lua shared by every network script: constants from POLICY, key builders from keys.ts, and the
 * helpers that read and write accounts, requests and outbox events. Each effect helper mirrors one
 * `Effect` kind of src/core/effects.ts and records a descriptor (`applied`) that the TypeScript side
 * compares with what the pure rules decided for the same snapshot.
 */
export const PRELUDE = lua`${luaKeyPrelude()}
local BUCKETS = ${LAYOUT.indexBuckets}
local PER_BUCKET = ${LAYOUT.accountsPerBucket}
local LONG_NAME = ${LAYOUT.longNameBytes}
local KEEP = ${LAYOUT.keepSettledMs}
local DEAD_KEEP = ${LAYOUT.keepDeadMs}
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

-- account attributes: one small hash per attribute and 100 uids
local function ab(uid) return math.floor(tonumber(uid) / PER_BUCKET) end
local function aget(p, uid) return redis.call('HGET', key(p, ab(uid)), uid) end
local function aset(p, uid, v) redis.call('HSET', key(p, ab(uid)), uid, v) end
local function adel(p, uid) redis.call('HDEL', key(p, ab(uid)), uid) end

local ext_cache, uid_cache = {}, {}
local function ext_of(uid)
  local e = ext_cache[uid]
  if e == nil then e = aget(KP.attrId, uid); ext_cache[uid] = e end
  return e or nil
end
local function uid_of(ext)
  local u = uid_cache[ext]
  if u == nil then
    local d, b = digest(ext)
    u = redis.call('HGET', key(KP.idIndex, b), d)
    if u and aget(KP.attrId, u) ~= ext then u = false end
    uid_cache[ext] = u
    if u then ext_cache[u] = ext end
  end
  return u or nil
end

local function flags_of(uid)
  local f = aget(KP.attrFlags, uid)
  if not f then return 'en', true end
  return string.sub(f, 1, 2), string.sub(f, 3, 3) ~= '!'
end
local function set_flags(uid, locale, searchable)
  if locale == 'en' and searchable then adel(KP.attrFlags, uid)
  else aset(KP.attrFlags, uid, locale .. (searchable and '' or '!')) end
end
local function name_of(uid)
  local n = aget(KP.attrName, uid)
  if n == LONG_MARK then n = redis.call('GET', key(KP.longName, uid)) end
  return n
end
local function set_name(uid, name)
  if #name > LONG_NAME then
    aset(KP.attrName, uid, LONG_MARK)
    redis.call('SET', key(KP.longName, uid), name)
  else
    if aget(KP.attrName, uid) == LONG_MARK then redis.call('DEL', key(KP.longName, uid)) end
    aset(KP.attrName, uid, name)
  end
end

-- {id, handle, name, locale, searchable, createdAt, {prefixTuple, userId, ...}}
local function account_reply(uid)
  local id = ext_of(uid)
  if not id then return nil end
  local locale, searchable = flags_of(uid)
  local idents = {}
  for _, pair in ipairs(cjson.decode(aget(KP.attrIdentities, uid))) do
    idents[#idents + 1] = redis.call('HGET', key(KP.prefixTuple), tostring(pair[1]))
    idents[#idents + 1] = pair[2]
  end
  return { id, aget(KP.attrHandle, uid), name_of(uid), locale, flag(searchable), aget(KP.attrCreated, uid), idents }
end

-- uid of an identity key; the second value tells that the digest is taken by another identity
local function uid_by_identity(ik)
  local d, b = digest(ik)
  local u = redis.call('HGET', key(KP.identityIndex, b), d)
  if not u then return nil, false end
  for _, pair in ipairs(cjson.decode(aget(KP.attrIdentities, u) or '[]')) do
    local prefix = redis.call('HGET', key(KP.prefixKey), tostring(pair[1])) or ''
    if prefix .. pair[2] == ik then return u, true end
  end
  return nil, true
end

local function handle_owner(hk) return redis.call('HGET', key(KP.handleIndex, hbucket(hk)), hk) or nil end
local function live_alias(hk, now)
  local a = redis.call('HMGET', key(KP.alias, hk), 'u', 'e')
  if a[1] and tonumber(a[2]) > now then return a[1] end
  return nil
end
local function taken_by_other(hk, self, now)
  local owner = handle_owner(hk)
  if owner and owner ~= self then return true end
  local alias = live_alias(hk, now)
  return alias ~= nil and alias ~= self
end

-- requests: s/t hold uids; replies carry account ids
local function load_req(id)
  if not id then return nil end
  local flat = redis.call('HGETALL', key(KP.request, id))
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
  local r = load_req(redis.call('GET', key(KP.latest, su, tu)) or nil)
  if r and (r.s ~= su or r.t ~= tu) then return nil end
  return r
end
local function open_for_sender(r, now) return (r.st == 'pending' or r.st == 'declined') and now < r.e end
local function live_pending(r, now) return r.st == 'pending' and now < r.e end
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
  local ttl = fmt(math.max(1000, keep_until(r) - now))
  redis.call('PEXPIRE', key(KP.request, r.id), ttl)
  local lk = key(KP.latest, r.s, r.t)
  if redis.call('GET', lk) == r.id then redis.call('PEXPIRE', lk, ttl) end
end
local function are_contacts(a, b) return redis.call('ZSCORE', key(KP.contacts, a), b) ~= false end
local function blocks(x, y) return redis.call('ZSCORE', key(KP.blocks, x), y) ~= false end

-- effects: each mirrors one Effect kind and records its descriptor
local applied = {}
local function eff(...) applied[#applied + 1] = table.concat({ ... }, '|') end

local function insert_request(r, now)
  local f = { 's', r.s, 't', r.t, 'st', r.st, 'o', r.o, 'c', fmt(r.c), 'e', fmt(r.e) }
  if r.n then f[#f + 1] = 'n'; f[#f + 1] = r.n end
  if r.x then f[#f + 1] = 'x'; f[#f + 1] = r.x end
  if r.d then f[#f + 1] = 'd'; f[#f + 1] = fmt(r.d) end
  redis.call('HSET', key(KP.request, r.id), unpack(f))
  redis.call('SET', key(KP.latest, r.s, r.t), r.id)
  if r.st == 'pending' then
    redis.call('ZADD', key(KP.incoming, r.t), fmt(r.c), r.id)
    redis.call('ZADD', key(KP.due), fmt(due_at(r)), r.id)
  end
  redis.call('ZADD', key(KP.outgoing, r.s), fmt(r.c), r.id)
  local sw = key(KP.sentWindow, r.s)
  redis.call('ZADD', sw, fmt(r.c), r.id)
  redis.call('PEXPIRE', sw, fmt(2 * WINDOW))
  touch(r, now)
  eff('ins', r.id, ext_of(r.s), ext_of(r.t), r.st, fmt(r.c), fmt(r.e), r.d and fmt(r.d) or '-')
end
local function update_request(r, to, decided, now)
  local from = r.st
  r.st = to
  r.d = decided
  redis.call('HSET', key(KP.request, r.id), 'st', to, 'd', fmt(decided))
  if from == 'pending' then
    redis.call('ZREM', key(KP.incoming, r.t), r.id)
    redis.call('ZREM', key(KP.due), r.id)
  end
  if to ~= 'declined' then redis.call('ZREM', key(KP.outgoing, r.s), r.id) end
  touch(r, now)
  eff('upd', r.id, from, to, fmt(decided))
end
local function mark_reminded(r, at)
  r.m = at
  redis.call('HSET', key(KP.request, r.id), 'm', fmt(at))
  redis.call('ZADD', key(KP.due), fmt(r.e), r.id)
  eff('rem', r.id, fmt(at))
end
local function add_contact(a, b, at)
  redis.call('ZADD', key(KP.contacts, a), fmt(at), b)
  redis.call('ZADD', key(KP.contacts, b), fmt(at), a)
  eff('con+', ext_of(a), ext_of(b), fmt(at))
end
local function remove_contact(a, b)
  redis.call('ZREM', key(KP.contacts, a), b)
  redis.call('ZREM', key(KP.contacts, b), a)
  eff('con-', ext_of(a), ext_of(b))
end
local function add_block(x, y, at)
  redis.call('ZADD', key(KP.blocks, x), fmt(at), y)
  eff('blk+', ext_of(x), ext_of(y), fmt(at))
end
local function remove_block(x, y)
  redis.call('ZREM', key(KP.blocks, x), y)
  eff('blk-', ext_of(x), ext_of(y))
end

-- outbox append; event ids come from the caller (ARGV), in the order the rules ask for them
local event_ids, next_event = {}, 1
local function use_event_ids(from) for i = from, #ARGV do event_ids[#event_ids + 1] = ARGV[i] end end
local function emit(ty, r, ru, au, now)
  local id = event_ids[next_event]
  next_event = next_event + 1
  local sq = redis.call('HINCRBY', key(KP.seq), 'ev', 1)
  local rx = ext_of(ru)
  local ax = au and ext_of(au) or nil
  local f = { 'ty', ty, 'r', rx, 'ru', ru, 'q', r.id, 'at', fmt(now), 'sq', sq, 'k', '0', 'lu', '0', 'av', fmt(now) }
  if ax then f[#f + 1] = 'a'; f[#f + 1] = ax end
  redis.call('HSET', key(KP.event, id), unpack(f))
  if redis.call('RPUSH', key(KP.queue, ru), id) == 1 then redis.call('ZADD', key(KP.heads), sq, ru) end
  redis.call('ZADD', key(KP.live), fmt(now), id)
  eff('evt', id, ty, rx, r.id, ax or '-', fmt(now))
end
`;
