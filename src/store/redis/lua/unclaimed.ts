import { kp } from '../keys.js';
import { lua } from './tag.js';

/**
 * `registerUnclaimed` (run after CORE, IDS, ACCOUNT_VIEW, ACCOUNT_WRITE). ARGV: id, identityKey,
 * identityPrefix, prefixTuple, userId, displayName, locale, now, senderId →
 * {'existing', account} | {'created', account} | {'RATE_LIMITED', count, oldest}.
 * Refused while the sender is at the send limit: the mirror of core's `checkSendLimit`.
 */
export const REGISTER_UNCLAIMED = lua`
local now = tonumber(ARGV[8])
local existing, digest_taken = uid_by_identity(ARGV[2])
if existing then return { 'existing', account_reply(existing) } end
if digest_taken then return redis.error_reply('identity digest collision') end
local su = uid_of(ARGV[9])
if su then
  local sw = key(${kp.sentWindow}, su)
  local from = '(' .. fmt(now - WINDOW)
  local count = redis.call('ZCOUNT', sw, from, '+inf')
  if count >= MAX_NEW then
    local oldest = redis.call('ZRANGEBYSCORE', sw, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    return { 'RATE_LIMITED', tostring(count), oldest[2] or '' }
  end
end
local uid, problem = create_account(ARGV[6], ARGV[7], ARGV[8])
if not uid then return problem end
return { 'created', account_reply(uid) }
`;
