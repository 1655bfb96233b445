import { z } from 'zod';
import type { PrivacyClick } from '../../flows/privacy.js';
import { jsonOf } from '../../runtime/json.js';

/**
 * The buttons of `delete my data`'s confirmation. The confirm button carries the handle that goes
 * (`privacyValue`); the flow lets only the person holding it confirm.
 */
export const PRIVACY_ACTION = {
  deleteData: 'ci_delete_data',
  deleteCancel: 'ci_delete_data_cancel',
  /** App Home's [Delete my data]: opens the confirmation modal (`navigation.ts`). */
  deleteAsk: 'ci_delete_data_ask',
} as const;

/** The confirmation modal of App Home; its `private_metadata` is `privacyValue(handle)`. */
export const DELETE_DATA_CALLBACK = 'ci_delete_data_modal';

export const deleteValue = z.object({ h: z.string().min(1).max(64) });

export const privacyValue = (handle: string): string => JSON.stringify({ h: handle });

/** The confirmation modal's submission: its metadata read back as the confirm button's value. */
export function readDeleteSubmission(metadata: string): PrivacyClick | { kind: 'invalid' } {
  const v = deleteValue.safeParse(jsonOf(metadata));
  return v.success ? { kind: 'delete_data', handle: v.data.h } : { kind: 'invalid' };
}
