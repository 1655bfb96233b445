import type { AuditEntry, AuditQuery } from './audit.js';
import type { DomainEvent, OutboxItem, OutboxStats } from './events.js';
import type {
  MergeAccountsCommand,
  MergeError,
  MergeOutcome,
  PutMergeCodeCommand,
  UnmergeCommand,
  UnmergeError,
} from './merge.js';
import type { OrganisationPolicy } from './organisations-policy.js';
import type { Result } from './result.js';
import type {
  NewId,
  SendError,
  SendInput,
  SendOutcome,
  TransitionError,
  TransitionOutcome,
} from './rules.js';
import type { Account, ConnectionRequest, Contact, Decision, Identity, Locale, Page } from './types.js';

/** A decided request and the other party as they are now (null when no such account). */
export interface DecidedRequest extends TransitionOutcome {
  other: Account | null;
}

/** Injected time: epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** Injected randomness. */
export interface Random {
  /** A unique opaque id with a short prefix, e.g. `acc_…`, `req_…`, `evt_…`. */
  id(prefix: string): string;
  /** A float in [0, 1), for readable suffixes. */
  float(): number;
  /** `bytes` of cryptographic randomness, base64url encoded (sign-in links, session ids). */
  token(bytes: number): string;
}

// ---------------------------------------------------------------------------------------------
// Store commands. Each method is one atomic step: it reads what it needs, applies the rules in
// `rules.ts`, and writes the effects together with their outbox events, or nothing at all.
// Drivers throw StoreUnavailableError on I/O failure; everything expected comes back as a value.
// ---------------------------------------------------------------------------------------------

export interface RegisterAccountCommand {
  id: string;
  identity: Identity;
  displayName: string;
  locale: Locale;
  /** Automatic handles, best first; the first free one is taken. */
  handleCandidates: string[];
  now: number;
}

/**
 * A person named by someone else (an @mention, an e-mail) who never used the app: registered unclaimed,
 * with no handle, page or search entry. Refused while `senderId` is at the send limit (`checkSendLimit`).
 */
export interface RegisterUnclaimedCommand {
  id: string;
  identity: Identity;
  displayName: string;
  locale: Locale;
  senderId: string;
  now: number;
}

export interface ChangeHandleCommand {
  accountId: string;
  /** Already validated by `validateHandle`. */
  handle: string;
  now: number;
}

export type ChangeHandleError =
  | { code: 'NOT_FOUND' }
  | { code: 'HANDLE_TAKEN' }
  | { code: 'HANDLE_UNCHANGED' }
  | { code: 'HANDLE_CHANGE_LIMIT'; retryAfterMs: number };

export interface SendRequestCommand extends SendInput {
  senderId: string;
  recipientId: string;
}

export interface DecideCommand {
  requestId: string;
  actorId: string;
  action: Decision;
  now: number;
  newId: NewId;
}

export interface Relationship {
  areContacts: boolean;
  /** Latest request a → b and b → a, any state. */
  outgoing: ConnectionRequest | null;
  incoming: ConnectionRequest | null;
  aBlocksB: boolean;
}

/** Someone the account blocked, and since when. */
export interface BlockedAccount {
  account: Account;
  blockedAt: number;
}

export type HandleResolution = { account: Account; via: 'handle' | 'alias' };

/** `delete my data`: everything stored about the account goes in one step (`deletion` in src/store). */
export interface DeleteAccountCommand {
  accountId: string;
  now: number;
}
/** What a deleted account leaves behind: its handle key (and its aliases') and when; never a name. */
export interface Tombstone {
  handleKey: string;
  deletedAt: number;
}

/** `export my data`: what is stored about an account besides its contact and block lists. */
export interface AccountData {
  account: Account;
  /** Earlier handles that still lead to the account. */
  aliases: Array<{ handleKey: string; expiresAt: number }>;
  /** Every request it sent or received that is still stored, any state, oldest first. */
  requests: ConnectionRequest[];
  /** The records tied to it (the marks of `deleteAccount`). */
  records: Array<{ namespace: string; key: string; value: string; expiresAt: number | null }>;
  /** E-mail domains kept from its profiles for organisation policies (`setEmailDomain`), sorted. */
  emailDomains: string[];
}

