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
  /** App Home's [Delete my data]: opens the confirmation modal (`privacy-home.ts`). */
  deleteAsk: 'ci_delete_data_ask',
} as const;

/** The confirmation modal of App Home; its `private_metadata` is `privacyValue(handle)`. */
export const DELETE_DATA_CALLBACK = 'ci_delete_data_modal';

const deleteValue = z.object({ h: z.string().min(1).max(64) });

export const privacyValue = (handle: string): string => JSON.stringify({ h: handle });

/** A privacy button's click, null for any other action id; a bad value is `invalid`. */
export function readPrivacyClick(
  actionId: string,
  data: unknown,
): PrivacyClick | { kind: 'delete_data_ask' } | { kind: 'invalid' } | null {
  if (actionId === PRIVACY_ACTION.deleteAsk) return { kind: 'delete_data_ask' };
  if (actionId === PRIVACY_ACTION.deleteCancel) return { kind: 'delete_data_cancel' };
  if (actionId !== PRIVACY_ACTION.deleteData) return null;
  const v = deleteValue.safeParse(data);
  return v.success ? { kind: 'delete_data', handle: v.data.h } : { kind: 'invalid' };
}

/** The confirmation modal's submission: its metadata read back as the confirm button's value. */
export const readDeleteSubmission = (metadata: string) =>
  readPrivacyClick(PRIVACY_ACTION.deleteData, jsonOf(metadata)) as PrivacyClick | { kind: 'invalid' };
