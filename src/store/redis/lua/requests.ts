import { kp } from '../keys.js';
import { lua } from './tag.js';
/**
 * Lua bodies for requests, contacts and blocks (run after PRELUDE). The decision scripts mirror
 * `decideSend`, `decideTransition`, `decideBlock`, `decideRemoveContact` and `decideSweep` of
 * src/core/rules.ts line by line, and return the snapshot they read plus the effects they applied;
 * the caller re-runs the TypeScript rules on that snapshot and refuses any difference.
 */

/**
 * ARGV: sender, recipient, requestId, opt(note), source, opt(context), now, eventId…
 * → {'NOT_FOUND'} | {status, {contacts, recipientBlocksSender, senderBlocksRecipient, count, oldest, outgoing,
 * incoming, org_snapshot}, applied}. Both organisations' policies are checked here (ORGS), and the audit
 * record is written by the same script.
 */
export const SEND = lua`
local sx, tx, rid, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[7])
use_event_ids(8)
local su, tu = uid_of(sx), uid_of(tx)
if not su or not tu then return { 'NOT_FOUND' } end
local contacts = are_contacts(su, tu)
local outgoing, incoming = latest(su, tu), latest(tu, su)
local rbs, sbr = blocks(tu, su), blocks(su, tu)
local sw = key(${kp.sentWindow}, su)
redis.call('ZREMRANGEBYSCORE', sw, '-inf', fmt(now - 2 * WINDOW))
local from = '(' .. fmt(now - WINDOW)
local count = redis.call('ZCOUNT', sw, from, '+inf')
local oldest = redis.call('ZRANGEBYSCORE', sw, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
local sp, tp = party_of(su), party_of(tu)
local pol, raw = read_policies(sp, tp)
local snapshot = { flag(contacts), flag(rbs), flag(sbr), tostring(count), oldest[2] or '',
  req_reply(outgoing), req_reply(incoming), org_snapshot(sp, tp, raw) }
local function done(status) return { status, snapshot, applied } end

if su == tu then return done('OWN_LINK') end
if contacts then return done('ALREADY_CONTACTS') end
local refused, auto = org_verdict(sp, tp, pol)
if refused then return done('ORG_POLICY_REFUSED') end
if outgoing and open_for_sender(outgoing, now) then return done('already_pending') end
if incoming and live_pending(incoming, now) then
  update_request(incoming, 'accepted', now, now)
  add_contact(su, tu, now)
  if sbr then remove_block(su, tu) end
  emit('request_accepted', incoming, tu, su, now)
  audit('request_connected', su, tu, incoming.id, incoming.o, now, sp, tp)
  return done('connected')
end
if outgoing and outgoing.st == 'withdrawn' and outgoing.d and now < outgoing.d + COOLDOWN then
  return done('WITHDRAW_COOLDOWN')
end
if count >= MAX_NEW then return done('RATE_LIMITED') end
local r = { id = rid, s = su, t = tu, st = 'pending', n = opt(ARGV[4]), o = ARGV[5], x = opt(ARGV[6]),
  c = now, e = now + EXPIRES }
-- same-organisation auto-connect: stored as accepted at once (never past the recipient's block)
local connect_now = auto and not rbs
if rbs then r.st = 'declined'; r.d = now elseif connect_now then r.st = 'accepted'; r.d = now end
insert_request(r, now)
if sbr then remove_block(su, tu) end
if connect_now then
  add_contact(su, tu, now)
  emit('auto_connected', r, tu, su, now)
  audit('request_connected', su, tu, rid, r.o, now, sp, tp)
  return done('connected')
end
if not rbs then emit('request_received', r, tu, su, now) end
audit('request_sent', su, tu, rid, r.o, now, sp, tp)
return done('sent')
`;

/**
 * ARGV: requestId, actor, action, now, eventId… → {status, request before, applied, other party on `ok`
 * (or {}), org_snapshot (or {} before the actor is known to be a party)}. An accept is checked against
 * both organisations' policies here; every decision writes its audit record in the same script.
 */
