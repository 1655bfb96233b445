import { DEFAULT_ORGANISATION_POLICY } from '../../../core/organisations-policy.js';
import { kp } from '../keys.js';
import { lua } from './tag.js';

/**
 * Organisations in Lua (after CORE, IDS and ACCOUNT_VIEW): a party's organisations (`party_of`,
 * mirroring `partyOf` of src/core/organisations.ts), the policies both parties fall under
 * (`read_policies`: the JSON stored by `putOrganisationPolicy`; the parties' e-mail domains are read
 * only when one of them lists domains, the only rule that looks at them), the verdict
 * (`org_verdict`, mirroring `decideOrganisationPolicy` of src/core/organisations-policy.ts), and the
 * audit append (`audit`). A script returns `org_snapshot` (identities as prefix tuples, domains, the
 * raw policies) so the TypeScript side re-runs the core rule on exactly what the script read.
 */
export const ORGS = lua`
local function add_new(list, v)
  for _, x in ipairs(list) do if x == v then return end end
  list[#list + 1] = v
end
-- identities as {tuple, user, ...}, organisation keys, workspace and enterprise ids, tenants; the
-- prefix tuple is '["slack","<team>",null|"<enterprise>"]' or '["teams","<tenant>"]' (codec.ts)
local function party_of(uid)
  local p = { ids = {}, orgs = {}, ws = {}, tn = {}, dm = {}, set = {}, uid = uid, pairs = {} }
  if not uid then return p end
  p.pairs = identities_of(uid)
  for _, pair in ipairs(p.pairs) do
    local tuple = redis.call('HGET', key(${kp.prefixTuple}), pair[1])
    p.ids[#p.ids + 1] = tuple
    p.ids[#p.ids + 1] = pair[2]
    local plat, first, ent = string.match(tuple, '^%["(%a+)","([^"]*)",?"?([^"%]]*)')
    if plat == 'teams' then
      add_new(p.orgs, 'teams-tenant:' .. first)
      add_new(p.tn, first)
    else
      if ent == 'null' or ent == '' then ent = nil end
      if ent then add_new(p.orgs, 'slack-enterprise:' .. ent) else add_new(p.orgs, 'slack-workspace:' .. first) end
      add_new(p.ws, first)
      if ent then add_new(p.ws, ent) end
    end
  end
  for _, o in ipairs(p.orgs) do p.set[o] = true end
  return p
end
-- the e-mail domains of a party's identities: read only when a policy lists domains
local function read_domains(p)
  for _, pair in ipairs(p.pairs) do
    local d, b = digest((redis.call('HGET', key(${kp.prefixKey}), pair[1]) or '') .. pair[2])
    local dom = redis.call('HGET', key(${kp.emailDomain}, b), d)
    if dom then add_new(p.dm, dom) end
  end
end

-- organisation key -> decoded policy (false: none stored, the defaults), and the raw {org, json, ...}
local function read_policies(a, b)
  local pol, raw = {}, {}
  for _, party in ipairs({ a, b }) do
    for _, o in ipairs(party.orgs) do
      if pol[o] == nil then
        local j = redis.call('GET', key(${kp.orgPolicy}, o))
        if j then
          pol[o] = cjson.decode(j)
          raw[#raw + 1] = o
          raw[#raw + 1] = j
        else
          pol[o] = false
        end
      end
    end
  end
  -- domains matter only to a policy that lists some; the snapshot then carries them for both parties
  for _, p in pairs(pol) do
    if p and p.requests == 'listed' and #p.allowed.domains > 0 then
      read_domains(a)
      read_domains(b)
      break
    end
  end
  return pol, raw
end
local function meets(list, values)
  for _, x in ipairs(list) do for _, v in ipairs(values) do if x == v then return true end end end
  return false
end
local function allows(pol, org, other)
  if other.set[org] then return true end
  local p = pol[org]
  if not p or p.requests == 'all' then return true end
  if p.requests == 'none' then return false end
  return meets(p.allowed.workspaces, other.ws) or meets(p.allowed.tenants, other.tn) or meets(p.allowed.domains, other.dm)
end
-- the organisation that refuses (sender's first, in identity order), else nil and whether to connect at once
local function org_verdict(a, b, pol)
  for _, o in ipairs(a.orgs) do if not allows(pol, o, b) then return o, false end end
  for _, o in ipairs(b.orgs) do if not allows(pol, o, a) then return o, false end end
  local auto = false
  for _, o in ipairs(a.orgs) do
    if b.set[o] and pol[o] and pol[o].autoConnectSameOrg == true then auto = true end
  end
  return nil, auto
end
local function org_snapshot(a, b, raw) return { a.ids, a.dm, b.ids, b.dm, raw } end

-- one audit record with uids, listed under every organisation of the parties (score: time)
local function audit(action, au, ou, rid, src, now, a, b)
  local orgs = {}
  for _, party in ipairs({ a, b }) do for _, o in ipairs(party.orgs) do add_new(orgs, o) end end
  if #orgs == 0 then return end
  local sq = redis.call('HINCRBY', key(${kp.seq}), 'au', 1)
  local m = string.format('%012d', sq) .. '|' .. action .. '|' .. (au or '') .. '|' .. (ou or '') .. '|' ..
    (rid or '') .. '|' .. (src or '') .. '|' .. table.concat(orgs, ',')
  for _, o in ipairs(orgs) do
    redis.call('ZADD', key(${kp.audit}, o), fmt(now), m)
    redis.call('SADD', key(${kp.audited}), o)
  end
end
`;

