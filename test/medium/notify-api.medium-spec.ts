import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { NotificationKind, NotificationService, RecipientScope } from '@app/notify';
import { shanghaiMonth } from '@app/core';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';

const SECRET = 'SEC9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('inbox, group robots, calendar settings and deadlines over HTTP', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  const districtIds: Record<string, number> = {};

  const audits = (action: string) =>
    db.dataSource.query(`SELECT actor_name, entity_id, before, after FROM audit_event WHERE action = $1 ORDER BY id`, [
      action,
    ]);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: '2026-11-20' });
    api = await startApi(db.url);
    for (const username of ['office', 'leader', 'wuhua', 'panlong'])
      tokens[username] = await api.login(username, DEMO_PASSWORD);
    for (const row of await db.dataSource.query(`SELECT id, name FROM district`)) districtIds[row.name] = row.id;
    const notifications = api.app.get(NotificationService);
    for (const [i, district] of ['五华区', '五华区', '五华区', '盘龙区'].entries()) {
      await notifications.notify({
        recipients: { scope: RecipientScope.Districts, districtIds: [districtIds[district]] },
        kind: NotificationKind.Reminder,
        title: `提醒 ${i + 1}`,
        body: `第 ${i + 1} 条提醒`,
        link: '/reports/2026-11',
        month: '2026-11',
        dedupeKey: `api-test:${i}`,
      });
    }
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  describe('the inbox', () => {
    it('lists only the user’s own notifications, unread first, with the unread count', async () => {
      const { status, body } = await api.request('GET', '/api/notifications', { token: tokens.wuhua });
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 3, unreadCount: 3, page: 1, pageSize: 20 });
      expect(body.items.map((n: { title: string }) => n.title)).toEqual(['提醒 3', '提醒 2', '提醒 1']);
      expect(body.items[0]).toMatchObject({
        kind: 'reminder',
        link: '/reports/2026-11',
        month: '2026-11',
        readAt: null,
      });
      const office = await api.request('GET', '/api/notifications', { token: tokens.office });
      expect(office.body).toMatchObject({ total: 0, unreadCount: 0, items: [] });
    });

    it('marks one read; another user’s notification is answered as not found', async () => {
      const mine = (await api.request('GET', '/api/notifications', { token: tokens.wuhua })).body.items;
      const theirs = (await api.request('GET', '/api/notifications', { token: tokens.panlong })).body.items;
      const foreign = await api.request('POST', `/api/notifications/${theirs[0].id}/read`, { token: tokens.wuhua });
      expect(foreign).toEqual({ status: 404, body: { statusCode: 404, error: 'not_found', message: '通知不存在' } });
      expect((await api.request('POST', '/api/notifications/abc/read', { token: tokens.wuhua })).status).toBe(404);
      const [{ read_at }] = await db.dataSource.query(`SELECT read_at FROM notification WHERE id = $1`, [theirs[0].id]);
      expect(read_at).toBeNull();

      const oldest = mine[2];
      const read = await api.request('POST', `/api/notifications/${oldest.id}/read`, { token: tokens.wuhua });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: oldest.id, title: '提醒 1' });
      expect(read.body.readAt).not.toBeNull();
      const again = await api.request('POST', `/api/notifications/${oldest.id}/read`, { token: tokens.wuhua });
      expect(again.body.readAt).toBe(read.body.readAt);
      expect(await audits('notification.read')).toEqual([
        {
          actor_name: '五华区发展和改革局',
          entity_id: oldest.id,
          before: { readAt: null },
          after: { readAt: expect.any(String) },
        },
      ]);

      const unreadFirst = await api.request('GET', '/api/notifications?order=unread_first', { token: tokens.wuhua });
      expect(unreadFirst.body.items.map((n: { title: string }) => n.title)).toEqual(['提醒 3', '提醒 2', '提醒 1']);
      expect(unreadFirst.body.unreadCount).toBe(2);
      const paged = await api.request('GET', '/api/notifications?order=newest&page=2&pageSize=2', {
        token: tokens.wuhua,
      });
      expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(paged.body.items.map((n: { title: string }) => n.title)).toEqual(['提醒 1']);
    });

    it('puts read notifications after unread ones', async () => {
      const mine = (await api.request('GET', '/api/notifications?order=newest', { token: tokens.wuhua })).body.items;
      await api.request('POST', `/api/notifications/${mine[0].id}/read`, { token: tokens.wuhua });
      const list = await api.request('GET', '/api/notifications', { token: tokens.wuhua });
      expect(list.body.items.map((n: { title: string }) => n.title)).toEqual(['提醒 2', '提醒 3', '提醒 1']);
    });

    it('marks all of the user’s own notifications read, and nobody else’s', async () => {
      const result = await api.request('POST', '/api/notifications/read-all', { token: tokens.wuhua });
      expect(result).toEqual({ status: 200, body: { marked: 1 } });
      expect((await api.request('GET', '/api/notifications', { token: tokens.wuhua })).body.unreadCount).toBe(0);
      expect((await api.request('GET', '/api/notifications', { token: tokens.panlong })).body.unreadCount).toBe(1);
      expect(await audits('notification.read_all')).toHaveLength(1);
    });

    it('refuses bad paging in Chinese', async () => {
      const { status, body } = await api.request('GET', '/api/notifications?pageSize=1000&order=oldest', {
        token: tokens.wuhua,
      });
      expect(status).toBe(422);
      expect(body.details).toEqual(
        expect.arrayContaining([
          { field: 'pageSize', messages: ['每页最多 100 条'] },
          { field: 'order', messages: ['排序方式须为 unread_first 或 newest'] },
        ]),
      );
    });
  });

  describe('group robots (office only)', () => {
    it('creates, lists, updates and disables robots, never returning or auditing the secret', async () => {
      const created = await api.request('POST', '/api/webhooks', {
        token: tokens.office,
        body: {
          name: '五华区钉钉群',
          kind: 'dingtalk',
          url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
          secret: SECRET,
          districtId: districtIds['五华区'],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: '五华区钉钉群',
        kind: 'dingtalk',
        districtId: districtIds['五华区'],
        districtName: '五华区',
        enabled: true,
        hasSecret: true,
        secretHint: 'SEC…0a08',
      });
      expect(JSON.stringify(created.body)).not.toContain(SECRET);
      const id = created.body.id;

      const office = await api.request('POST', '/api/webhooks', {
        token: tokens.office,
        body: {
          name: '市发展改革委工作群',
          kind: 'wecom',
          url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1',
        },
      });
      expect(office.body).toMatchObject({ districtId: null, hasSecret: false, secretHint: null });

      const list = await api.request('GET', '/api/webhooks', { token: tokens.office });
      expect(list.body.map((e: { name: string }) => e.name)).toEqual(['市发展改革委工作群', '五华区钉钉群']);
      expect(JSON.stringify(list.body)).not.toContain(SECRET);

      const renamed = await api.request('PATCH', `/api/webhooks/${id}`, {
        token: tokens.office,
        body: { name: '五华区报送工作群', secret: null },
      });
      expect(renamed.body).toMatchObject({ name: '五华区报送工作群', hasSecret: false, enabled: true });
      const disabled = await api.request('POST', `/api/webhooks/${id}/disable`, { token: tokens.office });
      expect(disabled).toMatchObject({ status: 200, body: { enabled: false } });

      const trail = await db.dataSource.query(
        `SELECT action, before, after FROM audit_event WHERE entity_type = 'webhook_endpoint' ORDER BY id`,
      );
      expect(trail.map((a: { action: string }) => a.action)).toEqual([
        'webhook.create',
        'webhook.create',
        'webhook.update',
        'webhook.update',
      ]);
      expect(JSON.stringify(trail)).not.toContain(SECRET);
      expect(JSON.stringify(trail)).not.toContain('abc123');
      expect(trail[2].after).toMatchObject({ name: '五华区报送工作群', hasSecret: false, secretChanged: true });
    });

    it('validates robots with every problem in Chinese', async () => {
      const bad = await api.request('POST', '/api/webhooks', {
        token: tokens.office,
        body: { name: '', kind: 'feishu', url: 'ftp://example.com', districtId: 'x' },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.details).toEqual(
        expect.arrayContaining([
          { field: 'name', messages: ['请填写名称'] },
          { field: 'kind', messages: ['机器人类型须为 wecom（企业微信）或 dingtalk（钉钉）'] },
          { field: 'districtId', messages: ['区县 id 必须是整数'] },
        ]),
      );
      const wecomSecret = await api.request('POST', '/api/webhooks', {
        token: tokens.office,
        body: { name: '错误', kind: 'wecom', url: 'ftp://example.com', secret: 'SECabc', districtId: 99999999 },
      });
      expect(wecomSecret.body).toMatchObject({ statusCode: 422, message: '机器人设置不正确' });
      expect(wecomSecret.body.details).toEqual([
        { field: 'url', messages: ['地址须为完整的 http(s) 网址，且不超过 500 个字符'] },
        { field: 'secret', messages: ['只有钉钉机器人支持加签密钥'] },
        { field: 'districtId', messages: ['区县不存在'] },
      ]);
      expect(
        (await api.request('PATCH', '/api/webhooks/99999', { token: tokens.office, body: { name: 'x' } })).body,
      ).toMatchObject({
        statusCode: 404,
        message: '机器人不存在',
      });
    });

    it('is refused to district users and leaders', async () => {
      for (const username of ['wuhua', 'leader']) {
        expect((await api.request('GET', '/api/webhooks', { token: tokens[username] })).status).toBe(403);
        const create = await api.request('POST', '/api/webhooks', {
          token: tokens[username],
          body: { name: 'x', kind: 'wecom', url: 'https://example.com' },
        });
        expect(create.status).toBe(403);
      }
    });
  });

  describe('calendar settings (office only)', () => {
    it('shows the defaults, saves a valid change with an audit event, and refuses a bad one in Chinese', async () => {
      const initial = await api.request('GET', '/api/calendar/settings', { token: tokens.office });
      expect(initial.body).toMatchObject({
        isDefault: true,
        settings: {
          deadlineDay: 25,
          deadlineTime: '23:59:59',
          reminderDays: [20, 24],
          noticeTime: '09:00:00',
          escalation: { firstAfterDays: 1, everyDays: 7 },
        },
      });
      const next = {
        deadlineDay: 28,
        deadlineTime: '18:00',
        reminderDays: [27, 21],
        noticeTime: '08:30:00',
        escalation: { firstAfterDays: 1, everyDays: 3 },
      };
      const saved = await api.request('PUT', '/api/calendar/settings', { token: tokens.office, body: next });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        isDefault: false,
        settings: { deadlineDay: 28, deadlineTime: '18:00:00', reminderDays: [21, 27], noticeTime: '08:30:00' },
      });
      const [event] = await audits('calendar.settings.update');
      expect(event.before).toMatchObject({ deadlineDay: 25 });
      expect(event.after).toMatchObject({ deadlineDay: 28, reminderDays: [21, 27] });

      const invalid = await api.request('PUT', '/api/calendar/settings', {
        token: tokens.office,
        body: { ...next, deadlineDay: 31, reminderDays: [20, 20], escalation: { firstAfterDays: 0, everyDays: 7 } },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body.details).toEqual(
        expect.arrayContaining([
          { field: 'deadlineDay', messages: ['截止日须为 1 至 28 之间的整数（保证每个月都有这一天）'] },
          { field: 'reminderDays', messages: ['提醒日不能重复'] },
          { field: 'escalation.firstAfterDays', messages: ['首次催报须在截止日后 1 至 14 天之间'] },
        ]),
      );
      const crossField = await api.request('PUT', '/api/calendar/settings', {
        token: tokens.office,
        body: { ...next, deadlineDay: 20, reminderDays: [21] },
      });
      expect(crossField.body).toMatchObject({
        statusCode: 422,
        message: '报送日历设置不正确',
        details: [{ field: 'reminderDays', messages: ['提醒日须为 1 至截止日（20 日）之间的整数'] }],
      });
      // Back to the defaults for the tests below.
      await api.request('PUT', '/api/calendar/settings', { token: tokens.office, body: initial.body.settings });
      expect((await api.request('GET', '/api/calendar/settings', { token: tokens.wuhua })).status).toBe(403);
      expect((await api.request('PUT', '/api/calendar/settings', { token: tokens.leader, body: next })).status).toBe(
        403,
      );
    });

    it('shows a month’s planned steps', async () => {
      const { status, body } = await api.request('GET', '/api/calendar/steps?month=2026-11', { token: tokens.office });
      expect(status).toBe(200);
      expect(body.month).toBe('2026-11');
      expect(body.steps.slice(0, 4).map((s: { key: string }) => s.key)).toEqual([
        '2026-11:open',
        '2026-11:remind:2026-11-20',
        '2026-11:remind:2026-11-24',
        '2026-11:overdue',
      ]);
      expect(body.steps[0]).toMatchObject({ step: 'open_period', dueAt: '2026-10-31T16:00:00.000Z' });
    });
  });

  describe('a period’s deadline (office only)', () => {
    const addMonths = (month: string, delta: number) => {
      const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    };
    const next = addMonths(shanghaiMonth(new Date()), 1);
    const previous = addMonths(shanghaiMonth(new Date()), -1);

    it('extends a period’s deadline, creating the period when needed, with the reason in the audit trail', async () => {
      const { status, body } = await api.request('PATCH', `/api/periods/${next}/deadline`, {
        token: tokens.office,
        body: { date: `${next}-27`, reason: '春节假期顺延' },
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ month: next, status: 'open' });
      expect(body.deadlineAt).toBe(new Date(`${next}-27T23:59:59+08:00`).toISOString());
      const [{ deadline_at }] = await db.dataSource.query(`SELECT deadline_at FROM reporting_period WHERE month = $1`, [
        next,
      ]);
      expect(deadline_at.toISOString()).toBe(body.deadlineAt);
      const [event] = await audits('period.deadline.change');
      expect(event.before).toEqual({ month: next, deadlineAt: new Date(`${next}-25T23:59:59+08:00`).toISOString() });
      expect(event.after).toEqual({ month: next, deadlineAt: body.deadlineAt, reason: '春节假期顺延' });
      // The calendar follows it: overdue the second after the new deadline.
      const steps = await api.request('GET', `/api/calendar/steps?month=${next}`, { token: tokens.office });
      expect(steps.body.steps.find((s: { key: string }) => s.key === `${next}:overdue`).dueAt).toBe(
        new Date(`${next}-28T00:00:00+08:00`).toISOString(),
      );
    });

    it('refuses a deadline in the past, after the next period’s deadline, or for a period already closed', async () => {
      const past = await api.request('PATCH', `/api/periods/${next}/deadline`, {
        token: tokens.office,
        body: { date: '2020-01-01', reason: '测试' },
      });
      expect(past.body).toMatchObject({ statusCode: 422, message: '新的截止时间须晚于当前时间' });
      const tooLate = await api.request('PATCH', `/api/periods/${next}/deadline`, {
        token: tokens.office,
        body: { date: `${addMonths(next, 1)}-26`, reason: '测试' },
      });
      expect(tooLate.body.statusCode).toBe(422);
      expect(tooLate.body.message).toMatch(/^截止时间须早于下一报送期（\d{4}-\d{2}）的截止时间/);
      const closed = await api.request('PATCH', `/api/periods/${previous}/deadline`, {
        token: tokens.office,
        body: { date: `${next}-01`, reason: '补报' },
      });
      expect(closed.body.statusCode).toBe(409);
      expect(closed.body.message).toMatch(/未报送的报表已标记逾期，不能再调整截止时间$/);
      const invalidDay = await api.request('PATCH', `/api/periods/${next}/deadline`, {
        token: tokens.office,
        body: { date: `${next}-32`, reason: '测试' },
      });
      expect(invalidDay.body).toMatchObject({
        statusCode: 422,
        message: '截止日期应为真实存在的日期，格式 YYYY-MM-DD',
      });
      const noReason = await api.request('PATCH', `/api/periods/${next}/deadline`, {
        token: tokens.office,
        body: { date: `${next}-26` },
      });
      expect(noReason.body.details).toEqual([{ field: 'reason', messages: ['请填写调整原因'] }]);
      expect(
        (
          await api.request('PATCH', '/api/periods/2026-13/deadline', {
            token: tokens.office,
            body: { date: '2026-12-01', reason: 'x' },
          })
        ).body,
      ).toMatchObject({
        statusCode: 422,
        message: '月份格式应为 YYYY-MM（如 2026-11），收到“2026-13”',
      });
      expect(
        (
          await api.request('PATCH', `/api/periods/${next}/deadline`, {
            token: tokens.wuhua,
            body: { date: `${next}-26`, reason: 'x' },
          })
        ).status,
      ).toBe(403);
    });
  });
});
