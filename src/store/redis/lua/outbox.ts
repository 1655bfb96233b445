import { kp } from '../keys.js';
import { lua } from './tag.js';

/**
 * Lua bodies for the outbox (run after PRELUDE) and for records (standalone: KEYS[1] is the record).
 *
 * Per recipient the outbox is a queue (list of event ids); only its head may be delivered. A head is
 * in `heads` (score = its sequence number, so claims go oldest first) when it may be claimable, or in
 * `parked` (score = the time it becomes claimable: lease end or retry time). `live` holds every
 * waiting or leased event by time (depth, oldest age); `dead` the dead-lettered ones.
 */

const ADVANCE = lua`
-- the head of ru's queue is done (acked or dead): the next event, if any, becomes the head
local function advance(ru, id)
  local qk = key(${kp.queue}, ru)
  redis.call('LREM', qk, 1, id)
  redis.call('ZREM', key(${kp.heads}), ru)
  redis.call('ZREM', key(${kp.parked}), ru)
  local nxt = redis.call('LINDEX', qk, 0)
  if nxt then redis.call('ZADD', key(${kp.heads}), redis.call('HGET', key(${kp.event}, nxt), 'sq'), ru) end
end
`;

/** ARGV: owner, now, leaseMs, limit → {{eventId, event hash (flat)}…}, oldest first */
export const CLAIM = lua`
local owner, now, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[4])
local lease_until = now + tonumber(ARGV[3])
for _, ru in ipairs(redis.call('ZRANGEBYSCORE', key(${kp.parked}), '-inf', fmt(now), 'LIMIT', 0, 1000)) do
  redis.call('ZREM', key(${kp.parked}), ru)
  local head = redis.call('LINDEX', key(${kp.queue}, ru), 0)
  if head then redis.call('ZADD', key(${kp.heads}), redis.call('HGET', key(${kp.event}, head), 'sq'), ru) end
end
local out = {}
while #out < limit do
  local batch = redis.call('ZRANGE', key(${kp.heads}), 0, 99)
  if #batch == 0 then break end
  for _, ru in ipairs(batch) do
    redis.call('ZREM', key(${kp.heads}), ru)
    local head = redis.call('LINDEX', key(${kp.queue}, ru), 0)
    if head then
      local ek = key(${kp.event}, head)
      local t = redis.call('HMGET', ek, 'av', 'lu')
      local ready = math.max(tonumber(t[1]), tonumber(t[2]))
      if ready > now then
        redis.call('ZADD', key(${kp.parked}), fmt(ready), ru)
      else
        -- a lease still set ran out with neither ack nor retry: that attempt may have sent (ms)
        if tonumber(t[2]) > 0 then redis.call('HSET', ek, 'ms', '1') end
        redis.call('HSET', ek, 'lu', fmt(lease_until), 'w', owner)
        redis.call('ZADD', key(${kp.parked}), fmt(lease_until), ru)
        out[#out + 1] = { head, redis.call('HGETALL', ek) }
        if #out >= limit then break end
      end
    end
  end
end
return out
`;

/** ARGV: owner, eventId… → how many were removed (the others' lease is not, or no longer, the owner's) */
export const ACK = lua`${ADVANCE}
local n = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  local ek = key(${kp.event}, id)
  local e = redis.call('HMGET', ek, 'w', 'ru')
  if e[1] and e[1] == ARGV[1] then
    redis.call('DEL', ek)
    redis.call('ZREM', key(${kp.live}), id)
    advance(e[2], id)
    n = n + 1
  end
end
return n
`;

/** ARGV: eventId, owner, retryAt, error, dead '1'|'0', maybeSent '1'|'0' → 1 | 0 (lease lost) */
export const FAIL = lua`${ADVANCE}
local id = ARGV[1]
local ek = key(${kp.event}, id)
local e = redis.call('HMGET', ek, 'w', 'ru', 'at')
if not e[1] or e[1] ~= ARGV[2] then return 0 end
redis.call('HINCRBY', ek, 'k', 1)
redis.call('HSET', ek, 'le', ARGV[4], 'lu', '0', 'av', ARGV[3])
redis.call('HDEL', ek, 'w')
if ARGV[6] == '1' then redis.call('HSET', ek, 'ms', '1') end
if ARGV[5] == '1' then
  redis.call('HSET', ek, 'dd', '1')
  redis.call('ZREM', key(${kp.live}), id)
  redis.call('ZADD', key(${kp.dead}), e[3], id)
  redis.call('ZREMRANGEBYSCORE', key(${kp.dead}), '-inf', '(' .. fmt(tonumber(e[3]) - DEAD_KEEP))
  redis.call('PEXPIRE', ek, DEAD_KEEP)
  advance(e[2], id)
else
  redis.call('ZREM', key(${kp.heads}), e[2])
  redis.call('ZADD', key(${kp.parked}), ARGV[3], e[2])
end
return 1
`;

/** ARGV: now → {depth, oldestAt|'', dead}; drops dead items past their retention */
export const STATS = lua`
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', key(${kp.dead}), '-inf', '(' .. fmt(now - DEAD_KEEP))
local oldest = redis.call('ZRANGE', key(${kp.live}), 0, 0, 'WITHSCORES')
return { redis.call('ZCARD', key(${kp.live})), oldest[2] or '', redis.call('ZCARD', key(${kp.dead})) }
`;

// Records: one hash per record {v: value, e: expiresAt}; the TTL only reclaims memory, expiry is
// decided against the caller's `now`.

/** KEYS[1] record; ARGV: value, expiresAt|'', ttlMs|'' */
export const RECORD_PUT = lua`
redis.call('DEL', KEYS[1])
if ARGV[2] == '' then
  redis.call('HSET', KEYS[1], 'v', ARGV[1])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'e', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
`;

/** KEYS[1] record; ARGV: expiresAt, now, ttlMs → 1 the first time, 0 while a live claim exists */
export const RECORD_CLAIM_ONCE = lua`
local cur = redis.call('HMGET', KEYS[1], 'v', 'e')
if cur[1] and (not cur[2] or tonumber(cur[2]) > tonumber(ARGV[2])) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', '1', 'e', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** KEYS[1] record; ARGV: now → the live value (and the record is gone), or nil */
export const RECORD_TAKE = lua`
local cur = redis.call('HMGET', KEYS[1], 'v', 'e')
redis.call('DEL', KEYS[1])
if cur[1] and (not cur[2] or tonumber(cur[2]) > tonumber(ARGV[1])) then return cur[1] end
return false
`;
