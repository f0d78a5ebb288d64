import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Test, TestingModule } from '@nestjs/testing';
import { Clock, ClockModule, JobQueue, JobsModule, parseAppConfig, QueueName, shanghaiInstant } from '@app/core';
import { AuthModule } from '@app/auth';
import { DatabaseModule } from '@app/database';
import { seedDemo } from '@app/demo';
import {
  CalendarRunSummary,
  calendarTickJobId,
  ReportingCalendarModule,
  ReportingCalendarPayload,
  ReportingCalendarService,
} from '@app/reporting';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const at = (text: string) => shanghaiInstant(text.slice(0, 10), text.slice(11) || '00:00:00');

class FakeClock extends Clock {
  current = at('2026-11-01 00:05:00');
  now(): Date {
    return new Date(this.current);
  }
}

describe('the monthly calendar on PostgreSQL', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let calendar: ReportingCalendarService;
  let robot: Server;
  let robotRequests: unknown[];
  const clock = new FakeClock();
  let districtCount: number;
  const districtIdOf: Record<string, number> = {};

  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const count = async (sql: string, params: unknown[] = []) => Number((await query(sql, params))[0].count);
  const setState = (month: string, district: string, state: string) =>
    query(
      `UPDATE district_report r SET state = $3 FROM reporting_period p, district d
        WHERE p.id = r.period_id AND d.id = r.district_id AND p.month = $1 AND d.name = $2`,
      [month, district, state],
    );

  beforeAll(async () => {
    db = await createTestDatabase(6);
    await seedDemo(db.dataSource, { asOf: '2026-10-31' });
    for (const row of await query(`SELECT id, name FROM district`)) districtIdOf[row.name] = row.id;
    districtCount = Object.keys(districtIdOf).length;
    robotRequests = [];
    robot = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        robotRequests.push(JSON.parse(body));
        res.setHeader('content-type', 'application/json');
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=office`;
    await query(`INSERT INTO webhook_endpoint (name, kind, url) VALUES ('市发展改革委工作群', 'wecom', $1)`, [url]);

    const config = parseAppConfig({ DATABASE_URL: db.url, JWT_SECRET: 'calendar-test-secret-0123456789-abcdefghij' });
    moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forConnection({ dataSource: db.dataSource, freshEmbedded: false, close: async () => undefined }),
        JobsModule.forRoot({ prefix: 'unused' }),
        ClockModule,
        AuthModule.forRoot(config),
        ReportingCalendarModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    calendar = moduleRef.get(ReportingCalendarService);
  });

  afterAll(async () => {
    await moduleRef?.close();
    robot?.closeAllConnections();
    await new Promise((resolve) => robot?.close(resolve));
    await db?.drop();
  });

  it('on the 1st opens the period: one not-submitted report per district, the 25th 23:59:59 deadline, one notice per user', async () => {
    expect((await calendar.runDueSteps(at('2026-10-01 00:05:00'))).ran).toEqual(['2026-10:open']);
    // Down for the rest of October: its missed steps are caught up, only its overdue marking and 催报 notify anyone.
    const summary = await calendar.runDueSteps(at('2026-11-01 00:05:00'));
    expect(summary.ran).toEqual([
      '2026-10:remind:2026-10-20',
      '2026-10:remind:2026-10-24',
      '2026-10:overdue',
      '2026-10:escalate:2026-10-26',
      '2026-11:open',
    ]);
    const [period] = await query(
      `SELECT id, opens_at, deadline_at, status FROM reporting_period WHERE month = '2026-11'`,
    );
    expect(period.opens_at.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(period.deadline_at.toISOString()).toBe('2026-11-25T15:59:59.000Z');
    expect(
      await query(
        `SELECT state, overdue, count(*)::int AS count FROM district_report WHERE period_id = $1 GROUP BY 1, 2`,
        [period.id],
      ),
    ).toEqual([{ state: 'not_submitted', overdue: false, count: districtCount }]);

    const opened = await query(
      `SELECT n.user_id, n.district_id, u.district_id AS user_district, n.kind, n.title, n.link, n.month
         FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.dedupe_key = '2026-11:open'`,
    );
    expect(opened).toHaveLength(districtCount);
    expect(new Set(opened.map((n: { user_id: number }) => n.user_id)).size).toBe(districtCount);
    expect(opened.every((n: { district_id: number; user_district: number }) => n.district_id === n.user_district)).toBe(
      true,
    );
    expect(opened[0]).toMatchObject({
      kind: 'period_opened',
      title: '2026年11月报送已开始',
      link: '/reports/2026-11',
      month: '2026-11',
    });
    // Superseded steps leave a record but notify nobody.
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key LIKE '2026-10:remind:%'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key = '2026-10:open'`)).toBe(districtCount);
    const [superseded] = await query(
      `SELECT outcome FROM calendar_step_run WHERE step_key = '2026-10:remind:2026-10-24'`,
    );
    expect(superseded.outcome).toMatchObject({ superseded: true, inboxCount: 0 });
  });

  it('running again performs nothing twice', async () => {
    const before = await count(`SELECT count(*) FROM notification`);
    const again = await calendar.runDueSteps(at('2026-11-01 00:15:00'));
    expect(again).toMatchObject({ ran: [], skipped: [], failed: [] });
    expect(await count(`SELECT count(*) FROM notification`)).toBe(before);
    expect(await count(`SELECT count(*) FROM calendar_step_run`)).toBe(6);
  });

  it('two concurrent runners perform each due step exactly once', async () => {
    await setState('2026-11', '五华区', 'submitted');
    await setState('2026-11', '盘龙区', 'returned');
    await setState('2026-11', '西山区', 'accepted');
    const now = at('2026-11-20 09:05:00');
    const runs: CalendarRunSummary[] = await Promise.all([
      calendar.runDueSteps(now),
      calendar.runDueSteps(now),
      calendar.runDueSteps(now),
    ]);
    const performed = runs.flatMap((r) => r.ran).sort();
    expect(performed).toEqual(
      [
        '2026-10:escalate:2026-11-02',
        '2026-10:escalate:2026-11-09',
        '2026-10:escalate:2026-11-16',
        '2026-11:remind:2026-11-20',
      ].sort(),
    );
    expect(await count(`SELECT count(*) FROM calendar_step_run WHERE step_key = '2026-11:remind:2026-11-20'`)).toBe(1);

    // Reminded: every district still owing a report (not submitted, or returned), once per user.
    const reminded = await query(
      `SELECT d.name, n.title FROM notification n JOIN district d ON d.id = n.district_id
        WHERE n.dedupe_key = '2026-11:remind:2026-11-20' ORDER BY d.name`,
    );
    expect(reminded).toHaveLength(districtCount - 2);
    const names = reminded.map((r: { name: string }) => r.name);
    expect(names).not.toContain('五华区');
    expect(names).not.toContain('西山区');
    expect(reminded.find((r: { name: string }) => r.name === '盘龙区').title).toBe(
      '报送提醒：2026年11月报表已退回，待重新报送',
    );
    expect(reminded.find((r: { name: string }) => r.name === '东川区').title).toBe('报送提醒：2026年11月报表尚未报送');
    const [step] = await query(`SELECT outcome FROM calendar_step_run WHERE step_key = '2026-11:remind:2026-11-20'`);
    expect(step.outcome.districts).toHaveLength(districtCount - 2);
    expect(step.outcome.inboxCount).toBe(districtCount - 2);
  });

  it('at the deadline marks exactly the not-submitted reports overdue and tells the office who is missing', async () => {
    const summary = await calendar.runDueSteps(at('2026-11-26 00:05:00'));
    expect(summary.ran).toEqual(['2026-10:escalate:2026-11-23', '2026-11:remind:2026-11-24', '2026-11:overdue']);
    const rows = await query(
      `SELECT d.name, r.state, r.overdue FROM district_report r
         JOIN reporting_period p ON p.id = r.period_id JOIN district d ON d.id = r.district_id
        WHERE p.month = '2026-11'`,
    );
    for (const row of rows) expect(row.overdue).toBe(row.state === 'not_submitted');
    expect(rows.filter((r: { overdue: boolean }) => r.overdue)).toHaveLength(districtCount - 3);

    const [office] = await query(
      `SELECT n.title, n.body, n.kind, n.district_id FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE u.username = 'office' AND n.dedupe_key = '2026-11:overdue:office'`,
    );
    expect(office.title).toBe(`2026年11月报送已截止：${districtCount - 3} 个区县未报送`);
    expect(office.body).toContain('东川区');
    expect(office.body).not.toContain('五华区');
    expect(office.body).not.toContain('盘龙区');
    expect(office).toMatchObject({ kind: 'overdue', district_id: null });
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key = '2026-11:overdue'`)).toBe(
      districtCount - 3,
    );
    // The reminder of the 24th came too late to be useful: recorded, nobody notified.
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key = '2026-11:remind:2026-11-24'`)).toBe(0);
    // Leaders are not notified; the office's robot got the office message once.
    expect(
      await count(`SELECT count(*) FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.role = 'leader'`),
    ).toBe(0);
    expect(await count(`SELECT count(*) FROM webhook_delivery WHERE dedupe_key = '2026-11:overdue:office'`)).toBe(1);
  });

  it('escalates (催报) to the late districts and the office, weekly, until they submit', async () => {
    await calendar.runDueSteps(at('2026-11-26 09:05:00'));
    const first = await query(`SELECT outcome FROM calendar_step_run WHERE step_key = '2026-11:escalate:2026-11-26'`);
    const late = first[0].outcome.districts.map((d: { name: string }) => d.name);
    expect(late).toContain('盘龙区'); // returned and not resubmitted
    expect(late).not.toContain('五华区');
    expect(late).toHaveLength(districtCount - 2);
    const [districtNotice] = await query(
      `SELECT title FROM notification WHERE dedupe_key = '2026-11:escalate:2026-11-26' AND district_id = $1`,
      [districtIdOf['东川区']],
    );
    expect(districtNotice.title).toBe('催报：2026年11月报表已逾期 1 天');
    const [officeNotice] = await query(
      `SELECT title FROM notification WHERE dedupe_key = '2026-11:escalate:2026-11-26:office'`,
    );
    expect(officeNotice.title).toBe(`催报：2026年11月仍有 ${districtCount - 2} 个区县未报送`);

    await setState('2026-11', '东川区', 'submitted');
    const summary = await calendar.runDueSteps(at('2026-12-03 09:05:00'));
    expect(summary.ran).toEqual(['2026-12:open', '2026-11:escalate:2026-12-03']);
    const [second] = await query(
      `SELECT outcome FROM calendar_step_run WHERE step_key = '2026-11:escalate:2026-12-03'`,
    );
    expect(second.outcome.districts.map((d: { name: string }) => d.name)).not.toContain('东川区');
    const [week] = await query(
      `SELECT title FROM notification WHERE dedupe_key = '2026-11:escalate:2026-12-03' AND district_id = $1`,
      [districtIdOf['晋宁区']],
    );
    expect(week.title).toBe('催报：2026年11月报表已逾期 8 天');
  });

  it('rolls a failing step back whole: no step row, no inbox row, no robot delivery; the next tick retries it', async () => {
    await query(`
      CREATE FUNCTION refuse_reminder() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.dedupe_key LIKE '2026-12:remind:%' THEN RAISE EXCEPTION 'simulated failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_reminder BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION refuse_reminder();
    `);
    await expect(calendar.runDueSteps(at('2026-12-20 09:05:00'))).rejects.toThrow(
      '报送日历有 1 个步骤执行失败：2026-12:remind:2026-12-20',
    );
    expect(await count(`SELECT count(*) FROM calendar_step_run WHERE step_key = '2026-12:remind:2026-12-20'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key LIKE '2026-12:remind:%'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM webhook_delivery WHERE dedupe_key LIKE '2026-12:remind:%'`)).toBe(0);
    // The other steps due at that tick still ran.
    expect(await count(`SELECT count(*) FROM calendar_step_run WHERE step_key = '2026-11:escalate:2026-12-17'`)).toBe(
      1,
    );

    await query(`DROP TRIGGER refuse_reminder ON notification; DROP FUNCTION refuse_reminder();`);
    const retry = await calendar.runDueSteps(at('2026-12-20 09:15:00'));
    expect(retry.ran).toEqual(['2026-12:remind:2026-12-20']);
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key = '2026-12:remind:2026-12-20'`)).toBe(
      districtCount,
    );
  });

  it('waits for a concurrent runner holding a step: performs it if that runner rolls back, skips it if it commits', async () => {
    const holders = [db.dataSource.createQueryRunner(), db.dataSource.createQueryRunner()];
    const hold = async (index: number, key: string, month: string) => {
      await holders[index].connect();
      await holders[index].startTransaction();
      await holders[index].query(
        `INSERT INTO calendar_step_run (step_key, step, month, due_at) VALUES ($1, 'escalate', $2, now())`,
        [key, month],
      );
    };
    await hold(0, '2026-11:escalate:2026-12-24', '2026-11');
    await hold(1, '2026-12:remind:2026-12-24', '2026-12');
    let settled = false;
    const running = calendar.runDueSteps(at('2026-12-24 09:05:00')).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await holders[0].rollbackTransaction();
    await holders[1].commitTransaction();
    const summary = await running;
    expect(summary).toMatchObject({ ran: ['2026-11:escalate:2026-12-24'], skipped: ['2026-12:remind:2026-12-24'] });
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key = '2026-12:remind:2026-12-24'`)).toBe(0);
    expect(
      await count(`SELECT count(*) FROM notification WHERE dedupe_key LIKE '2026-11:escalate:2026-12-24%'`),
    ).toBeGreaterThan(0);
    await Promise.all(holders.map((h) => h.release()));
  });

  it('runs through the ReportingCalendar job with the injected clock, one job per 10-minute slot', async () => {
    clock.current = at('2026-12-26 00:03:00');
    const jobs = moduleRef.get(JobQueue);
    const jobId = calendarTickJobId(clock.now());
    expect(jobId).toBe('reporting-calendar:2026-12-26T00:00');
    const first = await jobs.enqueue<ReportingCalendarPayload>(
      QueueName.ReportingCalendar,
      { slot: '2026-12-26T00:00' },
      { jobId },
    );
    const second = await jobs.enqueue<ReportingCalendarPayload>(
      QueueName.ReportingCalendar,
      { slot: '2026-12-26T00:00' },
      { jobId },
    );
    expect(second).toBe(first);
    const result = await jobs.waitFor<CalendarRunSummary>(QueueName.ReportingCalendar, jobId, 20000);
    expect(result.ran).toEqual(['2026-12:overdue']);
    // The office robot's messages were delivered by the in-process webhook-delivery jobs.
    await waitUntil(async () => (await count(`SELECT count(*) FROM webhook_delivery WHERE status = 'pending'`)) === 0);
    expect(await count(`SELECT count(*) FROM webhook_delivery WHERE status = 'sent'`)).toBe(robotRequests.length);
    expect(robotRequests.length).toBeGreaterThanOrEqual(4);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
