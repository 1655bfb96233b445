import { kp } from '../keys.js';
import { lua } from './tag.js';

/**
 * One person, two platforms (src/core/merge.ts) on Redis. The rule is not re-written in Lua: MERGE_READ
 * returns the snapshot as JSON with its SHA-1; the store asks `decideMerge`, and MERGE_APPLY reads the
 * same snapshot again, applies the effects only when its SHA-1 is unchanged (else 'STALE': the store
 * reads again), all inside one script in the network slot: all or nothing, and of two merges of
 * one code exactly one finds the code.
 *
 * The code is `mc:<code>` = '<platform>|<expiresAt>|<account id>' (TTL 10 minutes).
 * ARGV of both: code, joiner account id, JSON candidates {blockers: {uid…}, requests: {id…}, aliases:
 * {handle key…}} found by SCAN (re-checked here; blockers are part of the snapshot).
 */
export const MERGE_SNAPSHOT = lua`
local function pairs_of(k)
  local flat, out = redis.call('ZRANGE', k, 0, -1, 'WITHSCORES'), {}
  for i = 1, #flat, 2 do
    local ext = ext_of(flat[i])
    if ext then out[#out + 1] = { ext, flat[i + 1] } end
  end
  return out
end
local function side(uid, blockers)
  if not uid then return false end
  local by = {}
  for _, o in ipairs(blockers) do
    local at = redis.call('ZSCORE', key(${kp.blocks}, o), uid)
    if at and ext_of(o) then by[#by + 1] = { ext_of(o), at } end
  end
  return { account_reply(uid), pairs_of(key(${kp.contacts}, uid)), pairs_of(key(${kp.blocks}, uid)), by }
end
local function snapshot(code_arg, joiner_ext, found)
  local raw = redis.call('GET', key(${kp.mergeCode}, code_arg))
  local code, iu = false, nil
  if raw then
    local p1 = string.find(raw, '|', 1, true)
    local p2 = string.find(raw, '|', p1 + 1, true)
    code = { string.sub(raw, 1, p1 - 1), string.sub(raw, p1 + 1, p2 - 1), string.sub(raw, p2 + 1) }
    iu = uid_of(code[3])
  end
  local ju = uid_of(joiner_ext)
  local open, seen = {}, {}
  for _, u in ipairs({ ju or false, iu or false }) do
    if u then
      for _, z in ipairs({ key(${kp.incoming}, u), key(${kp.outgoing}, u) }) do
        for _, id in ipairs(redis.call('ZRANGE', z, 0, -1)) do
          local r = load_req(id)
          if r and not seen[id] and (r.st == 'pending' or r.st == 'declined') then
            seen[id] = true
            open[#open + 1] = req_reply(r)
          end
        end
      end
    end
  end
  return { code, side(ju, found.blockers), side(iu, found.blockers), open }, ju, iu
end
`;

/** ARGV: code, joiner, candidates → {json, sha1} */
export const MERGE_READ = lua`
local snap = snapshot(ARGV[1], ARGV[2], cjson.decode(ARGV[3]))
local json = cjson.encode(snap)
return { json, redis.sha1hex(json) }
`;

/**
 * ARGV: code, joiner, candidates, expected sha1, now, JSON effects (src/core/merge.ts, with the newer
 * account's identity keys and scopes on absorb_account) → {'ok', account} or {'STALE'}
 */
