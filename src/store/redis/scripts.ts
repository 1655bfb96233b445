import { createHash } from 'node:crypto';
import * as accounts from './lua/accounts.js';
import * as outbox from './lua/outbox.js';
import { PRELUDE } from './lua/prelude.js';
import * as requests from './lua/requests.js';

export interface Script {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
}

function script(name: string, body: string, prelude = true): Script {
  const lua = prelude ? `${PRELUDE}\n${body}` : body;
  return { name, lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * Every Lua script the store runs, by name. Network scripts get the shared prelude and are routed
 * by the network tag (KEYS[1]); record scripts touch only their own key.
 */
export const SCRIPTS = {
  register: script('register', accounts.REGISTER),
  accountById: script('accountById', accounts.ACCOUNT_BY_ID),
  accountByIdentity: script('accountByIdentity', accounts.ACCOUNT_BY_IDENTITY),
  resolveHandle: script('resolveHandle', accounts.RESOLVE_HANDLE),
  updateProfile: script('updateProfile', accounts.UPDATE_PROFILE),
  changeHandle: script('changeHandle', accounts.CHANGE_HANDLE),
  searchCandidates: script('searchCandidates', accounts.SEARCH_CANDIDATES),
  send: script('send', requests.SEND),
  decide: script('decide', requests.DECIDE),
  block: script('block', requests.BLOCK),
  removeContact: script('removeContact', requests.REMOVE_CONTACT),
  sweep: script('sweep', requests.SWEEP),
  getRequest: script('getRequest', requests.GET_REQUEST),
  relationship: script('relationship', requests.RELATIONSHIP),
  listRequests: script('listRequests', requests.LIST_REQUESTS),
  listContacts: script('listContacts', requests.LIST_CONTACTS),
  claim: script('claim', outbox.CLAIM),
  ack: script('ack', outbox.ACK),
  fail: script('fail', outbox.FAIL),
  stats: script('stats', outbox.STATS),
  recordPut: script('recordPut', outbox.RECORD_PUT, false),
  recordClaimOnce: script('recordClaimOnce', outbox.RECORD_CLAIM_ONCE, false),
  recordTake: script('recordTake', outbox.RECORD_TAKE, false),
} as const;

export type ScriptName = keyof typeof SCRIPTS;
