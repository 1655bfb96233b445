import {
  auditActionOfDecision,
  type ConnectionRequest,
  type Contact,
  type DecideCommand,
  type DecidedRequest,
  decideBlock,
  decideExpireNow,
  decideRemoveContact,
  decideSend,
  decideSweep,
  decideTransition,
  type Effect,
  err,
  ok,
  otherParty,
  type Page,
  POLICY,
  type Relationship,
  type Result,
  type SendRequestCommand,
  type TransitionError,
} from '../../core/index.js';
import { decodeCursor, pageOf, requestPage } from '../paging.js';
import type { accountQueries } from './accounts.js';
import { type Db, groupCommitted, guarded, inSnapshot, inTransaction } from './db.js';
import type { OrganisationQueries } from './organisations.js';
import { ACCOUNT_COLUMNS, cols, toAccount, toRequest } from './rows.js';

/** Requests, contacts and blocks: every command reads a snapshot, asks the core rules, applies the effects. */
export function requestQueries(
  db: Db,
  accounts: ReturnType<typeof accountQueries>,
  orgs: OrganisationQueries,
) {
  const s = {
    byId: db.prepare('SELECT * FROM requests WHERE id = ?'),
    latest: db.prepare(
      'SELECT * FROM requests WHERE sender_id = ? AND recipient_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    isContact: db.prepare('SELECT 1 FROM contacts WHERE account_id = ? AND other_id = ?'),
    isBlocked: db.prepare('SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?'),
    window: db.prepare(
      'SELECT count(*) AS n, min(created_at) AS oldest FROM requests WHERE sender_id = ? AND created_at > ?',
    ),
    insert: db.prepare(
      `INSERT INTO requests (id, sender_id, recipient_id, state, note, source, context, created_at, expires_at, decided_at, reminded_at)
       VALUES (@id, @senderId, @recipientId, @state, @note, @source, @context, @createdAt, @expiresAt, @decidedAt, @remindedAt)`,
    ),
    transition: db.prepare('UPDATE requests SET state = ?, decided_at = ? WHERE id = ? AND state = ?'),
    remind: db.prepare('UPDATE requests SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL'),
    addContact: db.prepare('INSERT OR IGNORE INTO contacts (account_id, other_id, since) VALUES (?, ?, ?)'),
    removeContact: db.prepare('DELETE FROM contacts WHERE account_id = ? AND other_id = ?'),
    addBlock: db.prepare('INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, at) VALUES (?, ?, ?)'),
    removeBlock: db.prepare('DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?'),
    outbox: db.prepare(
      'INSERT INTO outbox (event_id, recipient_id, payload, available_at, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    incoming: db.prepare(
      `SELECT * FROM requests WHERE recipient_id = @me AND state = 'pending' AND expires_at > @now
         AND (created_at < @at OR (created_at = @at AND id < @id)) ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),
    outgoing: db.prepare(
      `SELECT * FROM requests WHERE sender_id = @me AND state IN ('pending', 'declined') AND expires_at > @now
         AND (created_at < @at OR (created_at = @at AND id < @id)) ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),
    // The page's accounts come with it: one statement, one snapshot.
    contacts: db.prepare(
      `SELECT c.since AS since, ${ACCOUNT_COLUMNS} FROM contacts c JOIN accounts a ON a.id = c.other_id
        WHERE c.account_id = @me AND (c.since < @at OR (c.since = @at AND c.other_id < @id))
        ORDER BY c.since DESC, c.other_id DESC LIMIT @limit`,
    ),
    pendingTo: db.prepare(
      `SELECT * FROM requests WHERE recipient_id = @me AND state = 'pending' ORDER BY created_at LIMIT @limit`,
    ),
    due: db.prepare(
      `SELECT * FROM requests WHERE state = 'pending' AND (expires_at <= @now OR (reminded_at IS NULL AND created_at <= @remindBefore))
       ORDER BY created_at LIMIT @limit`,
    ),
  };

  const one = (row: unknown): ConnectionRequest | null => (row ? toRequest(row) : null);
  const has = (stmt: { get: (...a: unknown[]) => unknown }, ...args: unknown[]) =>
    stmt.get(...args) !== undefined;

  /** Applies every effect of one decision; called inside the decision's transaction. */
  function apply(effects: readonly Effect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'insert_request':
          s.insert.run(e.request);
          break;
        case 'update_request': {
          const changed = s.transition.run(e.to, e.decidedAt, e.requestId, e.from).changes;
          if (changed !== 1) throw new Error(`request ${e.requestId} was not in state ${e.from}`);
          break;
        }
        case 'mark_reminded':
          s.remind.run(e.at, e.requestId);
          break;
        case 'add_contact':
          s.addContact.run(e.a, e.b, e.at);
          s.addContact.run(e.b, e.a, e.at);
          break;
        case 'remove_contact':
          s.removeContact.run(e.a, e.b);
          s.removeContact.run(e.b, e.a);
          break;
        case 'add_block':
          s.addBlock.run(e.blockerId, e.blockedId, e.at);
          break;
        case 'remove_block':
          s.removeBlock.run(e.blockerId, e.blockedId);
          break;
        case 'emit':
          s.outbox.run(e.event.id, e.event.recipientId, JSON.stringify(e.event), e.event.at, e.event.at);
          break;
      }
    }
  }

  const windowOf = (senderId: string, now: number) => {
    const row = cols.window(s.window.get(senderId, now - POLICY.request.newWindowMs));
    return { count: row.n, oldestAt: row.oldest };
  };

  const auditOf = (request: ConnectionRequest, at: number) => ({
    at,
    requestId: request.id,
    source: request.source,
  });
  /** An audit record of an action between two accounts that concerns no one request. */
  const recordPair = (
    action: 'contact_removed' | 'blocked',
    cmd: { actorId: string; otherId: string; now: number },
  ) =>
    orgs.record(
      { action, at: cmd.now, actorId: cmd.actorId, otherId: cmd.otherId, requestId: null, source: null },
      [accounts.accountNow(cmd.actorId), accounts.accountNow(cmd.otherId)],
    );

  /**
   * Accept, decline, withdraw or block: reads the request and both parties, asks the rules, applies
   * the effects and the audit record. The other party of the answer is one of the two accounts already
   * read (the decision changes no account). Clicks that arrive together share one commit (`db.ts`).
   */
  const decideGrouped = groupCommitted(
    db,
    'decideRequest',
    (cmd: DecideCommand): Result<DecidedRequest, TransitionError> => {
      const stored = one(s.byId.get(cmd.requestId));
      const sender = stored && accounts.accountNow(stored.senderId);
      const recipient = stored && accounts.accountNow(stored.recipientId);
      const decided = decideTransition(
        stored,
        cmd.actorId,
        cmd.action,
        cmd.now,
        cmd.newId,
        sender && recipient ? orgs.snapshot(sender, recipient) : undefined,
      );
      apply(decided.effects);
      if (!decided.result.ok) return decided.result;
      const { request } = decided.result.value;
      const other = otherParty(request, cmd.action);
      orgs.record(
        {
          ...auditOf(request, cmd.now),
          action: auditActionOfDecision(cmd.action),
          actorId: cmd.actorId,
          otherId: other,
        },
        [sender, recipient],
      );
      return ok({ request, other: other === request.senderId ? sender : recipient });
    },
  );

  const relationshipRead = inSnapshot(
    db,
    'relationship',
    (a: string, b: string): Relationship => ({
      areContacts: has(s.isContact, a, b),
      outgoing: one(s.latest.get(a, b)),
      incoming: one(s.latest.get(b, a)),
      aBlocksB: has(s.isBlocked, a, b),
    }),
  );
  return {
    getRequest: async (id: string) => guarded('getRequest', () => one(s.byId.get(id))),
    relationship: async (a: string, b: string): Promise<Relationship> => relationshipRead(a, b),
    sendRequest: async (cmd: SendRequestCommand) =>
      inTransaction(db, 'sendRequest', () => {
        const sender = accounts.accountNow(cmd.senderId);
        const recipient = accounts.accountNow(cmd.recipientId);
        if (!sender || !recipient) return err({ code: 'NOT_FOUND' as const });
        const decided = decideSend(
          {
            senderId: cmd.senderId,
            recipientId: cmd.recipientId,
            areContacts: has(s.isContact, cmd.senderId, cmd.recipientId),
            outgoing: one(s.latest.get(cmd.senderId, cmd.recipientId)),
            incoming: one(s.latest.get(cmd.recipientId, cmd.senderId)),
            recipientBlocksSender: has(s.isBlocked, cmd.recipientId, cmd.senderId),
            senderBlocksRecipient: has(s.isBlocked, cmd.senderId, cmd.recipientId),
            sentInWindow: windowOf(cmd.senderId, cmd.now),
            organisations: orgs.snapshot(sender, recipient),
          },
          cmd,
        );
        apply(decided.effects);
        const sent = decided.result.ok ? decided.result.value : null;
        if (sent && sent.status !== 'already_pending') {
          const action = sent.status === 'sent' ? 'request_sent' : 'request_connected';
          orgs.record(
            { ...auditOf(sent.request, cmd.now), action, actorId: cmd.senderId, otherId: cmd.recipientId },
            [sender, recipient],
          );
        }
        return decided.result;
      }),
    decideRequest: async (cmd: DecideCommand): Promise<Result<DecidedRequest, TransitionError>> =>
      decideGrouped(cmd),
    removeContact: async (cmd: { actorId: string; otherId: string; now: number }) =>
      inTransaction(db, 'removeContact', () => {
        const decided = decideRemoveContact(
          cmd.actorId,
          cmd.otherId,
          has(s.isContact, cmd.actorId, cmd.otherId),
        );
        apply(decided.effects);
        if (decided.result.ok) recordPair('contact_removed', cmd);
        return decided.result;
      }),
    blockAccount: async (cmd: { actorId: string; otherId: string; now: number }) =>
      inTransaction(db, 'blockAccount', () => {
        const decided = decideBlock(
          {
            actorId: cmd.actorId,
            otherId: cmd.otherId,
            alreadyBlocked: has(s.isBlocked, cmd.actorId, cmd.otherId),
            areContacts: has(s.isContact, cmd.actorId, cmd.otherId),
            incoming: one(s.latest.get(cmd.otherId, cmd.actorId)),
          },
          cmd.now,
        );
        apply(decided.effects);
        if (decided.effects.length > 0) recordPair('blocked', cmd);
        return decided.result;
      }),
    listRequests: async (q: {
      accountId: string;
      direction: 'incoming' | 'outgoing';
      now: number;
      limit: number;
      cursor?: string | null;
    }): Promise<Page<ConnectionRequest>> =>
      guarded('listRequests', () => {
        const after = decodeCursor(q.cursor) ?? { at: Number.MAX_SAFE_INTEGER, id: '' };
        const stmt = q.direction === 'incoming' ? s.incoming : s.outgoing;
        const rows = stmt
          .all({ me: q.accountId, now: q.now, at: after.at, id: after.id || '\uffff', limit: q.limit + 1 })
          .map(toRequest);
        return requestPage(rows, q.limit, q.accountId, q.now);
      }),
    listContacts: async (q: {
      accountId: string;
      limit: number;
      cursor?: string | null;
    }): Promise<Page<Contact>> =>
      guarded('listContacts', () => {
        const after = decodeCursor(q.cursor) ?? { at: Number.MAX_SAFE_INTEGER, id: '' };
        const rows = s.contacts.all({
          me: q.accountId,
          at: after.at,
          id: after.id || '\uffff',
          limit: q.limit + 1,
        });
        const contacts: Contact[] = rows.map((row) => ({ account: toAccount(row), since: cols.since(row) }));
        return pageOf(
          contacts,
          q.limit,
          (c) => c,
          (c) => [c.since, c.account.id],
        );
      }),
    sweepRequests: async (cmd: { now: number; limit: number; newId: () => string }) =>
      inTransaction(db, 'sweepRequests', () => {
        const due = s.due
          .all({ now: cmd.now, remindBefore: cmd.now - POLICY.request.reminderAfterMs, limit: cmd.limit })
          .map(toRequest);
        let expired = 0;
        let reminded = 0;
        for (const request of due) {
          const effects = decideSweep(request, cmd.now, cmd.newId);
          apply(effects);
          if (effects.some((e) => e.kind === 'update_request')) expired++;
          else if (effects.length > 0) reminded++;
        }
        return { expired, reminded };
      }),
    expireIncomingRequests: async (cmd: {
      accountId: string;
      now: number;
      limit: number;
      newId: () => string;
    }) =>
      inTransaction(db, 'expireIncomingRequests', () => {
        const pending = s.pendingTo.all({ me: cmd.accountId, limit: cmd.limit }).map(toRequest);
        for (const request of pending) apply(decideExpireNow(request, cmd.now, cmd.newId));
        return pending.length;
      }),
  };
}