/** Namespaces for the small records the bots and the web page keep. */
export type RecordNamespace =
  | 'slack_installation'
  /** Where a Slack request card was posted (channel + ts), to update it in place. */
  | 'slack_card'
  | 'teams_conversation'
  | 'profile_cache'
  | 'web_session'
  | 'signin_token'
  /** `export my data`: the document behind a one-time download link (10 minutes). */
  | 'data_export'
  /** `admin export`: what a one-time audit download link is for (10 minutes; usecases/audit-export.ts). */
  | 'audit_export'
  /** Teams: who first installed the app in a tenant, an admin of its policy (src/flows/admin.ts). */
  | 'teams_installer'
  /** Someone who left (a deactivated Slack user): when, and whether they were in search (`usecases/departure.ts`). */
  | 'departed'
  | 'idempotency'
  /** The platform a person on both Slack and Teams used last: where their notices go (usecases/platform-used.ts). */
  | 'last_platform'
  /** The Chatwork bridge (src/chatwork): links, OAuth states, poll leases, requests already announced. */
  | 'chatwork_link'
  | 'chatwork_oauth_state'
  | 'chatwork_lease'
  | 'chatwork_seen';

export interface StorePort {
  /** `sqlite`, `redis`, `redis-cluster`. */
  readonly kind: string;
  /** Resolves when the store answers; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // accounts and handles
  getAccount(id: string): Promise<Account | null>;
  getAccountByIdentity(identity: Identity): Promise<Account | null>;
  /** Current handle or live alias, without regard to case. */
  resolveHandle(handle: string, now: number): Promise<HandleResolution | null>;
  /**
   * Returns the existing account when the identity is already registered (`created: false`); an
   * unclaimed one is claimed: it takes the first free handle and enters search (`created: true`).
   */
  registerAccount(
    cmd: RegisterAccountCommand,
  ): Promise<Result<{ account: Account; created: boolean }, { code: 'NO_HANDLE_AVAILABLE' }>>;
  /** The identity's account as it is (`created: false`), else a new unclaimed one (`created: true`). */
  registerUnclaimed(
    cmd: RegisterUnclaimedCommand,
  ): Promise<Result<{ account: Account; created: boolean }, { code: 'RATE_LIMITED'; retryAfterMs: number }>>;
  updateProfile(cmd: {
    accountId: string;
    displayName?: string;
    locale?: Locale;
    searchable?: boolean;
  }): Promise<Account | null>;
  changeHandle(
    cmd: ChangeHandleCommand,
  ): Promise<Result<{ account: Account; previous: string }, ChangeHandleError>>;
  /** Searchable accounts with an identity in `scope` whose name or handle contains `query`. */
  searchAccounts(q: { scope: string; query: string; limit: number }): Promise<Account[]>;
  /**
   * How many registered accounts (not unclaimed ones) have an identity in `scope` (`scopeKey`: a
   * workspace, Grid organisation or tenant), searchable or not, counted no further than `atMost`.
   */
  countAccountsIn(scope: string, atMost: number): Promise<number>;

  /**
   * Removes the account, its identities, handle and aliases, requests both ways, contacts and blocks
   * on both sides, outbox events to it or about it, and the records tied to it; leaves a tombstone
   * per handle key. One atomic step.
   */
  deleteAccount(
    cmd: DeleteAccountCommand,
  ): Promise<Result<{ tombstones: Tombstone[] }, { code: 'NOT_FOUND' }>>;
  /** The tombstone of a deleted account's handle (case-insensitive), or null. */
  tombstone(handle: string): Promise<Tombstone | null>;
  /** Everything stored about the account besides its lists, or null when there is no such account. */
  accountData(accountId: string, now: number): Promise<AccountData | null>;