export const MERGE_APPLY = lua`
local found = cjson.decode(ARGV[3])
local snap = snapshot(ARGV[1], ARGV[2], found)
if redis.sha1hex(cjson.encode(snap)) ~= ARGV[4] then return { 'STALE' } end
local now = tonumber(ARGV[5])

local function unlink(id, r)
  redis.call('ZREM', key(${kp.due}), id)
  redis.call('ZREM', key(${kp.incoming}, r.t), id)
  redis.call('ZREM', key(${kp.outgoing}, r.s), id)
  local lk = key(${kp.latest}, r.s, r.t)
  if redis.call('GET', lk) == id then redis.call('DEL', lk) end
end
local function drop_request(id)
  local r = load_req(id)
  if not r then return end
  unlink(id, r)
  redis.call('DEL', key(${kp.request}, id))
end
local function move_request(id, su, tu)
  local r = load_req(id)
  unlink(id, r)
  r.s, r.t = su, tu
  redis.call('HSET', key(${kp.request}, id), 's', su, 't', tu)
  if r.st == 'pending' then
    redis.call('ZADD', key(${kp.incoming}, tu), fmt(r.c), id)
    redis.call('ZADD', key(${kp.due}), fmt(due_at(r)), id)
  end
  redis.call('ZADD', key(${kp.outgoing}, su), fmt(r.c), id)
  local lk = key(${kp.latest}, su, tu)
  local prev = load_req(redis.call('GET', lk) or nil)
  if not prev or prev.c <= r.c then redis.call('SET', lk, id) end
  touch(r, now)
end

local function absorb(e)
  local K, G = uid_of(e.keepId), uid_of(e.goneId)
  local gext = e.goneId
  -- identities, handle, aliases
  aset(${kp.attrIdentities}, K, (aget(${kp.attrIdentities}, K) or '') .. (aget(${kp.attrIdentities}, G) or ''))
  for _, ik in ipairs(e.identityKeys) do
    local d, b = digest(ik)
    redis.call('HSET', key(${kp.identityIndex}, b), d, K)
  end
  for _, sc in ipairs(e.scopes) do
    redis.call('SREM', key(${kp.scope}, sc), G)
    redis.call('SADD', key(${kp.scope}, sc), K)
  end
  for _, ak in ipairs(found.aliases) do
    if redis.call('HGET', key(${kp.alias}, ak), 'u') == G then redis.call('HSET', key(${kp.alias}, ak), 'u', K) end
  end
  local hk = string.lower(aget(${kp.attrHandle}, G))
  redis.call('HDEL', key(${kp.handleIndex}, hbucket(hk)), hk)
  local ak = key(${kp.alias}, hk)
  redis.call('HSET', ak, 'u', K, 'e', fmt(e.aliasUntil))
  redis.call('PEXPIRE', ak, fmt(math.max(1, e.aliasUntil - now)))
  -- queued notices go to the merged account, in order, after its own
  local gq, kq = key(${kp.queue}, G), key(${kp.queue}, K)
  local kext = ext_of(K)
  local had = redis.call('LLEN', kq) > 0
  for _, id in ipairs(redis.call('LRANGE', gq, 0, -1)) do
    redis.call('HSET', key(${kp.event}, id), 'ru', K, 'r', kext)
    redis.call('RPUSH', kq, id)
  end
  redis.call('ZREM', key(${kp.heads}), G)
  redis.call('ZREM', key(${kp.parked}), G)
  if not had then
    local head = redis.call('LINDEX', kq, 0)
    if head then redis.call('ZADD', key(${kp.heads}), redis.call('HGET', key(${kp.event}, head), 'sq'), K) end
  end
  -- what is left of the newer account: its requests, contacts and blocks both ways, its keys
  for _, z in ipairs({ key(${kp.incoming}, G), key(${kp.outgoing}, G) }) do
    for _, id in ipairs(redis.call('ZRANGE', z, 0, -1)) do drop_request(id) end
  end
  for _, id in ipairs(found.requests) do
    local r = redis.call('HMGET', key(${kp.request}, id), 's', 't')
    if r[1] == G or r[2] == G then drop_request(id) end
  end
  for _, o in ipairs(redis.call('ZRANGE', key(${kp.contacts}, G), 0, -1)) do
    redis.call('ZREM', key(${kp.contacts}, o), G)
  end
  for _, o in ipairs(found.blockers) do redis.call('ZREM', key(${kp.blocks}, o), G) end
  for _, p in ipairs({ ${kp.contacts}, ${kp.blocks}, ${kp.incoming}, ${kp.outgoing}, ${kp.sentWindow},
    ${kp.handleChanges}, ${kp.queue}, ${kp.longName} }) do
    redis.call('DEL', key(p, G))
  end
  local xd, xb = digest(gext)
  redis.call('HDEL', key(${kp.idIndex}, xb), xd)
  for _, p in ipairs({ ${kp.attrId}, ${kp.attrHandle}, ${kp.attrName}, ${kp.attrCreated}, ${kp.attrIdentities}, ${kp.attrFlags} }) do
    adel(p, G)
  end
  -- audit records of the merged-away uid now lead to the account it joined (AUDIT_PAGE)
  redis.call('HSET', key(${kp.mergedInto}), G, K)
  return K
end

local keep
for _, e in ipairs(cjson.decode(ARGV[6])) do
  local k = e.kind
  if k == 'take_code' then redis.call('DEL', key(${kp.mergeCode}, ARGV[1]))
  elseif k == 'delete_request' then drop_request(e.requestId)
  elseif k == 'move_request' then move_request(e.requestId, uid_of(e.senderId), uid_of(e.recipientId))
  elseif k == 'update_request' then update_request(load_req(e.requestId), e.to, e.decidedAt, now)
  elseif k == 'add_contact' then add_contact(uid_of(e.a), uid_of(e.b), e.at)
  elseif k == 'add_block' then add_block(uid_of(e.blockerId), uid_of(e.blockedId), e.at)
  elseif k == 'emit' then
    event_ids[next_event] = e.event.id
    emit(e.event.type, load_req(e.event.requestId), uid_of(e.event.recipientId), e.event.actorId ~= cjson.null and uid_of(e.event.actorId) or nil, e.event.at)
  elseif k == 'absorb_account' then keep = absorb(e)
  else return redis.error_reply('mergeAccounts: unexpected effect ' .. tostring(k)) end
end
if keep then audit('accounts_merged', keep, nil, nil, nil, now, party_of(keep)) end
return { 'ok', account_reply(keep) }
`;

