import { NotificationKind } from './entities/notification.entity.js';

/** Who receives a notification. */
export enum RecipientScope {
  /** The active users of these districts; their districts' group robots. */
  Districts = 'districts',
  /** Every active office (市发展改革委) user; the office's own group robots (district_id null). */
  Office = 'office',
  /** These users only; no group robot. */
  Users = 'users',
}

export type NotificationRecipients =
  | { scope: RecipientScope.Districts; districtIds: readonly number[] }
  | { scope: RecipientScope.Office }
  | { scope: RecipientScope.Users; userIds: readonly number[] };

export interface NotificationMessage {
  recipients: NotificationRecipients;
  kind: NotificationKind;
  /** Chinese, ≤ 120 characters. */
  title: string;
  /** Chinese, ≤ 2,000 characters. */
  body: string;
  /** Where the UI takes the reader, e.g. /reports/2026-11 */
  link?: string | null;
  /** The district the event is about; for district recipients it defaults to the recipient's own district. */
  districtId?: number | null;
  month?: string | null;
  /** Same event, same recipient (user or robot): stored and sent once. ≤ 120 characters. */
  dedupeKey: string;
}

export interface NotifyResult {
  /** Inbox rows written (recipients that already had this event are skipped). */
  inboxCount: number;
  /** Robot deliveries recorded; they are queued by NotificationService.dispatch after the transaction commits. */
  deliveryIds: string[];
}

export const MAX_TITLE_CHARS = 120;
export const MAX_BODY_CHARS = 2000;
export const MAX_DEDUPE_KEY_CHARS = 120;
