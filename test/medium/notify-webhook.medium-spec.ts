import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Test, TestingModule } from '@nestjs/testing';
import { Worker } from 'bullmq';
import { ClockModule, createRedisConnection, JobsModule, parseAppConfig, QueueName } from '@app/core';
import { AuthModule } from '@app/auth';
import { DatabaseModule } from '@app/database';
import { seedDemo } from '@app/demo';
import {
  NotificationKind,
  NotificationService,
  NotifyModule,
  RecipientScope,
  WebhookDeliveryPayload,
  WebhookDeliveryProcessor,
} from '@app/notify';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';

const DINGTALK_SECRET = 'SECc0ffee0123456789abcdef0123456789abcdef0123456789abcdef01234567';

interface RobotRequest {
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * Emulates the robots: /wecom/* answers like 企业微信 ({"errcode":0}); /dingtalk/* checks the 加签 signature like 钉钉
 * (errcode 310000 when it does not match); /flaky fails its first request with HTTP 500; /down always 503.
 */
function startRobotServer(): Promise<{ server: Server; base: string; requests: RobotRequest[] }> {
  const requests: RobotRequest[] = [];
  const seen = new Map<string, number>();
  const reply = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      requests.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(raw) });
      const count = (seen.get(url.pathname) ?? 0) + 1;
      seen.set(url.pathname, count);
      if (url.pathname.startsWith('/down')) return reply(res, 503, { message: 'unavailable' });
      if (url.pathname.startsWith('/flaky') && count === 1) return reply(res, 500, { message: 'boom' });
      if (url.pathname.startsWith('/dingtalk')) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', DINGTALK_SECRET)
          .update(`${timestamp}\n${DINGTALK_SECRET}`)
          .digest('base64');
        const fresh = Math.abs(Date.now() - Number(timestamp)) < 3600_000;
        if (!fresh || url.searchParams.get('sign') !== expected) {
          return reply(res, 200, { errcode: 310000, errmsg: 'sign not match' });
        }
      }
      reply(res, 200, { errcode: 0, errmsg: 'ok' });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }),
    ),
  );
}

