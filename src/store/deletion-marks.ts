import { type Identity, identityKey } from '../core/index.js';

/**
 * How `deleteAccount` recognises the records (`RecordNamespace`) that belong to an account, on every
 * store: a record whose key or value carries one of these strings goes with the account. They are the
 * account id (web sessions, sign-in tokens, Chatwork links), each identity key (the Slack profile
 * cache) and each Teams `tenant:aad` pair (conversation references, missed notices). Never the
 * handle: a short handle could be part of someone else's record. Card records (`slack_card`,
 * `teams_conversation` `card:<id>`) are found by the ids of the account's requests instead.
 */
export function recordNeedles(accountId: string, ids: readonly Identity[]): string[] {
  const needles = [accountId];
  for (const i of ids) {
    needles.push(identityKey(i));
    if (i.platform === 'teams') needles.push(`${i.tenantId}:${i.aadObjectId}`);
  }
  return needles;
}
