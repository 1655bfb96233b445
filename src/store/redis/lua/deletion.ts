import { kp } from '../keys.js';
import { lua } from './tag.js';

/**
 * `delete my data` (run after CORE and IDS). ARGV: account id, now, JSON `{identities, scopes,
 * aliases, requests, blockers}`: identity keys and scopes of the account, and the candidates the
 * caller found by scanning the namespace (alias handle keys, request ids, blocker uids). Each
 * candidate is checked here against the account's uid before anything goes, so a stale or wrong
 * candidate changes nothing. Removes the account's attributes and index entries, its handle
 * (tombstone `tb:<handle key>` = now) and aliases (tombstoned too), its requests both ways with
 * their pointers and index entries, contacts and blocks on both sides, its outbox queue and every
 * event to or about it → {'ok', {tombstoned handle keys}} or {'NOT_FOUND'}.
 */
export const DELETE_ACCOUNT = lua`
local ext, now = ARGV[1], tonumber(ARGV[2])
local found = cjson.decode(ARGV[3])
local uid = uid_of(ext)
if not uid then return { 'NOT_FOUND' } end

-- the audit keeps the deletion, with no uid of the person; their e-mail domains go (lua/organisations.ts)
local gone_party = party_of(uid)
for _, ik in ipairs(found.identities) do
  local d, b = digest(ik)
  redis.call('HDEL', key(${kp.emailDomain}, b), d)
end

local tombs = {}
local function tomb(hk)
  redis.call('SET', key(${kp.tombstone}, hk), fmt(now))
  tombs[#tombs + 1] = hk
end
local hk = string.lower(aget(${kp.attrHandle}, uid))
-- An unclaimed account (handle '') never had a handle (or a page): nothing of it to tombstone.
if hk ~= '' then
  redis.call('HDEL', key(${kp.handleIndex}, hbucket(hk)), hk)
  tomb(hk)
end
for _, ak in ipairs(found.aliases) do
  if redis.call('HGET', key(${kp.alias}, ak), 'u') == uid then
    redis.call('DEL', key(${kp.alias}, ak))
    if ak ~= hk then tomb(ak) end
  end
end

-- requests both ways: the open ones from the account's own indexes, the settled ones from the scan
local gone_req = {}
local function drop_request(id)
  if gone_req[id] then return end
  local r = redis.call('HMGET', key(${kp.request}, id), 's', 't')
  if r[1] ~= uid and r[2] ~= uid then return end
  gone_req[id] = true
  redis.call('DEL', key(${kp.request}, id))
  redis.call('ZREM', key(${kp.due}), id)
  redis.call('ZREM', key(${kp.incoming}, r[2]), id)
  redis.call('ZREM', key(${kp.outgoing}, r[1]), id)
  local lk = key(${kp.latest}, r[1], r[2])
  if redis.call('GET', lk) == id then redis.call('DEL', lk) end
end
for _, id in ipairs(redis.call('ZRANGE', key(${kp.incoming}, uid), 0, -1)) do drop_request(id) end
for _, id in ipairs(redis.call('ZRANGE', key(${kp.outgoing}, uid), 0, -1)) do drop_request(id) end
for _, id in ipairs(found.requests) do drop_request(id) end

-- contacts are symmetric; blocks by others come from the scan
for _, o in ipairs(redis.call('ZRANGE', key(${kp.contacts}, uid), 0, -1)) do
  redis.call('ZREM', key(${kp.contacts}, o), uid)
end
for _, o in ipairs(found.blockers) do redis.call('ZREM', key(${kp.blocks}, o), uid) end

-- outbox: every event to the account, by it, or about one of its requests
local function drop_event(id)
  local ek = key(${kp.event}, id)
  local e = redis.call('HMGET', ek, 'ru', 'a', 'q')
  if e[1] ~= uid and e[2] ~= ext and not gone_req[e[3]] then return end
  redis.call('DEL', ek)
  redis.call('ZREM', key(${kp.live}), id)
  redis.call('ZREM', key(${kp.dead}), id)
  if not e[1] then return end
  local qk = key(${kp.queue}, e[1])
  local was_head = redis.call('LINDEX', qk, 0) == id
  redis.call('LREM', qk, 1, id)
  if was_head then
    redis.call('ZREM', key(${kp.heads}), e[1])
    redis.call('ZREM', key(${kp.parked}), e[1])
    local nxt = redis.call('LINDEX', qk, 0)
    if nxt then redis.call('ZADD', key(${kp.heads}), redis.call('HGET', key(${kp.event}, nxt), 'sq'), e[1]) end
  end
end
for _, id in ipairs(redis.call('ZRANGE', key(${kp.live}), 0, -1)) do drop_event(id) end
for _, id in ipairs(redis.call('ZRANGE', key(${kp.dead}), 0, -1)) do drop_event(id) end
redis.call('ZREM', key(${kp.heads}), uid)
redis.call('ZREM', key(${kp.parked}), uid)

for _, p in ipairs({ ${kp.contacts}, ${kp.blocks}, ${kp.incoming}, ${kp.outgoing}, ${kp.sentWindow},
  ${kp.handleChanges}, ${kp.queue}, ${kp.longName} }) do
  redis.call('DEL', key(p, uid))
end
for _, ik in ipairs(found.identities) do
  local d, b = digest(ik)
  if redis.call('HGET', key(${kp.identityIndex}, b), d) == uid then redis.call('HDEL', key(${kp.identityIndex}, b), d) end
end
for _, sc in ipairs(found.scopes) do redis.call('SREM', key(${kp.scope}, sc), uid) end
local xd, xb = digest(ext)
redis.call('HDEL', key(${kp.idIndex}, xb), xd)
for _, p in ipairs({ ${kp.attrId}, ${kp.attrHandle}, ${kp.attrName}, ${kp.attrCreated}, ${kp.attrIdentities}, ${kp.attrFlags} }) do
  redis.call('HDEL', key(p, math.floor(tonumber(uid) / PER_BUCKET)), uid)
end
audit('account_deleted', nil, nil, nil, nil, now, gone_party)
return { 'ok', tombs }
`;

/** ARGV: handle key → deletedAt or false */
export const TOMBSTONE = lua`
return redis.call('GET', key(${kp.tombstone}, ARGV[1]))
`;