describe('notifications and group robots on PostgreSQL and BullMQ', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let notifications: NotificationService;
  let worker: Worker;
  const workerConnection = createRedisConnection(TEST_REDIS_URL);
  let robot: Awaited<ReturnType<typeof startRobotServer>>;
  const prefix = `evctest${Date.now().toString(36)}n`;
  const ids: Record<string, number> = {};

  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const endpoint = async (
    name: string,
    kind: string,
    path: string,
    districtId: number | null,
    extra: { secret?: string; enabled?: boolean } = {},
  ) => {
    const [row] = await query(
      `INSERT INTO webhook_endpoint (name, kind, url, secret, district_id, enabled) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [name, kind, `${robot.base}${path}`, extra.secret ?? null, districtId, extra.enabled ?? true],
    );
    return row.id as number;
  };
  const deliveries = (dedupeKey: string) =>
    query(
      `SELECT e.name, d.status, d.attempts, d.last_error, d.payload, d.sent_at FROM webhook_delivery d
         JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE d.dedupe_key = $1 ORDER BY e.name`,
      [dedupeKey],
    );
  const settled = async (dedupeKey: string, timeoutMs = 30000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await deliveries(dedupeKey);
      if (rows.length > 0 && rows.every((r: { status: string }) => r.status !== 'pending')) return rows;
      if (Date.now() > deadline) throw new Error(`deliveries of ${dedupeKey} still pending: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: '2026-11-20' });
    for (const row of await query(`SELECT id, name FROM district`)) ids[row.name] = row.id;
    robot = await startRobotServer();
    const config = parseAppConfig({ DATABASE_URL: db.url, JWT_SECRET: 'notify-test-secret-0123456789-abcdefghijk' });
    moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forConnection({ dataSource: db.dataSource, freshEmbedded: false, close: async () => undefined }),
        // Producer on the real Redis; the worker below consumes with the same processor apps/worker runs.
        JobsModule.forRoot({ redisUrl: TEST_REDIS_URL, prefix }),
        ClockModule,
        AuthModule.forRoot(config),
        NotifyModule,
      ],
    }).compile();
    await moduleRef.init();
    notifications = moduleRef.get(NotificationService);
    const processor = moduleRef.get(WebhookDeliveryProcessor);
    worker = new Worker<WebhookDeliveryPayload>(
      QueueName.WebhookDelivery,
      (job) =>
        processor.process({
          id: job.id ?? '',
          queue: QueueName.WebhookDelivery,
          data: job.data,
          attempt: job.attemptsMade + 1,
          updateProgress: async () => undefined,
        }),
      { connection: workerConnection, prefix, concurrency: 4 },
    );
  });

  afterAll(async () => {
    await worker?.close();
    workerConnection.disconnect();
    await moduleRef?.close();
    robot?.server.closeAllConnections();
    await new Promise((resolve) => robot?.server.close(resolve));
    await db?.drop();
  });

  it('writes one inbox row per district user and posts to each enabled robot of that district, 钉钉 signed', async () => {
    await endpoint('五华区企业微信群', 'wecom', '/wecom/wuhua', ids['五华区']);
    await endpoint('五华区钉钉群', 'dingtalk', '/dingtalk/wuhua', ids['五华区'], { secret: DINGTALK_SECRET });
    await endpoint('五华区旧群（停用）', 'wecom', '/wecom/old', ids['五华区'], { enabled: false });
    await endpoint('盘龙区企业微信群', 'wecom', '/wecom/panlong', ids['盘龙区']);

    const result = await notifications.notify({
      recipients: { scope: RecipientScope.Districts, districtIds: [ids['五华区']] },
      kind: NotificationKind.Reminder,
      title: '报送提醒：2026年11月报表尚未报送',
      body: '贵单位2026年11月报表尚未报送，截止时间为2026年11月25日 23:59，请尽快填写并上传。',
      link: '/reports/2026-11',
      month: '2026-11',
      dedupeKey: 'test:remind:wuhua',
    });
    expect(result.inboxCount).toBe(1);
    expect(result.deliveryIds).toHaveLength(2);

    const inbox = await query(
      `SELECT u.username, n.kind, n.district_id, n.month FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.dedupe_key = 'test:remind:wuhua'`,
    );
    expect(inbox).toEqual([{ username: 'wuhua', kind: 'reminder', district_id: ids['五华区'], month: '2026-11' }]);

    const rows = await settled('test:remind:wuhua');
    expect(rows.map((r: { name: string; status: string; attempts: number }) => [r.name, r.status, r.attempts])).toEqual(
      [
        ['五华区企业微信群', 'sent', 1],
        ['五华区钉钉群', 'sent', 1],
      ],
    );
    const content =
      '### 报送提醒：2026年11月报表尚未报送\n\n贵单位2026年11月报表尚未报送，截止时间为2026年11月25日 23:59，请尽快填写并上传。';
    const wecom = robot.requests.find((r) => r.path === '/wecom/wuhua');
    expect(wecom?.body).toEqual({ msgtype: 'markdown', markdown: { content } });
    const dingtalk = robot.requests.find((r) => r.path === '/dingtalk/wuhua');
    expect(dingtalk?.body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '报送提醒：2026年11月报表尚未报送', text: content },
    });
    expect(dingtalk?.query.get('sign')).toBeTruthy();
    expect(rows.map((r: { payload: unknown }) => r.payload)).toEqual([wecom?.body, dingtalk?.body]);
    expect(robot.requests.some((r) => r.path === '/wecom/old' || r.path === '/wecom/panlong')).toBe(false);
  });

  it('sends the same event to the same user and robot once', async () => {
    const again = await notifications.notify({
      recipients: { scope: RecipientScope.Districts, districtIds: [ids['五华区']] },
      kind: NotificationKind.Reminder,
      title: '报送提醒（重复）',
      body: '重复的事件不会再次发送。',
      dedupeKey: 'test:remind:wuhua',
    });
    expect(again).toEqual({ inboxCount: 0, deliveryIds: [] });
    expect(
      Number((await query(`SELECT count(*) FROM notification WHERE dedupe_key = 'test:remind:wuhua'`))[0].count),
    ).toBe(1);
  });

  it('retries a robot that fails once and records both attempts', async () => {
    await endpoint('盘龙区钉钉群（不稳定）', 'wecom', '/flaky/panlong', ids['盘龙区']);
    await notifications.notify({
      recipients: { scope: RecipientScope.Districts, districtIds: [ids['盘龙区']] },
      kind: NotificationKind.Escalation,
      title: '催报：2026年11月报表已逾期 1 天',
      body: '请立即报送。',
      dedupeKey: 'test:escalate:panlong',
    });
    const rows = await settled('test:escalate:panlong');
    const flaky = rows.find((r: { name: string }) => r.name === '盘龙区钉钉群（不稳定）');
    expect(flaky).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(robot.requests.filter((r) => r.path === '/flaky/panlong')).toHaveLength(2);
    expect(rows.find((r: { name: string }) => r.name === '盘龙区企业微信群')).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('rejects a wrong 钉钉 signature as a failure (errcode ≠ 0), and gives up after five attempts', async () => {
    await endpoint('市发展改革委钉钉群（密钥错误）', 'dingtalk', '/dingtalk/office', null, {
      secret: 'SECwrong-secret-0123456789',
    });
    await endpoint('市发展改革委备用群（宕机）', 'wecom', '/down/office', null);
    const result = await notifications.notify({
      recipients: { scope: RecipientScope.Office },
      kind: NotificationKind.Overdue,
      title: '2026年11月报送已截止：2 个区县未报送',
      body: '以下 2 个区县（园区）未报送，已标记为逾期：东川区、晋宁区。',
      dedupeKey: 'test:overdue:office',
    });
    expect(result.inboxCount).toBe(1); // the office account; leaders and districts get nothing
    const rows = await settled('test:overdue:office', 45000);
    expect(
      rows.map((r: { name: string; status: string; attempts: number; last_error: string }) => [
        r.name,
        r.status,
        r.attempts,
        r.last_error,
      ]),
    ).toEqual([
      ['市发展改革委备用群（宕机）', 'failed', 5, 'HTTP 503：{"message":"unavailable"}'],
      ['市发展改革委钉钉群（密钥错误）', 'failed', 5, '机器人返回错误 errcode 310000：sign not match'],
    ]);
    expect(robot.requests.filter((r) => r.path === '/down/office')).toHaveLength(5);
  }, 60000);

  it('writes nothing and sends nothing when the caller’s transaction rolls back', async () => {
    await expect(
      db.dataSource.transaction(async (manager) => {
        const written = await notifications.notify(
          {
            recipients: { scope: RecipientScope.Districts, districtIds: [ids['五华区']] },
            kind: NotificationKind.PeriodOpened,
            title: '2026年12月报送已开始',
            body: '回滚的事务不会通知任何人。',
            dedupeKey: 'test:rolled-back',
          },
          manager,
        );
        expect(written.deliveryIds).toHaveLength(2);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(
      Number((await query(`SELECT count(*) FROM notification WHERE dedupe_key = 'test:rolled-back'`))[0].count),
    ).toBe(0);
    expect(await deliveries('test:rolled-back')).toEqual([]);
  });

  it('queues deliveries written inside a transaction only after the commit, and the relay picks up lost ones', async () => {
    const result = await db.dataSource.transaction((manager) =>
      notifications.notify(
        {
          recipients: { scope: RecipientScope.Districts, districtIds: [ids['五华区']] },
          kind: NotificationKind.PeriodOpened,
          title: '2026年12月报送已开始',
          body: '请下载本期模板。',
          dedupeKey: 'test:opened:wuhua',
        },
        manager,
      ),
    );
    // Not dispatched: as if the process had died between the commit and the enqueue.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await deliveries('test:opened:wuhua')).map((r: { status: string }) => r.status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(await notifications.relayPendingDeliveries(0)).toBe(result.deliveryIds.length);
    const rows = await settled('test:opened:wuhua');
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent']);
    // Relaying again finds nothing pending; a delivery is never sent twice.
    expect(await notifications.relayPendingDeliveries(0)).toBe(0);
    expect(
      robot.requests.filter(
        (r) =>
          (r.body as { markdown: { content?: string; text?: string } }).markdown.content?.includes('请下载本期模板') ||
          (r.body as { markdown: { text?: string } }).markdown.text?.includes('请下载本期模板'),
      ),
    ).toHaveLength(2);
  });
});
