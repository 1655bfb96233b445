import { createHash } from 'node:crypto';
import * as accounts from './lua/accounts.js';
import * as blocks from './lua/blocks.js';
import * as deletion from './lua/deletion.js';
import * as merge from './lua/merge.js';
import * as organisations from './lua/organisations.js';
import * as outbox from './lua/outbox.js';
import { ACCOUNT_VIEW, ACCOUNT_WRITE, CORE, EFFECTS, IDS, REQUEST_VIEW } from './lua/prelude.js';
import * as requests from './lua/requests.js';
import * as unclaimed from './lua/unclaimed.js';
import * as upgrade from './lua/upgrade.js';

export interface Script {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
}

function script(name: string, sections: readonly string[], body: string): Script {
  const lua = [...sections, body].join('\n');
  return { name, lua, sha: createHash('sha1').update(lua).digest('hex') };
}

const READ_ACCOUNTS = [CORE, IDS, ACCOUNT_VIEW];
const WRITE_ACCOUNTS = [...READ_ACCOUNTS, ACCOUNT_WRITE];
const READ_REQUESTS = [CORE, IDS, REQUEST_VIEW];
const DECIDE = [...READ_REQUESTS, EFFECTS];
/** A decision that also answers with the other party's account. */
const DECIDE_WITH_ACCOUNTS = [CORE, IDS, ACCOUNT_VIEW, REQUEST_VIEW, EFFECTS];
/** A decision that reads organisations (policies, domains) and writes the audit (lua/organisations.ts). */
const DECIDE_WITH_ORGS = [...DECIDE_WITH_ACCOUNTS, organisations.ORGS];

/**
 * Every Lua script the store runs, by name, with the prelude sections it needs. Network scripts are
 * routed by the network tag (KEYS[1]); record scripts touch only their own key.
 */
export const SCRIPTS = {
  register: script('register', WRITE_ACCOUNTS, accounts.REGISTER),
  registerUnclaimed: script('registerUnclaimed', WRITE_ACCOUNTS, unclaimed.REGISTER_UNCLAIMED),
  accountById: script('accountById', READ_ACCOUNTS, accounts.ACCOUNT_BY_ID),
  accountByIdentity: script('accountByIdentity', READ_ACCOUNTS, accounts.ACCOUNT_BY_IDENTITY),
  resolveHandle: script('resolveHandle', READ_ACCOUNTS, accounts.RESOLVE_HANDLE),
  updateProfile: script('updateProfile', WRITE_ACCOUNTS, accounts.UPDATE_PROFILE),
  changeHandle: script('changeHandle', WRITE_ACCOUNTS, accounts.CHANGE_HANDLE),
  searchCandidates: script('searchCandidates', READ_ACCOUNTS, accounts.SEARCH_CANDIDATES),
  send: script('send', DECIDE_WITH_ORGS, requests.SEND),
  decide: script('decide', DECIDE_WITH_ORGS, requests.DECIDE),
  block: script('block', DECIDE_WITH_ORGS, requests.BLOCK),
  removeContact: script('removeContact', DECIDE_WITH_ORGS, requests.REMOVE_CONTACT),
  sweep: script('sweep', DECIDE, requests.SWEEP),
  expireIncoming: script('expireIncoming', DECIDE, requests.EXPIRE_INCOMING),
  getRequest: script('getRequest', READ_REQUESTS, requests.GET_REQUEST),
  relationship: script('relationship', READ_REQUESTS, requests.RELATIONSHIP),
  listRequests: script('listRequests', READ_REQUESTS, requests.LIST_REQUESTS),
  listContacts: script('listContacts', READ_ACCOUNTS, requests.LIST_CONTACTS),
  unblock: script('unblock', DECIDE, blocks.UNBLOCK),
  listBlocks: script('listBlocks', READ_ACCOUNTS, blocks.LIST_BLOCKS),
  claim: script('claim', [CORE], outbox.CLAIM),
  ack: script('ack', [CORE], outbox.ACK),
  fail: script('fail', [CORE], outbox.FAIL),
  stats: script('stats', [CORE], outbox.STATS),
  recordPut: script('recordPut', [], outbox.RECORD_PUT),
  recordClaimOnce: script('recordClaimOnce', [], outbox.RECORD_CLAIM_ONCE),
  recordTake: script('recordTake', [], outbox.RECORD_TAKE),
  deleteAccount: script(
    'deleteAccount',
    [CORE, IDS, ACCOUNT_VIEW, organisations.ORGS],
    deletion.DELETE_ACCOUNT,
  ),
  tombstone: script('tombstone', [CORE], deletion.TOMBSTONE),
  mergeCodePut: script('mergeCodePut', [CORE], merge.MERGE_CODE_PUT),
  mergeRead: script('mergeRead', [...DECIDE_WITH_ACCOUNTS, merge.MERGE_SNAPSHOT], merge.MERGE_READ),
  mergeApply: script(
    'mergeApply',
    [...DECIDE_WITH_ORGS, ACCOUNT_WRITE, merge.MERGE_SNAPSHOT],
    merge.MERGE_APPLY,
  ),
  unmerge: script('unmerge', WRITE_ACCOUNTS, merge.UNMERGE),
  setEmailDomain: script('setEmailDomain', [CORE], organisations.SET_EMAIL_DOMAIN),
  putPolicy: script('putPolicy', [CORE, IDS, ACCOUNT_VIEW, organisations.ORGS], organisations.PUT_POLICY),
  auditPage: script('auditPage', [CORE, IDS], organisations.AUDIT_PAGE),
  auditPurge: script('auditPurge', [CORE], organisations.AUDIT_PURGE),
  gridFind: script('gridFind', READ_ACCOUNTS, upgrade.GRID_FIND),
  gridRekey: script('gridRekey', WRITE_ACCOUNTS, upgrade.GRID_REKEY),
  raiseVersion: script('raiseVersion', [CORE], upgrade.RAISE_VERSION),
} as const;

export type ScriptName = keyof typeof SCRIPTS;
