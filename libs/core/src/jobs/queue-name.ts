/**
 * Every queue, named once (STYLE habit 4). Each name has exactly one processor class decorated with
 * @JobHandler(name); a process that runs jobs refuses to boot when a name has no handler.
 */
export enum QueueName {
  /** Round trip used by /api/health and the queue tests: proves a worker is consuming. */
  SystemPing = 'system-ping',
  /** The monthly calendar tick: runs every due step (open, remind, overdue, escalate) once (libs/reporting). */
  ReportingCalendar = 'reporting-calendar',
  /** One message to one group robot (企业微信 / 钉钉), retried (libs/notify). */
  WebhookDelivery = 'webhook-delivery',
  /** A stored upload: parse, validate, and become a version or a rejection (libs/reporting). */
  ReportIngest = 'report-ingest',
  /** A month's progress snapshots, recomputed after an acceptance (libs/progress). */
  PeriodAggregate = 'period-aggregate',
  /** One requested export: build the workbook, store it in pieces, record the outcome (libs/exports). */
  DataExport = 'data-export',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
