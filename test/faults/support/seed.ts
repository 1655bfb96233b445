import type { StorePort } from '../../../src/core/index.js';
import { slackIdentity } from '../../helpers/identities.js';

export interface Seeded {
  /** Recipient account id → the request ids of its events, in the order they were appended. */
  expected: Map<string, string[]>;
  total: number;
}

/**
 * `recipients` accounts each receive one `request_received` event from each of `perRecipient`
 * senders, appended through the store's real `sendRequest` (same atomic step as the transition).
 */
export async function seedOutbox(
  store: StorePort,
  opts: { recipients: number; perRecipient: number; now: number; tag?: string },
): Promise<Seeded> {
  const tag = opts.tag ?? 'f';
  let n = 0;
  const newId = () => `evt_${tag}_${String(++n).padStart(6, '0')}`;
  const register = async (name: string) => {
    const res = await store.registerAccount({
      id: `acc_${tag}_${name}`,
      identity: slackIdentity(`U_${tag}_${name}`.toUpperCase(), 'T_FAULTS'),
      displayName: name,
      locale: 'en',
      handleCandidates: [`${tag}-${name}`],
      now: opts.now,
    });
    if (!res.ok) throw new Error(`seed: cannot register ${name}: ${res.error.code}`);
    return res.value.account;
  };
  const recipients = [];
  for (let r = 0; r < opts.recipients; r++) recipients.push(await register(`rcpt${r}`));
  const senders = [];
  for (let s = 0; s < opts.perRecipient; s++) senders.push(await register(`sndr${s}`));

  const expected = new Map<string, string[]>();
  for (let s = 0; s < senders.length; s++) {
    for (const recipient of recipients) {
      const requestId = `req_${tag}_${s}_${recipient.id}`;
      const sent = await store.sendRequest({
        requestId,
        senderId: senders[s]?.id ?? '',
        recipientId: recipient.id,
        note: null,
        source: 'link',
        context: null,
        now: opts.now + s,
        newId,
      });
      if (!sent.ok || sent.value.status !== 'sent')
        throw new Error(`seed: not sent: ${JSON.stringify(sent)}`);
      expected.set(recipient.id, [...(expected.get(recipient.id) ?? []), requestId]);
    }
  }
  return { expected, total: opts.recipients * opts.perRecipient };
}

/** Request ids per recipient, in the order the platform accepted them. */
export function deliveredOrder(calls: ReadonlyArray<{ recipientId: string; requestId: string }>) {
  const got = new Map<string, string[]>();
  for (const c of calls) got.set(c.recipientId, [...(got.get(c.recipientId) ?? []), c.requestId]);
  return got;
}
