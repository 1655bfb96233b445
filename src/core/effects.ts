import type { DomainEvent } from './events.js';
import type { ConnectionRequest, RequestState } from './types.js';

/**
 * What a decision changes. Rules (`rules.ts`) return effects; a store applies all of them, or none,
 * inside one atomic step. This is what keeps every store implementation honest: the rules live in
 * one place and the stores only persist.
 */
export type Effect =
  | { kind: 'insert_request'; request: ConnectionRequest }
  | {
      kind: 'update_request';
      requestId: string;
      from: RequestState;
      to: RequestState;
      decidedAt: number | null;
    }
  | { kind: 'mark_reminded'; requestId: string; at: number }
  | { kind: 'add_contact'; a: string; b: string; at: number }
  | { kind: 'remove_contact'; a: string; b: string }
  | { kind: 'add_block'; blockerId: string; blockedId: string; at: number }
  | { kind: 'remove_block'; blockerId: string; blockedId: string }
  | { kind: 'emit'; event: DomainEvent };
