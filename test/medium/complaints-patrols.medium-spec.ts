import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  FIXTURE_PASSWORD,
  FixtureWorld,
  insertCompany,
  insertManagedCommunity,
  insertTwoDistrictsAndUsers,
} from '../support/rating-fixtures';

/**
 * The complaint workflow (Jinpu §二(五)): a district registers a complaint about a company in its own district, the
 * office confirms or dismisses it with a reason, a decision is final. Patrol records: recorded by the district,
 * rectification added later. Every write is audited; bad input changes nothing.
 */
describe('complaints and patrol records over HTTP on real PostgreSQL', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let world: FixtureWorld;
  let companyWuhua: number;
  let companyPanlong: number;
  let wuhuaCommunity: number;
  let panlongCommunity: number;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await insertTwoDistrictsAndUsers(db.dataSource);
    companyWuhua = await insertCompany(db.dataSource, '昆明春城物业服务有限公司');
    companyPanlong = await insertCompany(db.dataSource, '云南滇池物业管理有限公司');
    wuhuaCommunity = await insertManagedCommunity(db.dataSource, world.wuhua, 'C530102-0001', '翠湖小区', companyWuhua);
    panlongCommunity = await insertManagedCommunity(
      db.dataSource,
      world.panlong,
      'C530103-0001',
      '金星小区',
      companyPanlong,
    );
    api = await startApi(db.url, { REDIS_URL: '' });
    for (const name of ['office', 'leader', 'wuhua', 'panlong']) token[name] = await api.login(name, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const call = (method: string, path: string, who: string, body?: unknown) =>
    api.request(method, path, { token: token[who], body });
  const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);
  const lastAudit = async (action: string) =>
    (
      await db.dataSource.query(
        `SELECT actor_name, district_id, entity_id, before, after FROM audit_event WHERE action = $1 ORDER BY id DESC LIMIT 1`,
        [action],
      )
    )[0];

  describe('complaints', () => {
    let complaintId: number;

    it('lets a district register a complaint about a community of its own, defaulting to its company', async () => {
      const { status, body } = await call('POST', '/api/complaints', 'wuhua', {
        communityId: wuhuaCommunity,
        kind: 'obstruction',
        facilityUsage: 'self_use',
        receivedOn: '2025-08-01',
        description: '业主反映物业公司拒绝出具自用充电桩安装同意证明。',
      });
      expect(status).toBe(201);
      complaintId = body.id;
      expect(body).toMatchObject({
        propertyCompanyId: companyWuhua,
        propertyCompanyName: '昆明春城物业服务有限公司',
        communityName: '翠湖小区',
        districtId: world.wuhua,
        districtName: '五华区',
        status: 'registered',
        registeredByName: '五华区发展和改革局',
        decidedAt: null,
      });
      expect(await lastAudit('complaint.register')).toMatchObject({
        actor_name: '五华区发展和改革局',
        district_id: world.wuhua,
        entity_id: String(complaintId),
        after: { kind: 'obstruction', facilityUsage: 'self_use', propertyCompany: '昆明春城物业服务有限公司' },
      });
    });

    it('refuses a complaint about another district’s community, or a company not working in the district', async () => {
      const before = await count('complaint');
      const foreign = await call('POST', '/api/complaints', 'wuhua', {
        communityId: panlongCommunity,
        kind: 'other',
        receivedOn: '2025-08-01',
        description: '业主反映充电车位被占用。',
      });
      expect(foreign).toMatchObject({ status: 403, body: { message: '无权访问其他区县的数据' } });
      const otherCompany = await call('POST', '/api/complaints', 'wuhua', {
        communityId: wuhuaCommunity,
        propertyCompanyId: companyPanlong,
        kind: 'other',
        receivedOn: '2025-08-01',
        description: '业主反映充电车位被占用。',
      });
      expect(otherCompany).toMatchObject({ status: 403, body: { message: '只能登记本区县在管物业服务企业的投诉' } });
      expect(await count('complaint')).toBe(before);
    });

    it('gives every problem of a bad complaint at once, in Chinese, and writes nothing', async () => {
      const before = await count('complaint');
      const bad = await call('POST', '/api/complaints', 'office', {
        communityId: wuhuaCommunity,
        kind: 'obstruction',
        receivedOn: '2099-01-01',
        description: '太短',
      });
      expect(bad.status).toBe(422);
      expect(bad.body).toEqual({
        statusCode: 422,
        error: 'validation',
        message: '投诉信息不正确',
        details: [
          '受理日期 2099-01-01 晚于今天，请核对',
          '投诉内容至少 5 个字',
          '阻挠类投诉须注明受阻的是公用充电设施还是自用充电设施',
        ],
      });
      const malformed = await call('POST', '/api/complaints', 'office', {
        communityId: 'x',
        kind: 'rude',
        receivedOn: '2025-02-30',
        description: 5,
      });
      expect(malformed.status).toBe(422);
      expect(malformed.body.details.map((d: any) => d.field).sort()).toEqual(
        ['communityId', 'description', 'kind'].sort(),
      );
      const impossibleDate = await call('POST', '/api/complaints', 'office', {
        communityId: wuhuaCommunity,
        kind: 'other',
        receivedOn: '2025-02-30',
        description: '业主反映充电车位被占用。',
      });
      expect(impossibleDate.body.details).toEqual(['受理日期无效：“2025-02-30”，应为 YYYY-MM-DD']);
      const missing = await call('POST', '/api/complaints', 'office', {
        communityId: 99999999,
        kind: 'other',
        receivedOn: '2025-02-01',
        description: '业主反映充电车位被占用。',
      });
      expect(missing).toMatchObject({ status: 404, body: { message: '社区不存在' } });
      expect(await count('complaint')).toBe(before);
    });

    it('scopes lists and details to the district, and refuses another district’s', async () => {
      await call('POST', '/api/complaints', 'panlong', {
        communityId: panlongCommunity,
        kind: 'other',
        receivedOn: '2025-04-01',
        description: '业主反映充电区域堆放杂物。',
      });
      const mine = await call('GET', '/api/complaints', 'wuhua');
      expect(mine.body.items.map((c: any) => c.districtName)).toEqual(['五华区']);
      const all = await call('GET', '/api/complaints?year=2025', 'leader');
      expect(all.body.total).toBe(2);
      expect((await call('GET', `/api/complaints?districtId=${world.panlong}`, 'wuhua')).status).toBe(403);
      const theirs = all.body.items.find((c: any) => c.districtName === '盘龙区');
      expect((await call('GET', `/api/complaints/${theirs.id}`, 'wuhua')).status).toBe(403);
      expect((await call('GET', `/api/complaints/${complaintId}`, 'wuhua')).status).toBe(200);
      expect((await call('GET', '/api/complaints/99999999', 'office')).body.message).toBe('投诉不存在');
    });

    it('lets only the office decide, with a reason; a decision is final', async () => {
      expect((await call('POST', `/api/complaints/${complaintId}/confirm`, 'wuhua', { reason: '属实' })).status).toBe(
        403,
      );
      const noReason = await call('POST', `/api/complaints/${complaintId}/confirm`, 'office', { reason: '  ' });
      expect(noReason).toMatchObject({ status: 422, body: { message: '请填写认定理由（至少 2 个字）' } });
      const confirmed = await call('POST', `/api/complaints/${complaintId}/confirm`, 'office', {
        reason: '经核查，该车位为业主自有产权车位且满足消防要求，情况属实。',
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        decidedByName: '市发展改革委',
        decisionNote: '经核查，该车位为业主自有产权车位且满足消防要求，情况属实。',
      });
      expect(await lastAudit('complaint.confirm')).toMatchObject({
        entity_id: String(complaintId),
        district_id: world.wuhua,
        before: { status: 'registered' },
        after: { status: 'confirmed' },
      });
      const again = await call('POST', `/api/complaints/${complaintId}/dismiss`, 'office', { reason: '重新认定' });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/^该投诉已于 \d{4}-\d{2}-\d{2} 认定属实，不能再次处理$/);
      await expect(
        db.dataSource.query(`UPDATE complaint SET status = 'dismissed' WHERE id = $1`, [complaintId]),
      ).rejects.toThrow('已认定的投诉不可修改或删除');
      await expect(db.dataSource.query(`DELETE FROM complaint WHERE id = $1`, [complaintId])).rejects.toThrow(
        '已认定的投诉不可修改或删除',
      );
      // The database also refuses a decision without its reason, whatever the caller.
      await expect(
        db.dataSource.query(
          `UPDATE complaint SET status = 'dismissed', decided_at = now(), decided_by = $1 WHERE status = 'registered'`,
          [world.users.office],
        ),
      ).rejects.toThrow(/CHK_complaint_decision_note/);
    });
  });

  describe('patrol records', () => {
    let patrolId: number;

    it('records a patrol that found an issue, defaulting to the community’s company', async () => {
      const { status, body } = await call('POST', '/api/patrols', 'wuhua', {
        communityId: wuhuaCommunity,
        patrolledOn: '2025-03-10',
        inspector: '物业安全员 张伟',
        result: 'issues_found',
        issues: '充电区域灭火器压力不足',
      });
      expect(status).toBe(201);
      patrolId = body.id;
      expect(body).toMatchObject({
        propertyCompanyName: '昆明春城物业服务有限公司',
        districtName: '五华区',
        result: 'issues_found',
        rectifiedOn: null,
        recordedByName: '五华区发展和改革局',
      });
      expect(await lastAudit('patrol.record')).toMatchObject({ entity_id: String(patrolId), district_id: world.wuhua });
    });

    it('refuses bad records with every reason, a second record the same day, and another district’s community', async () => {
      const before = await count('safety_patrol');
      const bad = await call('POST', '/api/patrols', 'wuhua', {
        communityId: wuhuaCommunity,
        patrolledOn: '2099-03-10',
        result: 'issues_found',
      });
      expect(bad.body).toMatchObject({
        message: '巡查记录不正确',
        details: ['巡查日期 2099-03-10 晚于今天，请核对', '巡查发现问题时须填写问题描述'],
      });
      const contradiction = await call('POST', '/api/patrols', 'wuhua', {
        communityId: wuhuaCommunity,
        patrolledOn: '2025-03-11',
        result: 'no_issues',
        issues: '无',
        rectifiedOn: '2025-03-12',
      });
      expect(contradiction.body.details).toEqual([
        '未发现问题的巡查不应填写问题描述',
        '未发现问题的巡查记录无需登记整改',
      ]);
      const early = await call('POST', '/api/patrols', 'wuhua', {
        communityId: wuhuaCommunity,
        patrolledOn: '2025-03-11',
        result: 'issues_found',
        issues: '线缆破损',
        rectifiedOn: '2025-03-01',
      });
      expect(early.body.details).toEqual(['整改完成日期 2025-03-01 早于巡查日期 2025-03-11']);
      const sameDay = await call('POST', '/api/patrols', 'office', {
        communityId: wuhuaCommunity,
        patrolledOn: '2025-03-10',
        result: 'no_issues',
      });
      expect(sameDay).toMatchObject({ status: 409, body: { message: '该社区 2025-03-10 已有巡查记录' } });
      const foreign = await call('POST', '/api/patrols', 'wuhua', {
        communityId: panlongCommunity,
        patrolledOn: '2025-03-10',
        result: 'no_issues',
      });
      expect(foreign.status).toBe(403);
      expect(await count('safety_patrol')).toBe(before);
    });

    it('records the rectification once, checking dates and scope', async () => {
      const foreign = await call('PATCH', `/api/patrols/${patrolId}/rectification`, 'panlong', {
        rectifiedOn: '2025-03-20',
      });
      expect(foreign.status).toBe(403);
      const missing = await call('PATCH', `/api/patrols/${patrolId}/rectification`, 'wuhua', {});
      expect(missing).toMatchObject({ status: 422, body: { message: '请填写整改完成日期' } });
      const early = await call('PATCH', `/api/patrols/${patrolId}/rectification`, 'wuhua', {
        rectifiedOn: '2025-03-09',
      });
      expect(early.body.details).toEqual(['整改完成日期 2025-03-09 早于巡查日期 2025-03-10']);
      const done = await call('PATCH', `/api/patrols/${patrolId}/rectification`, 'wuhua', {
        rectifiedOn: '2025-03-20',
        note: '已更换灭火器',
      });
      expect(done.body).toMatchObject({ rectifiedOn: '2025-03-20', rectificationNote: '已更换灭火器' });
      expect(await lastAudit('patrol.rectify')).toMatchObject({
        before: { rectifiedOn: null },
        after: { rectifiedOn: '2025-03-20', rectificationNote: '已更换灭火器' },
      });
      const again = await call('PATCH', `/api/patrols/${patrolId}/rectification`, 'office', {
        rectifiedOn: '2025-03-21',
      });
      expect(again).toMatchObject({ status: 409, body: { message: '该隐患已于 2025-03-20 登记整改完成' } });
    });

    it('lists patrols in scope, with the open issues filter', async () => {
      await call('POST', '/api/patrols', 'panlong', {
        communityId: panlongCommunity,
        patrolledOn: '2025-05-06',
        result: 'issues_found',
        issues: '充电桩线缆外皮破损',
      });
      const open = await call('GET', '/api/patrols?openOnly=true', 'office');
      expect(open.body.items.map((p: any) => [p.communityName, p.patrolledOn])).toEqual([['金星小区', '2025-05-06']]);
      const mine = await call('GET', '/api/patrols', 'wuhua');
      expect(mine.body.items.map((p: any) => p.communityName)).toEqual(['翠湖小区']);
      expect((await call('GET', `/api/patrols?districtId=${world.panlong}`, 'wuhua')).status).toBe(403);
      const leader = await call('POST', '/api/patrols', 'leader', {
        communityId: wuhuaCommunity,
        patrolledOn: '2025-06-01',
        result: 'no_issues',
      });
      expect(leader.status).toBe(403);
    });
  });
});
