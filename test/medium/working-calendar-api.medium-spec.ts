import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { FIXTURE_PASSWORD, insertTwoDistrictsAndUsers } from '../support/rating-fixtures';

/** The office maintains the working-day calendar through the API: per year, audited, validated in Chinese. */
describe('editing the working-day calendar', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertTwoDistrictsAndUsers(db.dataSource);
    api = await startApi(db.url, { REDIS_URL: '' });
    for (const name of ['office', 'leader', 'wuhua']) token[name] = await api.login(name, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const call = (method: string, path: string, who: string, body?: unknown) =>
    api.request(method, path, { token: token[who], body });
  const audits = (action: string) =>
    db.dataSource.query(`SELECT entity_id, before, after FROM audit_event WHERE action = $1 ORDER BY id`, [action]);

  it('lists the seeded years 2022–2026 with their notices and working-day counts', async () => {
    const { status, body } = await call('GET', '/api/working-calendar', 'wuhua');
    expect(status).toBe(200);
    expect(body.map((y: any) => [y.year, y.workingDays])).toEqual([
      [2022, 249],
      [2023, 249],
      [2024, 251],
      [2025, 248],
      [2026, 248],
    ]);
    // 2024: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 1 + 中秋 3 + 国庆 7 = 28 days off; 8 swapped workdays.
    expect(body[2]).toMatchObject({ source: '国办发明电〔2023〕7号', holidays: 28, swappedWorkdays: 8 });
    const year = await call('GET', '/api/working-calendar/2024', 'leader');
    const spring = year.body.days.filter((d: any) => d.name === '春节');
    expect(spring.map((d: any) => [d.date, d.weekday, d.kind])).toEqual([
      ['2024-02-04', '星期日', 'workday'],
      ...['10', '11', '12', '13', '14', '15', '16', '17'].map((day, i) => [
        `2024-02-${day}`,
        ['星期六', '星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'][i],
        'holiday',
      ]),
      ['2024-02-18', '星期日', 'workday'],
    ]);
    expect((await call('GET', '/api/working-calendar/2027', 'office')).body.message).toBe(
      '工作日历未包含 2027 年，请先添加该年度',
    );
  });

  it('adds a year with its notice, then its days; refuses a year twice and a day in a year not added', async () => {
    const early = await call('PUT', '/api/working-calendar/days/2027-01-01', 'office', {
      kind: 'holiday',
      name: '元旦',
    });
    expect(early).toMatchObject({
      status: 422,
      body: { message: '工作日历未包含 2027 年，请先添加该年度及其依据的通知' },
    });
    const added = await call('POST', '/api/working-calendar', 'office', {
      year: 2027,
      source: '国办发明电〔2026〕9号',
    });
    expect(added.status).toBe(201);
    // 2027 without exceptions yet: 365 days, 2027-01-01 is a Friday → 52 full weeks + Fri = 261 weekdays.
    expect(added.body).toMatchObject({ year: 2027, holidays: 0, swappedWorkdays: 0, workingDays: 261 });
    expect((await call('POST', '/api/working-calendar', 'office', { year: 2027, source: 'x 通知' })).status).toBe(409);
    const set = await call('PUT', '/api/working-calendar/days/2027-01-01', 'office', { kind: 'holiday', name: '元旦' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      day: { date: '2027-01-01', weekday: '星期五', kind: 'holiday', name: '元旦' },
      year: { year: 2027, holidays: 1, workingDays: 260 },
      warning: null,
    });
    const [audit] = await audits('working_calendar.day.set');
    expect(audit).toEqual({
      entity_id: '2027-01-01',
      before: null,
      after: { kind: 'holiday', name: '元旦', pastYear: false },
    });
  });

  it('refuses what a holiday notice cannot say, in Chinese, and changes nothing', async () => {
    const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM calendar_day`);
    const weekday = await call('PUT', '/api/working-calendar/days/2027-02-03', 'office', {
      kind: 'workday',
      name: '春节',
    });
    expect(weekday).toMatchObject({
      status: 422,
      body: { message: '节假日安排不正确', details: ['2027-02-03 是星期三，本来就是工作日，不能设为调休上班日'] },
    });
    const noName = await call('PUT', '/api/working-calendar/days/2027-02-06', 'office', {
      kind: 'holiday',
      name: '  ',
    });
    expect(noName.body.details).toEqual(['节日名称须为 1 至 20 个字，如 春节']);
    const badDate = await call('PUT', '/api/working-calendar/days/2027-02-30', 'office', {
      kind: 'holiday',
      name: '春节',
    });
    expect(badDate.body.message).toBe('日期无效：“2027-02-30”，应为真实存在的日期 YYYY-MM-DD');
    const badKind = await call('PUT', '/api/working-calendar/days/2027-02-06', 'office', {
      kind: 'rest',
      name: '春节',
    });
    expect(badKind.status).toBe(422);
    const nothing = await call('DELETE', '/api/working-calendar/days/2027-05-05', 'office');
    expect(nothing).toMatchObject({ status: 404, body: { message: '2027-05-05 没有节假日或调休安排' } });
    expect(
      (await call('PUT', '/api/working-calendar/days/2027-02-06', 'wuhua', { kind: 'holiday', name: '春节' })).status,
    ).toBe(403);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM calendar_day`)).toEqual(before);
  });

  it('allows an edit of a past year, warns, and records it as such', async () => {
    // Suppose the 2023 notice had been entered without the swapped Saturday 2023-10-07.
    const removed = await call('DELETE', '/api/working-calendar/days/2023-10-07', 'office');
    expect(removed.status).toBe(200);
    expect(removed.body.day).toBeNull();
    expect(removed.body.year).toMatchObject({ year: 2023, swappedWorkdays: 6, workingDays: 248 });
    expect(removed.body.warning).toBe(
      '修改的是过往年度（2023 年）的日历：按工作日计算的电网办理时限结果随之变化，本次修改已记入审计日志',
    );
    const restored = await call('PUT', '/api/working-calendar/days/2023-10-07', 'office', {
      kind: 'workday',
      name: '中秋节、国庆节',
    });
    expect(restored.body.year).toMatchObject({ swappedWorkdays: 7, workingDays: 249 });
    expect(await audits('working_calendar.day.remove')).toEqual([
      {
        entity_id: '2023-10-07',
        before: { kind: 'workday', name: '中秋节、国庆节' },
        after: { pastYear: true },
      },
    ]);
    const [year] = await db.dataSource.query(
      `SELECT u.username FROM calendar_year y JOIN app_user u ON u.id = y.updated_by WHERE y.year = 2023`,
    );
    expect(year.username).toBe('office');
  });

  it('changes a holiday’s kind in place (one row per date)', async () => {
    const changed = await call('PUT', '/api/working-calendar/days/2027-01-01', 'office', {
      kind: 'holiday',
      name: '新年',
    });
    expect(changed.body.day.name).toBe('新年');
    const rows = await db.dataSource.query(`SELECT name FROM calendar_day WHERE day = '2027-01-01'`);
    expect(rows).toEqual([{ name: '新年' }]);
    const [last] = (await audits('working_calendar.day.set')).slice(-1);
    expect(last.before).toEqual({ kind: 'holiday', name: '元旦' });
  });
});