/**
 * ARGV: organisation, policy JSON, now, actor account id|'', change|'' (no audit) → 1. The policy and its
 * `policy_changed` audit record (under that organisation only) in one script.
 */
export const PUT_POLICY = lua`
local org, now = ARGV[1], tonumber(ARGV[3])
redis.call('SET', key(${kp.orgPolicy}, org), ARGV[2])
if ARGV[5] ~= '' then
  local au = ARGV[4] ~= '' and uid_of(ARGV[4]) or nil
  audit('policy_changed', au, nil, nil, ARGV[5], now, { orgs = { org } }, { orgs = {} })
end
return 1
`;

/** ARGV: identity key, domain ('' forgets it) → 1 */
export const SET_EMAIL_DOMAIN = lua`
local d, b = digest(ARGV[1])
if ARGV[2] == '' then redis.call('HDEL', key(${kp.emailDomain}, b), d)
else redis.call('HSET', key(${kp.emailDomain}, b), d, ARGV[2]) end
return 1
`;

/**
 * ARGV: organisation, from, to, cursor time|'', cursor seq|'', want → {{at, seq, action, actor id|'',
 * other id|'', request id, source, organisations}…}, oldest first. A uid that was merged away is
 * followed to the account it joined; a uid without an account (deleted) answers ''.
 */
export const AUDIT_PAGE = lua`
local org, from, to, want = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[6])
local after_at, after_seq = tonumber(ARGV[4]), ARGV[5]
local min = from
if after_at and after_at > min then min = after_at end
local function resolve(u)
  for _ = 1, 8 do
    if u == nil or u == '' then return '' end
    local ext = ext_of(u)
    if ext then return ext end
    u = redis.call('HGET', key(${kp.mergedInto}), u) or nil
  end
  return ''
end
local out, offset = {}, 0
while #out < want do
  local batch = redis.call('ZRANGEBYSCORE', key(${kp.audit}, org), fmt(min), '(' .. fmt(to), 'WITHSCORES', 'LIMIT', offset, 256)
  if #batch == 0 then break end
  for i = 1, #batch, 2 do
    local m, at = batch[i], tonumber(batch[i + 1])
    local f = {}
    for part in string.gmatch(m .. '|', '([^|]*)|') do f[#f + 1] = part end
    if not after_at or at > after_at or f[1] > after_seq then
      out[#out + 1] = { fmt(at), f[1], f[2], resolve(f[3]), resolve(f[4]), f[5], f[6], f[7] }
      if #out >= want then break end
    end
  end
  offset = offset + #batch / 2
end
return out
`;

/** ARGV: now → how many records were older than their organisation's retention (now deleted) */
export const AUDIT_PURGE = lua`
local now, total = tonumber(ARGV[1]), 0
for _, o in ipairs(redis.call('SMEMBERS', key(${kp.audited}))) do
  local days = ${DEFAULT_ORGANISATION_POLICY.auditRetentionDays}
  local j = redis.call('GET', key(${kp.orgPolicy}, o))
  if j then
    local p = cjson.decode(j)
    if type(p.auditRetentionDays) == 'number' then days = p.auditRetentionDays end
  end
  total = total + redis.call('ZREMRANGEBYSCORE', key(${kp.audit}, o), '-inf', '(' .. fmt(now - days * 86400000))
  if redis.call('ZCARD', key(${kp.audit}, o)) == 0 then redis.call('SREM', key(${kp.audited}), o) end
end
return total
`;
