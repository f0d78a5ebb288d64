import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  FIXTURE_PASSWORD,
  FixtureWorld,
  insertFacility,
  insertManagedCommunity,
  insertOperator,
  insertTwoDistrictsAndUsers,
} from '../support/rating-fixtures';

/**
 * Grid time limits over the database, on a hand-built register that crosses two holiday swaps
 * (国办发明电〔2022〕16号 and 〔2023〕7号):
 *   National Day 2023: Thu 09-28 work | Fri 09-29 .. Fri 10-06 off | Sat 10-07 WORK | Sun 10-08 WORK | Mon 10-09
 *   Spring Festival 2024: Sat 02-03 off | Sun 02-04 WORK | … | Fri 02-09 work | 02-10 .. 02-17 off | Sun 02-18 WORK
 * Limits: 受理 1 working day after the application, 供电方案 3 after 受理, 装表 2 after completion, platform within
 * 2 calendar months of acceptance (SPEC: N working days after D end at the close of the N-th working day after D).
 *
 * As of 2024-07-31:
 *   F1 五华 甲  applied Fri 2024-02-09, 受理 Mon 02-19: deadline Sun 02-18 (1st working day after 02-09) → used 2,
 *               breached by 1. Plan Thu 02-22: 02-20, 02-21, 02-22 = 3 → met.
 *   F2 五华 甲  applied Sat 2024-02-03, 受理 Mon 02-05: deadline Sun 02-04 (swapped workday) → used 2 (02-04, 02-05),
 *               breached by 1 — a Mon–Fri calendar would call it on time. Plan Sun 02-18: after 02-05 the working days
 *               are 02-06, 02-07, 02-08 (deadline), 02-09, 02-18 → used 5, breached by 2.
 *   F3 五华 乙  applied Wed 2023-09-27, 受理 Thu 09-28 → used 1, met. Plan Mon 10-09: 10-07, 10-08, 10-09 = 3 → met.
 *   F4 五华 乙  applied Fri 2024-07-26, not accepted: deadline Mon 07-29; as of Wed 07-31 overdue by 2 (07-30, 07-31).
 *   F8 五华 乙  applied 2024-08-05, after asOf: not counted.
 *   F5 盘龙 甲  applied Wed 2023-09-27, 受理 Thu 09-28 (met); plan Tue 10-10: 10-07, 10-08, 10-09, 10-10 = 4 →
 *               breached by 1.
 *   F6 盘龙 乙  completed Thu 2023-09-28, meter Sun 10-08: 10-07, 10-08 = 2 → met (a weekend, but a working one).
 *               Accepted 2024-04-30, platform 2024-07-01: deadline 06-30 → breached by 1 calendar day.
 *   F7 盘龙 —   self-use, no operator: applied Sat 2024-02-03, 受理 Sun 02-04 → used 1, met. Plan Wed 02-07:
 *               02-05, 02-06, 02-07 = 3 → met.
 */
