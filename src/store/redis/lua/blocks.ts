import { kp } from '../keys.js';
import { PAGE } from './requests.js';
import { lua } from './tag.js';

/**
 * Lua bodies for the block list (run after PRELUDE). UNBLOCK mirrors `decideUnblock` of
 * src/core/rules.ts and returns the snapshot it read plus the effects it applied, like the other
 * decision scripts; blocking itself is BLOCK in requests.ts.
 */

/** ARGV: actor, other → {blocked, applied} */
export const UNBLOCK = lua`
local au, ou = uid_of(ARGV[1]), uid_of(ARGV[2])
local blocked = au ~= nil and ou ~= nil and blocks(au, ou)
if blocked then remove_block(au, ou) end
return { flag(blocked), applied }
`;

/** ARGV: account, want, cursorScore|'', cursorMember → {{at, uid, account}…} */
export const LIST_BLOCKS = lua`${PAGE}
local uid = uid_of(ARGV[1])
if not uid then return {} end
return page(key(${kp.blocks}, uid), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], function(other, at)
  local account = account_reply(other)
  if not account then return false end
  return { fmt(at), other, account }
end)
`;