  // one person, two platforms (src/core/merge.ts)
  /** Stores a one-time merge code (replacing nothing: codes are random). */
  putMergeCode(cmd: PutMergeCodeCommand): Promise<void>;
  /** Takes the code and joins its account and the sender's into the older one (`decideMerge`). One step. */
  mergeAccounts(cmd: MergeAccountsCommand): Promise<Result<MergeOutcome & { account: Account }, MergeError>>;
  /** Moves an identity of a merged account to a fresh account of its own (`decideUnmerge`). One step. */
  unmergeIdentity(cmd: UnmergeCommand): Promise<Result<{ account: Account; split: Account }, UnmergeError>>;

  // requests and contacts
  sendRequest(cmd: SendRequestCommand): Promise<Result<SendOutcome, SendError | { code: 'NOT_FOUND' }>>;
  /** Also returns the other party (the sender, or the recipient for a withdrawal), read in the same step. */
  decideRequest(cmd: DecideCommand): Promise<Result<DecidedRequest, TransitionError>>;
  removeContact(cmd: {
    actorId: string;
    otherId: string;
    now: number;
  }): Promise<Result<{ removed: true }, { code: 'NOT_CONTACTS' }>>;
  blockAccount(cmd: {
    actorId: string;
    otherId: string;
    now: number;
  }): Promise<Result<{ alreadyBlocked: boolean }, { code: 'OWN_LINK' }>>;
  /** Lifts the actor's block of `otherId` (the `remove_block` effect); `NOT_BLOCKED` when there is none. */
  unblockAccount(cmd: {
    actorId: string;
    otherId: string;
    now: number;
  }): Promise<Result<{ unblocked: true }, { code: 'NOT_BLOCKED' }>>;
  /** The people the account blocked, newest block first. */
  listBlocks(q: { accountId: string; limit: number; cursor?: string | null }): Promise<Page<BlockedAccount>>;
  getRequest(id: string): Promise<ConnectionRequest | null>;
  relationship(aId: string, bId: string): Promise<Relationship>;
  /** Incoming: pending requests to the account. Outgoing: requests from it the sender still sees as open. */
  listRequests(q: {
    accountId: string;
    direction: 'incoming' | 'outgoing';
    now: number;
    limit: number;
    cursor?: string | null;
  }): Promise<Page<ConnectionRequest>>;
  listContacts(q: { accountId: string; limit: number; cursor?: string | null }): Promise<Page<Contact>>;
  /** Expires and reminds what is due, at most `limit` requests; returns how many of each. */
  sweepRequests(cmd: {
    now: number;
    limit: number;
    newId: NewId;
  }): Promise<{ expired: number; reminded: number }>;

  /**
   * The account's recipient left: its pending incoming requests expire now (`decideExpireNow`), at most
   * `limit` of them, each with its `request_expired` event; returns how many.
   */
  expireIncomingRequests(cmd: {
    accountId: string;
    now: number;
    limit: number;
    newId: NewId;
  }): Promise<number>;

  // organisations: admin policy, e-mail domains, audit (src/core/organisations*.ts, audit.ts). The
  // request commands above read policies and domains, and write audit records, in their own step.
  /** The organisation's stored policy (zod-parsed), or null when it has none (the defaults apply). */
  getOrganisationPolicy(organisation: string): Promise<OrganisationPolicy | null>;
  /**
   * Replaces the organisation's policy; every request decided after this returns sees it. With
   * `audit`, a `policy_changed` record (who, what) is appended in the same atomic step.
   */
  putOrganisationPolicy(cmd: {
    organisation: string;
    policy: OrganisationPolicy;
    now: number;
    audit?: { actorId: string | null; change: string };
  }): Promise<void>;
  /** The e-mail domain an identity's profile gives now (null: none known); kept with the identity. */
  setEmailDomain(cmd: { identity: Identity; domain: string | null }): Promise<void>;
  /** One organisation's audit records with `from <= at < to`, oldest first. */
  listAudit(q: AuditQuery): Promise<Page<AuditEntry>>;
  /** Deletes audit records older than their organisation's `auditRetentionDays`; returns how many. */
  purgeAudit(cmd: { now: number }): Promise<number>;

