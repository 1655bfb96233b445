import { z } from 'zod';

/**
 * Domain events. Every transition that someone must hear about emits one, and the store appends it
 * to the outbox in the same atomic step. The bots' dispatcher delivers them, routed by the
 * recipient account's platform identities.
 */
export const EVENT_TYPES = [
  /** A new request for `recipientId` (the link owner): show Accept / Decline. */
  'request_received',
  /** `recipientId` (the original sender) is told their request was accepted. */
  'request_accepted',
  /**
   * Same-organisation auto-connect (`autoConnectSameOrg`): the request was stored accepted at once;
   * `recipientId` (the person asked) is told the sender is now a contact.
   */
  'auto_connected',
  /** The sender withdrew: `recipientId`'s Accept/Decline card should show that. */
  'request_withdrawn',
  /** A pending request reached its reminder time: remind `recipientId` once. */
  'request_reminder',
  /** A pending request expired: `recipientId`'s card should show that. */
  'request_expired',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

export const domainEventSchema = z.object({
  /** Globally unique; receivers suppress duplicates by it. */
  id: z.string().min(1),
  type: eventTypeSchema,
  /** Who is notified. Delivery order is kept per recipient. */
  recipientId: z.string().min(1),
  requestId: z.string().min(1),
  /** Who caused it, when someone did. */
  actorId: z.string().nullable(),
  at: z.number().int(),
});
export type DomainEvent = z.infer<typeof domainEventSchema>;

export const outboxItemSchema = z.object({
  event: domainEventSchema,
  /** Delivery attempts made so far (0 on first claim). */
  attempts: z.number().int().nonnegative(),
  /** When the current lease ends; after it another worker may claim the item again. */
  leaseUntil: z.number().int(),
  lastError: z.string().nullable(),
  /**
   * An earlier attempt may have reached the platform: its lease ran out without an ack or a retry
   * (a crash, a slow send), or it ended in an unknown outcome (`failOutbox` with `maybeSent`). Kept
   * on the event itself; the notifier then checks before sending again (posted once).
   */
  maybeSent: z.boolean(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export interface OutboxStats {
  /** Items waiting or leased (not dead). */
  depth: number;
  /** Age of the oldest such item in ms, 0 when empty. */
  oldestAgeMs: number;
  dead: number;
}