export const DECIDE = lua`
local actor, action, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
use_event_ids(5)
local r = load_req(ARGV[1])
if not r then return { 'NOT_FOUND', {}, applied } end
local before = req_reply(r)
local may
if action == 'withdraw' then may = actor == ext_of(r.s) else may = actor == ext_of(r.t) end
if not may then return { 'NOT_YOURS', before, applied } end
local sp, tp = party_of(r.s), party_of(r.t)
local pol, raw = read_policies(sp, tp)
local orgs = org_snapshot(sp, tp, raw)
if r.st == 'pending' and now >= r.e then
  update_request(r, 'expired', r.e, now)
  emit('request_expired', r, r.t, nil, now)
end
if action == 'withdraw' and open_for_sender(r, now) then
  local notify = r.st == 'pending'
  update_request(r, 'withdrawn', now, now)
  if notify then emit('request_withdrawn', r, r.t, r.s, now) end
  audit('request_withdrawn', r.s, r.t, r.id, r.o, now, sp, tp)
  return { 'ok', before, applied, account_reply(r.t) or {}, orgs }
end
if r.st ~= 'pending' then return { 'ALREADY_DECIDED', before, applied, {}, orgs } end
local done_as
if action == 'accept' then
  if org_verdict(sp, tp, pol) then return { 'ORG_POLICY_REFUSED', before, applied, {}, orgs } end
  update_request(r, 'accepted', now, now)
  add_contact(r.s, r.t, now)
  emit('request_accepted', r, r.s, r.t, now)
  done_as = 'request_accepted'
elseif action == 'decline' then
  update_request(r, 'declined', now, now)
  done_as = 'request_declined'
elseif action == 'block' then
  update_request(r, 'declined', now, now)
  add_block(r.t, r.s, now)
  done_as = 'blocked'
else
  return { 'ALREADY_DECIDED', before, applied, {}, orgs }
end
audit(done_as, r.t, r.s, r.id, r.o, now, sp, tp)
return { 'ok', before, applied, account_reply(r.s) or {}, orgs }
`;

/** ARGV: actor, other, now → {'OWN_LINK'} | {'UNKNOWN'} | {'ok', {alreadyBlocked, contacts, incoming}, applied} */
export const BLOCK = lua`
local ax, ox, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
if ax == ox then return { 'OWN_LINK' } end
local au, ou = uid_of(ax), uid_of(ox)
if not au or not ou then return { 'UNKNOWN' } end
local already, contacts, incoming = blocks(au, ou), are_contacts(au, ou), latest(ou, au)
local snapshot = { flag(already), flag(contacts), req_reply(incoming) }
if not already then add_block(au, ou, now) end
if contacts then remove_contact(au, ou) end
if incoming and live_pending(incoming, now) then update_request(incoming, 'declined', now, now) end
if #applied > 0 then audit('blocked', au, ou, nil, nil, now, party_of(au), party_of(ou)) end
return { 'ok', snapshot, applied }
`;

/** ARGV: actor, other, now → {areContacts, applied} */
export const REMOVE_CONTACT = lua`
local au, ou = uid_of(ARGV[1]), uid_of(ARGV[2])
local contacts = au ~= nil and ou ~= nil and are_contacts(au, ou)
if contacts then
  remove_contact(au, ou)
  audit('contact_removed', au, ou, nil, nil, tonumber(ARGV[3]), party_of(au), party_of(ou))
end
return { flag(contacts), applied }
`;

/** ARGV: now, eventId… (one per request it may look at) → {{request before, applied}…} */
export const SWEEP = lua`
local now = tonumber(ARGV[1])
use_event_ids(2)
local out = {}
local ids = redis.call('ZRANGEBYSCORE', key(${kp.due}), '-inf', fmt(now), 'LIMIT', 0, #event_ids)
for _, id in ipairs(ids) do
  local r = load_req(id)
  if not r or r.st ~= 'pending' then
    redis.call('ZREM', key(${kp.due}), id)
  else
    local before, mark = req_reply(r), #applied
    if now >= r.e then
      update_request(r, 'expired', r.e, now)
      emit('request_expired', r, r.t, nil, now)
    elseif not r.m and now >= r.c + REMIND then
      mark_reminded(r, now)
      emit('request_reminder', r, r.t, nil, now)
    else
      redis.call('ZADD', key(${kp.due}), fmt(due_at(r)), id)
    end
    local mine = {}
    for i = mark + 1, #applied do mine[#mine + 1] = applied[i] end
    out[#out + 1] = { before, mine }
  end
end
return out
`;