  // outbox: appended by the commands above; delivered by the bots' dispatcher
  /** Leases up to `limit` deliverable items, at most one per recipient (the oldest), oldest first. */
  claimOutbox(cmd: { owner: string; now: number; leaseMs: number; limit: number }): Promise<OutboxItem[]>;
  /** Delivered: removes the item. False when the lease was lost to another worker. */
  ackOutbox(cmd: { eventId: string; owner: string }): Promise<boolean>;
  /** `ackOutbox` for many items in one round trip; returns how many were still the owner's. */
  ackOutboxMany(cmd: { eventIds: readonly string[]; owner: string }): Promise<number>;
  /**
   * Not delivered: try again at `retryAt`, or give up (`dead`). False when the lease was lost.
   * `maybeSent`: the outcome is unknown (it may have reached the platform); the item keeps that mark.
   */
  failOutbox(cmd: {
    eventId: string;
    owner: string;
    retryAt: number;
    error: string;
    dead: boolean;
    maybeSent?: boolean;
  }): Promise<boolean>;
  outboxStats(now: number): Promise<OutboxStats>;

  // small records with optional expiry (installations, conversation references, caches, sessions)
  getRecord(ns: RecordNamespace, key: string, now: number): Promise<string | null>;
  putRecord(ns: RecordNamespace, key: string, value: string, expiresAt: number | null): Promise<void>;
  deleteRecord(ns: RecordNamespace, key: string): Promise<void>;
  /** Atomically stores `key` if absent or expired: true the first time, false on every repeat. */
  claimOnce(ns: RecordNamespace, key: string, expiresAt: number, now: number): Promise<boolean>;
  /** Deletes records whose expiry has passed (Redis expires them by itself); returns how many. */
  pruneExpiredRecords(now: number): Promise<number>;
  /** Reads and deletes in one step: a one-time token works once. */
  takeRecord(ns: RecordNamespace, key: string, now: number): Promise<string | null>;
}

// ---------------------------------------------------------------------------------------------
// Delivery: each bot registers a Notifier for its platform; the dispatcher routes outbox events by
// the recipient account's identity, so a Slack user's request to a Teams user reaches Teams.
// ---------------------------------------------------------------------------------------------

export type DeliveryResult =
  | { kind: 'delivered' }
  /**
   * Try again later; `afterMs` honours the platform's Retry-After. `maybeSent`: the outcome is unknown
   * (a timeout, a 5xx after the request left), so the next attempt must check before sending again.
   */
  | { kind: 'retry'; error: string; afterMs?: number; maybeSent?: boolean }
  /** Will never work (e.g. the user left the workspace): dead-letter it now. */
  | { kind: 'failed'; error: string };

/** What the dispatcher knows about earlier attempts at an event (`OutboxItem.maybeSent`). */
export interface DeliveryAttempt {
  maybeSent: boolean;
}

export interface Notifier {
  readonly platform: 'slack' | 'teams';
  /** `attempt` omitted: a first attempt as far as the caller knows. */
  deliver(event: DomainEvent, recipient: Account, attempt?: DeliveryAttempt): Promise<DeliveryResult>;
}

/** Where a user action came from. */
export type ActionPlatform = 'slack' | 'teams' | 'web';

/** Counters the adapters report through; main wires them to Prometheus. No-op by default. */
export interface Telemetry {
  /**
   * A user action, reported once after it ran, with its real outcome: `ok`, an outcome status
   * (`sent`, `connected`, …) or an error code. `action` is the flow's name (`command.invite`,
   * `click.accept`, `web.add_to_contacts`), the same words on every platform.
   */
  action(platform: ActionPlatform, action: string, outcome: string): void;
  /** A failed call to a platform API. */
  apiError(platform: 'slack' | 'teams', method: string, code: string): void;
  /** An outbox event given up on after its last attempt (or a permanent failure). */
  deadLetter(eventType: string): void;
}

export const noTelemetry: Telemetry = { action: () => {}, apiError: () => {}, deadLetter: () => {} };
