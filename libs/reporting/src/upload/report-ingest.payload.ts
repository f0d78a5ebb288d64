/** Payload of QueueName.ReportIngest: the stored upload to validate and turn into a version. */
export interface ReportIngestPayload {
  uploadId: string;
}