/**
 * ARGV: accountId, now, eventIds… → {{before, applied}…}: the account's recipient left, its pending
 * incoming requests (at most one per event id) expire now, as `decideExpireNow`.
 */
export const EXPIRE_INCOMING = lua`
local now = tonumber(ARGV[2])
use_event_ids(3)
local out = {}
local uid = uid_of(ARGV[1])
if not uid or #event_ids == 0 then return out end
local ids = redis.call('ZRANGE', key(${kp.incoming}, uid), 0, #event_ids - 1)
for _, id in ipairs(ids) do
  local r = load_req(id)
  if not r or r.st ~= 'pending' then
    redis.call('ZREM', key(${kp.incoming}, uid), id)
  else
    local before, mark = req_reply(r), #applied
    update_request(r, 'expired', math.min(now, r.e), now)
    emit('request_expired', r, r.t, nil, now)
    local mine = {}
    for i = mark + 1, #applied do mine[#mine + 1] = applied[i] end
    out[#out + 1] = { before, mine }
  end
end
return out
`;

/** ARGV: requestId → request or {} */
export const GET_REQUEST = lua`
return req_reply(load_req(ARGV[1]))
`;

/** ARGV: a, b → {areContacts, outgoing a→b, incoming b→a, aBlocksB} */
export const RELATIONSHIP = lua`
local au, ou = uid_of(ARGV[1]), uid_of(ARGV[2])
if not au or not ou then return { '0', {}, {}, '0' } end
return { flag(are_contacts(au, ou)), req_reply(latest(au, ou)), req_reply(latest(ou, au)), flag(blocks(au, ou)) }
`;

/**
 * Newest-first paging over a zset with a (score, member) cursor; ties go by member bytes, as Redis
 * orders them. `accept(member, score)` returns the item or nil (skipped), or false for a stale
 * member that is removed after the walk.
 */
export const PAGE = lua`
local function bytes_lt(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end
local function page(zkey, want, cursor_score, cursor_member, accept)
  local out, stale, offset = {}, {}, 0
  local max = cursor_score and fmt(cursor_score) or '+inf'
  while #out < want do
    local batch = redis.call('ZREVRANGEBYSCORE', zkey, max, '-inf', 'WITHSCORES', 'LIMIT', offset, 64)
    if #batch == 0 then break end
    for i = 1, #batch, 2 do
      local m, s = batch[i], tonumber(batch[i + 1])
      if not cursor_score or s < cursor_score or bytes_lt(m, cursor_member) then
        local item = accept(m, s)
        if item == false then stale[#stale + 1] = m
        elseif item ~= nil then
          out[#out + 1] = item
          if #out >= want then break end
        end
      end
    end
    offset = offset + #batch / 2
  end
  if #stale > 0 then redis.call('ZREM', zkey, unpack(stale)) end
  return out
end
`;

/** ARGV: account, 'incoming'|'outgoing', now, want, cursorScore|'', cursorMember → {{score, request}…} */
export const LIST_REQUESTS = lua`${PAGE}
local uid = uid_of(ARGV[1])
if not uid then return {} end
local incoming, now = ARGV[2] == 'incoming', tonumber(ARGV[3])
local zkey = incoming and key(${kp.incoming}, uid) or key(${kp.outgoing}, uid)
return page(zkey, tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], function(id, score)
  local r = load_req(id)
  if not r then return false end
  local open
  if incoming then open = r.st == 'pending' else open = r.st == 'pending' or r.st == 'declined' end
  if not open then return false end
  if now >= r.e then return nil end
  return { fmt(score), req_reply(r) }
end)
`;

/** ARGV: account, want, cursorScore|'', cursorMember → {{since, uid, account}…} */
export const LIST_CONTACTS = lua`${PAGE}
local uid = uid_of(ARGV[1])
if not uid then return {} end
return page(key(${kp.contacts}, uid), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], function(other, since)
  local account = account_reply(other)
  if not account then return false end
  return { fmt(since), other, account }
end)
`;
