export enum PeriodStatus {
  Open = 'open',
  Closed = 'closed',
}

/** SPEC "The monthly cycle": not submitted → submitted → accepted, or returned → resubmitted. */
export enum ReportState {
  NotSubmitted = 'not_submitted',
  Submitted = 'submitted',
  Returned = 'returned',
  Resubmitted = 'resubmitted',
  Accepted = 'accepted',
}

export enum UploadStatus {
  /** Stored durably, not yet handed to the queue (outbox). */
  Received = 'received',
  Queued = 'queued',
  Processing = 'processing',
  /** Valid: became a new version. */
  Accepted = 'accepted',
  /** Invalid: every error recorded, nothing else written. */
  Rejected = 'rejected',
  /** Same bytes as an earlier upload of this report: nothing new created. */
  Duplicate = 'duplicate',
}

export enum VersionState {
  Submitted = 'submitted',
  Accepted = 'accepted',
  Returned = 'returned',
  /** A newer version arrived before review. */
  Superseded = 'superseded',
}