describe('grid time limits per district and operator, computed from the database', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let world: FixtureWorld;
  let operatorA: number;
  let operatorB: number;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await insertTwoDistrictsAndUsers(db.dataSource);
    operatorA = await insertOperator(db.dataSource, '甲充电运营有限公司', 1);
    operatorB = await insertOperator(db.dataSource, '乙充电运营有限公司', 2);
    const w1 = await insertManagedCommunity(db.dataSource, world.wuhua, 'C530102-0001', '翠湖小区', null);
    const p1 = await insertManagedCommunity(db.dataSource, world.panlong, 'C530103-0001', '金星小区', null);
    const f = (code: string, community: number, usage: 'public' | 'self_use', stages: object, op: number | null) =>
      insertFacility(db.dataSource, code, community, usage, stages, op);
    await f(
      'F1',
      w1,
      'public',
      { gridAppliedOn: '2024-02-09', gridAcceptedOn: '2024-02-19', supplyPlanRepliedOn: '2024-02-22' },
      operatorA,
    );
    await f(
      'F2',
      w1,
      'public',
      { gridAppliedOn: '2024-02-03', gridAcceptedOn: '2024-02-05', supplyPlanRepliedOn: '2024-02-18' },
      operatorA,
    );
    await f(
      'F3',
      w1,
      'public',
      { gridAppliedOn: '2023-09-27', gridAcceptedOn: '2023-09-28', supplyPlanRepliedOn: '2023-10-09' },
      operatorB,
    );
    await f('F4', w1, 'public', { gridAppliedOn: '2024-07-26' }, operatorB);
    await f('F8', w1, 'public', { gridAppliedOn: '2024-08-05' }, operatorB);
    await f(
      'F5',
      p1,
      'public',
      { gridAppliedOn: '2023-09-27', gridAcceptedOn: '2023-09-28', supplyPlanRepliedOn: '2023-10-10' },
      operatorA,
    );
    await f(
      'F6',
      p1,
      'public',
      {
        constructionCompletedOn: '2023-09-28',
        meterInstalledOn: '2023-10-08',
        acceptedOn: '2024-04-30',
        platformConnectedOn: '2024-07-01',
      },
      operatorB,
    );
    await f(
      'F7',
      p1,
      'self_use',
      { gridAppliedOn: '2024-02-03', gridAcceptedOn: '2024-02-04', supplyPlanRepliedOn: '2024-02-07' },
      null,
    );
    api = await startApi(db.url, { REDIS_URL: '' });
    for (const name of ['office', 'leader', 'wuhua', 'panlong']) token[name] = await api.login(name, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const get = (path: string, who: string) => api.request('GET', path, { token: token[who] });
  const breachRows = (group: any) =>
    group.breaches.map((b: any) => [b.code, b.step, b.status, b.deadline, b.used, b.overrun]);

  it('gives every facility’s steps with working days used against the limit', async () => {
    const { status, body } = await get('/api/grid/facilities?asOf=2024-07-31', 'office');
    expect(status).toBe(200);
    expect(body.asOf).toBe('2024-07-31');
    expect(body.items.map((i: any) => i.code)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7']);
    const f2 = body.items.find((i: any) => i.code === 'F2');
    expect(
      f2.steps.slice(0, 2).map((s: any) => [s.name, s.limit, s.used, s.deadline, s.status, s.description]),
    ).toEqual([
      ['业务受理', 1, 2, '2024-02-04', 'breached', '受理用时 2 个工作日，超出时限 1 个工作日'],
      ['答复供电方案', 3, 5, '2024-02-08', 'breached', '答复供电方案用时 5 个工作日，超出时限 2 个工作日'],
    ]);
    const f6 = body.items.find((i: any) => i.code === 'F6');
    expect(f6.steps.map((s: any) => [s.step, s.status, s.used, s.overrun])).toEqual([
      ['application_acceptance', 'not_applicable', null, null],
      ['supply_plan_reply', 'not_applicable', null, null],
      ['meter_installation', 'met', 2, null],
      ['platform_registration', 'breached', null, 1],
    ]);
    expect(body.items.find((i: any) => i.code === 'F7').steps[0]).toMatchObject({ used: 1, status: 'met' });
    const late = await get('/api/grid/facilities?asOf=2024-07-31&lateOnly=true', 'office');
    expect(late.body.items.map((i: any) => i.code)).toEqual(['F1', 'F2', 'F4', 'F5', 'F6']);
    expect(late.body.total).toBe(5);
  });

  it('lists breaches per district with the summary, as the office sees them', async () => {
    const { status, body } = await get('/api/grid/breaches/districts?asOf=2024-07-31', 'office');
    expect(status).toBe(200);
    expect(body.groups.map((g: any) => [g.name, g.facilityCount, g.facilitiesWithBreach])).toEqual([
      ['五华区', 4, 3],
      ['盘龙区', 3, 2],
    ]);
    const [wuhua, panlong] = body.groups;
    expect(wuhua.steps.application_acceptance).toMatchObject({ breached: 2, met: 1, overdue: 1 });
    expect(wuhua.steps.supply_plan_reply).toMatchObject({ met: 2, breached: 1, not_applicable: 1 });
    expect(wuhua.steps.meter_installation.not_applicable).toBe(4);
    expect(breachRows(wuhua)).toEqual([
      ['F1', 'application_acceptance', 'breached', '2024-02-18', 2, 1],
      ['F2', 'application_acceptance', 'breached', '2024-02-04', 2, 1],
      ['F2', 'supply_plan_reply', 'breached', '2024-02-08', 5, 2],
      ['F4', 'application_acceptance', 'overdue', '2024-07-29', null, 2],
    ]);
    expect(breachRows(panlong)).toEqual([
      ['F5', 'supply_plan_reply', 'breached', '2023-10-09', 4, 1],
      ['F6', 'platform_registration', 'breached', '2024-06-30', null, 1],
    ]);
    expect(body.total).toMatchObject({ facilityCount: 7, facilitiesWithBreach: 5 });
    expect(body.rules.map((r: any) => [r.name, r.limit, r.unit])).toEqual([
      ['业务受理', 1, 'working_days'],
      ['答复供电方案', 3, 'working_days'],
      ['装表接电', 2, 'working_days'],
      ['接入市级平台', 2, 'calendar_months'],
    ]);
  });

  it('lists breaches per operator, facilities without an operator in a group of their own', async () => {
    const { body } = await get('/api/grid/breaches/operators?asOf=2024-07-31', 'leader');
    expect(
      body.groups.map((g: any) => [g.key, g.name, g.facilityCount, g.facilitiesWithBreach, g.breaches.length]),
    ).toEqual([
      [operatorA, '甲充电运营有限公司', 3, 3, 4],
      [operatorB, '乙充电运营有限公司', 3, 2, 2],
      [null, '未指定运营企业（含自用）', 1, 0, 0],
    ]);
    expect(breachRows(body.groups[1])).toEqual([
      ['F4', 'application_acceptance', 'overdue', '2024-07-29', null, 2],
      ['F6', 'platform_registration', 'breached', '2024-06-30', null, 1],
    ]);
  });

  it('scopes a district user to its own district in the query, and refuses another district', async () => {
    const districts = await get('/api/grid/breaches/districts?asOf=2024-07-31', 'wuhua');
    expect(districts.body.groups.map((g: any) => g.name)).toEqual(['五华区']);
    const operators = await get('/api/grid/breaches/operators?asOf=2024-07-31', 'wuhua');
    expect(operators.body.groups.map((g: any) => [g.name, g.facilityCount, g.breaches.length])).toEqual([
      ['甲充电运营有限公司', 2, 3],
      ['乙充电运营有限公司', 2, 1],
    ]);
    const facilities = await get('/api/grid/facilities?asOf=2024-07-31', 'panlong');
    expect(facilities.body.items.map((i: any) => i.code)).toEqual(['F5', 'F6', 'F7']);
    for (const path of ['/api/grid/facilities', '/api/grid/breaches/districts', '/api/grid/breaches/operators']) {
      const refused = await get(`${path}?districtId=${world.panlong}`, 'wuhua');
      expect(refused).toMatchObject({ status: 403, body: { message: '无权访问其他区县的数据' } });
    }
  });

  it('evaluates as of a date inside the National Day 2023 holiday: a reply not yet due is pending', async () => {
    // As of Mon 2023-10-09 F5's reply (10-10) has not happened; its deadline is 10-09: pending, not overdue.
    const { body } = await get(`/api/grid/facilities?asOf=2023-10-09&districtId=${world.panlong}`, 'office');
    expect(body.items.map((i: any) => i.code)).toEqual(['F5', 'F6']);
    expect(body.items[0].steps[1]).toMatchObject({ status: 'pending', deadline: '2023-10-09', endDate: null });
    expect(body.items[1].steps[3].status).toBe('not_applicable'); // accepted in 2024, after asOf
    const day = await get(`/api/grid/facilities?asOf=2023-10-10&districtId=${world.panlong}`, 'office');
    expect(day.body.items[0].steps[1]).toMatchObject({ status: 'breached', used: 4, overrun: 1 });
  });

  it('follows an office correction of the calendar at once (results are computed on read)', async () => {
    // Without the swapped workday Sun 2024-02-04, the first working day after Sat 02-03 is Mon 02-05: F2's 受理 on
    // 02-05 is on time (used 1), and F7's 受理 on Sun 02-04 is on time too (used 0: done on a non-working day).
    const removed = await api.request('DELETE', '/api/working-calendar/days/2024-02-04', { token: token.office });
    expect(removed.status).toBe(200);
    try {
      const { body } = await get('/api/grid/facilities?asOf=2024-07-31', 'office');
      expect(body.items.find((i: any) => i.code === 'F2').steps[0]).toMatchObject({
        used: 1,
        status: 'met',
        deadline: '2024-02-05',
      });
      expect(body.items.find((i: any) => i.code === 'F7').steps[0]).toMatchObject({ used: 0, status: 'met' });
    } finally {
      const restored = await api.request('PUT', '/api/working-calendar/days/2024-02-04', {
        token: token.office,
        body: { kind: 'workday', name: '春节' },
      });
      expect(restored.status).toBe(200);
    }
    const { body } = await get('/api/grid/facilities?asOf=2024-07-31', 'office');
    expect(body.items.find((i: any) => i.code === 'F2').steps[0]).toMatchObject({ used: 2, status: 'breached' });
  });

  it('lists a facility whose deadline falls in a year the calendar lacks, rather than guessing', async () => {
    const community = await insertManagedCommunity(db.dataSource, world.wuhua, 'C530102-0009', '年末小区', null);
    await insertFacility(db.dataSource, 'F9', community, 'public', { gridAppliedOn: '2026-12-31' }, operatorA);
    const { body } = await get(`/api/grid/facilities?asOf=2026-12-31&districtId=${world.wuhua}`, 'office');
    expect(body.calendarGaps).toEqual([
      { facilityId: expect.any(Number), code: 'F9', message: '工作日历未包含 2027 年的节假日安排，请先维护该年度日历' },
    ]);
    expect(body.items.map((i: any) => i.code)).not.toContain('F9');
    const uncovered = await get('/api/grid/facilities?asOf=2027-01-04', 'office');
    expect(uncovered).toMatchObject({
      status: 422,
      body: { message: '工作日历未包含 2027 年的节假日安排，请先维护该年度日历' },
    });
    const bad = await get('/api/grid/facilities?asOf=2024-02-30', 'office');
    expect(bad).toMatchObject({ status: 422, body: { message: '统计截止日期无效：“2024-02-30”，应为 YYYY-MM-DD' } });
    await db.dataSource.query(`DELETE FROM facility WHERE code = 'F9'`);
  });
});
