/**
 * The Accept a stock bot would write, as one Lua transition (pending → accepted, both contact sets),
 * shared by the baselines B2 (Bolt) and T2 (botbuilder) so both pay exactly the same store work.
 * Returns `{1, from}` when it accepted, `{0, state}` when the request was not pending.
 */
export const STOCK_ACCEPT_LUA = `
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'pending' then return {0, state or ''} end
local from = redis.call('HGET', KEYS[1], 'from')
local to = redis.call('HGET', KEYS[1], 'to')
redis.call('HSET', KEYS[1], 'state', 'accepted', 'decidedAt', ARGV[1])
redis.call('SADD', 'contacts:' .. from, to)
redis.call('SADD', 'contacts:' .. to, from)
return {1, from}
`;
