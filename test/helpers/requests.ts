import type { Effect } from '../../src/core/effects.js';
import { POLICY } from '../../src/core/policy.js';
import type { ConnectionRequest } from '../../src/core/types.js';
import { T0 } from './clock.js';

export const ACC_A = 'acc_a';
export const ACC_B = 'acc_b';
export const ACC_C = 'acc_c';

/** A pending request A → B created at T0; override any field. */
export function requestFixture(over: Partial<ConnectionRequest> = {}): ConnectionRequest {
  return {
    id: 'req_1',
    senderId: ACC_A,
    recipientId: ACC_B,
    state: 'pending',
    note: null,
    source: 'link',
    context: null,
    createdAt: T0,
    expiresAt: T0 + POLICY.request.expiresAfterMs,
    decidedAt: null,
    remindedAt: null,
    ...over,
  };
}

/** Effects as short strings (`add_contact`, `emit:request_accepted`) for table assertions. */
export const effectKinds = (effects: Effect[]) =>
  effects.map((e) => (e.kind === 'emit' ? `emit:${e.event.type}` : e.kind));
