import { Test, TestingModule } from '@nestjs/testing';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Queue } from 'bullmq';
import {
  Clock,
  ClockModule,
  createProducerConnection,
  JobQueue,
  JobsModule,
  JobState,
  QueueName,
  shanghaiInstant,
  shanghaiMonth,
} from '@app/core';
import { seedDemo } from '@app/demo';
import { CalendarSchedulingModule, ReportingCalendarScheduler, REPORTING_CALENDAR_CRON } from '@app/reporting';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';
import { ApiHarness, startApi } from '../support/api-harness';

class FakeClock extends Clock {
  current = shanghaiInstant('2026-11-20', '09:13:00');
  now(): Date {
    return new Date(this.current);
  }
}

describe('the calendar scheduler', () => {
  describe('in apps/worker (BullMQ on real Redis)', () => {
    let moduleRef: TestingModule;
    const clock = new FakeClock();
    const prefix = `evctest${Date.now().toString(36)}s`;
    const connection = createProducerConnection(TEST_REDIS_URL);
    const queue = new Queue(QueueName.ReportingCalendar, { connection, prefix });

    beforeAll(async () => {
      moduleRef = await Test.createTestingModule({
        imports: [JobsModule.forRoot({ redisUrl: TEST_REDIS_URL, prefix }), ClockModule, CalendarSchedulingModule],
      })
        .overrideProvider(Clock)
        .useValue(clock)
        .compile();
      await moduleRef.init(); // boot: enqueues the current slot once
    });

    afterAll(async () => {
      await moduleRef?.close();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    });

    it('enqueues at boot, and only one job per 10-minute slot however often it fires', async () => {
      const jobs = moduleRef.get(JobQueue);
      expect(await jobs.getStatus(QueueName.ReportingCalendar, 'reporting-calendar:2026-11-20T09:10')).toMatchObject({
        state: JobState.Waiting,
      });
      const scheduler = moduleRef.get(ReportingCalendarScheduler);
      clock.current = shanghaiInstant('2026-11-20', '09:19:59');
      await scheduler.tick(); // a second worker process in the same slot
      expect(await queue.count()).toBe(1);
      clock.current = shanghaiInstant('2026-11-20', '09:20:00');
      await scheduler.tick();
      expect(await queue.count()).toBe(2);
      const job = await queue.getJob('reporting-calendar_2026-11-20T09_20');
      expect(job?.data).toEqual({ slot: '2026-11-20T09:20' });
    });

    it('fires every 10 minutes on Beijing time', () => {
      const cron = moduleRef.get(SchedulerRegistry).getCronJob(REPORTING_CALENDAR_CRON);
      expect(cron.cronTime.timeZone).toBe('Asia/Shanghai');
      const next = cron.cronTime.getNextDateFrom(shanghaiInstant('2026-11-20', '23:51:30')).toJSDate();
      expect(next.toISOString()).toBe(shanghaiInstant('2026-11-21', '00:00:00').toISOString());
    });
  });

  describe('in the API', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase();
      await seedDemo(db.dataSource, { asOf: '2026-11-20' });
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('does not schedule when REDIS_URL is set (the worker does)', async () => {
      const api: ApiHarness = await startApi(db.url);
      try {
        expect(() => api.app.get(SchedulerRegistry, { strict: false })).toThrow();
        expect(api.app.get(JobQueue).mode).toBe('bullmq');
      } finally {
        await api.close();
      }
    });

    it('runs the calendar itself in the in-process mode, starting with a catch-up at boot', async () => {
      const api: ApiHarness = await startApi(db.url, { REDIS_URL: '' });
      try {
        expect(api.app.get(JobQueue).mode).toBe('in-process');
        expect(api.app.get(SchedulerRegistry).getCronJob(REPORTING_CALENDAR_CRON)).toBeDefined();
        const openKey = `${shanghaiMonth(new Date())}:open`;
        const deadline = Date.now() + 20000;
        while (
          (await db.dataSource.query(`SELECT 1 FROM calendar_step_run WHERE step_key = $1`, [openKey])).length === 0
        ) {
          if (Date.now() > deadline) throw new Error(`${openKey} did not run at boot`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const [{ count }] = await db.dataSource.query(
          `SELECT count(*)::int AS count FROM district_report r JOIN reporting_period p ON p.id = r.period_id WHERE p.month = $1`,
          [shanghaiMonth(new Date())],
        );
        expect(count).toBe(Number((await db.dataSource.query(`SELECT count(*) FROM district`))[0].count));
        // A first start opens only the current period; the previous one, never opened, is not declared overdue.
        const [{ previous }] = await db.dataSource.query(
          `SELECT count(*)::int AS previous FROM calendar_step_run WHERE month < $1`,
          [shanghaiMonth(new Date())],
        );
        expect(previous).toBe(0);
      } finally {
        await api.close();
      }
    });
  });
});
