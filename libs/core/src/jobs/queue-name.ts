/**
 * Every queue, named once (STYLE habit 4). Each name has exactly one processor class decorated with
 * @JobHandler(name); a process that runs jobs refuses to boot when a name has no handler.
 */
export enum QueueName {
  /** Round trip used by /api/health and the queue tests: proves a worker is consuming. */
  SystemPing = 'system-ping',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