/** ARGV: code, platform, expiresAt, account id, ttl ms */
export const MERGE_CODE_PUT = lua`
redis.call('SET', key(${kp.mergeCode}, ARGV[1]), ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4], 'PX', ARGV[5])
return 1
`;

/**
 * `unmerge` (run after the account sections). ARGV: account id, identityKey, identityPrefix, prefixTuple,
 * userId, scope, new account id, displayName, locale, now, (handle, handleKey)… → {'ok', account, split}
 * or {code}. The identity leaves the account's identities and indexes for a fresh account of its own.
 */
export const UNMERGE = lua`
local uid = uid_of(ARGV[1])
if not uid then return { 'NOT_FOUND' } end
local ik, now = ARGV[2], tonumber(ARGV[10])
local idents = identities_of(uid)
local rest, hit, p = {}, false, nil
for _, pair in ipairs(idents) do
  local prefix = redis.call('HGET', key(${kp.prefixKey}), pair[1]) or ''
  if prefix .. pair[2] == ik then hit = true; p = pair[1] else rest[#rest + 1] = identity_entry(pair[1], pair[2]) end
end
if not hit or #idents < 2 then return { 'NOT_MERGED' } end
local handle, hk
for i = 11, #ARGV - 1, 2 do
  if not taken_by_other(ARGV[i + 1], nil, now) then handle = ARGV[i]; hk = ARGV[i + 1]; break end
end
if not handle then return { 'NO_HANDLE_AVAILABLE' } end
aset(${kp.attrIdentities}, uid, table.concat(rest))
local ext = ARGV[7]
local nu = tostring(redis.call('HINCRBY', key(${kp.seq}), 'acc', 1))
local xd, xb = digest(ext)
redis.call('HSET', key(${kp.idIndex}, xb), xd, nu)
local idd, idb = digest(ik)
redis.call('HSET', key(${kp.identityIndex}, idb), idd, nu)
aset(${kp.attrId}, nu, ext)
aset(${kp.attrHandle}, nu, handle)
set_name(nu, ARGV[8])
aset(${kp.attrCreated}, nu, ARGV[10])
aset(${kp.attrIdentities}, nu, identity_entry(p, ARGV[5]))
set_flags(nu, ARGV[9], true)
redis.call('HSET', key(${kp.handleIndex}, hbucket(hk)), hk, nu)
redis.call('DEL', key(${kp.alias}, hk))
local still = false
for _, pair in ipairs(identities_of(uid)) do
  local prefix = redis.call('HGET', key(${kp.prefixKey}), pair[1]) or ''
  if string.find(prefix, ARGV[6] .. ':', 1, true) == 1 then still = true end
end
if not still then redis.call('SREM', key(${kp.scope}, ARGV[6]), uid) end
redis.call('SADD', key(${kp.scope}, ARGV[6]), nu)
return { 'ok', account_reply(uid), account_reply(nu) }
`;
