import ExcelJS from 'exceljs';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  insertCityAndDistrict,
  insertCommunity,
  insertFacility,
  insertUser,
  TEST_PASSWORD,
} from '../support/org-factory';

/**
 * Issue 4 §4 on real PostgreSQL through the HTTP API: imports of the municipal platform's list (.xlsx, .csv, JSON
 * push with an office-issued key), all or nothing, kept as history; and the cross-check of districts' reports
 * against it, per facility and per district, scoped for district users.
 */
describe('municipal platform records: import, push, cross-check', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let leader: string;
  let wuhuaClerk: string;
  let wuhua: number;
  let panlong: number;
  const facility: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ districtId: wuhua } = await insertCityAndDistrict(db.dataSource, '530102', '五华区'));
    ({ districtId: panlong } = await insertCityAndDistrict(db.dataSource, '530103', '盘龙区'));
    const cuihu = await insertCommunity(db.dataSource, wuhua, 'C530102-0001', '翠湖花园');
    const jiangpan = await insertCommunity(db.dataSource, panlong, 'C530103-0001', '江畔小区');
    // What the districts reported (the register after acceptance):
    facility.F1 = await insertFacility(db.dataSource, cuihu, 'F530102-000001', {
      platformId: 'P-001',
      platformConnectedOn: '2026-03-15',
      acPiles: 4,
      dcPiles: 1,
      totalKw: '88',
    });
    facility.F2 = await insertFacility(db.dataSource, cuihu, 'F530102-000002', {
      platformId: 'P-002',
      platformConnectedOn: '2026-04-01',
      acPiles: 2,
      totalKw: '14',
    });
    facility.F3 = await insertFacility(db.dataSource, jiangpan, 'F530103-000001', {
      platformId: 'P-003',
      platformConnectedOn: '2026-05-01',
      acPiles: 2,
      totalKw: '14',
    });
    await insertUser(db.dataSource, 'office1', 'office');
    await insertUser(db.dataSource, 'leader1', 'leader');
    await insertUser(db.dataSource, 'wh', 'district', wuhua);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office1', TEST_PASSWORD);
    leader = await api.login('leader1', TEST_PASSWORD);
    wuhuaClerk = await api.login('wh', TEST_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const upload = async (bytes: Buffer, name: string, token = office, scope?: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${api.baseUrl}/api/platform/imports${scope ? `?scope=${scope}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const push = async (key: string | undefined, body: unknown) => {
    const response = await fetch(`${api.baseUrl}/api/platform/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key !== undefined ? { 'x-platform-key': key } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const counts = async () => {
    const [row] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM platform_import) AS imports,
              (SELECT count(*)::int FROM platform_facility_record) AS records,
              (SELECT count(*)::int FROM platform_monthly_energy) AS months,
              (SELECT count(*)::int FROM audit_event WHERE action = 'platform.import') AS audits`,
    );
    return row as { imports: number; records: number; months: number; audits: number };
  };

  const workbook = async (rows: unknown[][]) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('接入设施清单');
    rows.forEach((row) => sheet.addRow(row));
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  const HEADER = ['平台编号', '站点名称', '所属区县', '接入日期', '交流桩数', '直流桩数', '总功率（kW）'];

  it('imports a good .xlsx (full) in one transaction, with its months and an audit event', async () => {
    const bytes = await workbook([
      [...HEADER, '2026-09充电量（kWh）', '2026-10充电量（kWh）'],
      ['P-001', '翠湖花园站', '五华区', '2026-03-15', 4, 1, 88, 1200, 1350.5],
      ['P-003', '江畔站', '盘龙区', '2026-05-01', 3, 0, 14, null, 300],
      ['P-009', '未报送站', '530103', '2026-06-01', 2, 0, 14, null, null],
    ]);
    const { status, body } = await upload(bytes, '市级平台导出.xlsx');
    expect(status).toBe(201);
    expect(body).toMatchObject({
      source: 'xlsx',
      sourceLabel: 'Excel 文件',
      scope: 'full',
      scopeLabel: '全量',
      fileName: '市级平台导出.xlsx',
      recordCount: 3,
      monthlyRowCount: 3,
      importedByName: 'office1',
    });
    expect(await counts()).toEqual({ imports: 1, records: 3, months: 3, audits: 1 });
    const view = await api.request('GET', `/api/platform/imports/${body.id}`, { token: leader });
    expect(view.body.records.map((r: any) => [r.platformId, r.districtName, r.monthlyKwh])).toEqual([
      [
        'P-001',
        '五华区',
        [
          { month: '2026-09', kwh: '1200.000' },
          { month: '2026-10', kwh: '1350.500' },
        ],
      ],
      ['P-003', '盘龙区', [{ month: '2026-10', kwh: '300.000' }]],
      ['P-009', '盘龙区', []],
    ]);
  });

  it('refuses the same file a second time and writes nothing', async () => {
    const before = await counts();
    const bytes = await workbook([HEADER, ['P-777', null, null, '2026-01-01', 1, 0, 7]]);
    expect((await upload(bytes, 'a.xlsx')).status).toBe(201);
    const again = await upload(bytes, 'a-副本.xlsx');
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/^该文件已于 \d{4}-\d{2}-\d{2} 导入（导入批次 #\d+），未重复导入$/);
    expect((await counts()).imports).toBe(before.imports + 1);
    // Restore the platform's list for the cross-check below: a full import without P-777.
    const restore = await workbook([
      HEADER,
      ['P-001', '翠湖花园站', '五华区', '2026-03-15', 4, 1, 88],
      ['P-003', '江畔站', '盘龙区', '2026-05-01', 3, 0, 14],
      ['P-009', '未报送站', '盘龙区', '2026-06-01', 2, 0, 14],
    ]);
    expect((await upload(restore, 'restore.xlsx')).status).toBe(201);
  });

  it('refuses a .csv with bad cells: every error at once, nothing written', async () => {
    const before = await counts();
    const csv = [
      '平台编号,所属区县,接入日期,交流桩数,直流桩数,总功率（kW）,统一社会信用代码',
      'P-100,五华区,2026-02-30,2,0,14,',
      ',西城区,2026-03-01,-1,0,14,',
      'P-100,五华区,2026-03-01,2,0,0,91530100MA6K0AC42P',
    ].join('\n');
    const { status, body } = await upload(Buffer.from(csv), '错误.csv');
    expect(status).toBe(422);
    expect(body.message).toBe('市级平台数据有 7 处错误，未导入任何数据；请修改后重新导入');
    expect(body.details.map((e: any) => [e.row, e.column, e.value, e.message])).toEqual([
      [2, '接入日期', '2026-02-30', expect.stringContaining('2026-02-30')],
      [3, '平台编号', null, '此项为必填，不能为空'],
      [3, '交流桩数', '-1', '应为 0 到 100000 之间的整数，实际为「-1」'],
      [3, '所属区县', '西城区', '所属区县「西城区」不是本市的区县（园区）名称或代码'],
      [4, '统一社会信用代码', '91530100MA6K0AC42P', '统一社会信用代码校验位错误，应为 N'],
      [4, '总功率（kW）', '0', '有充电桩时总功率应大于 0'],
      [4, '平台编号', 'P-100', '平台编号「P-100」与第 2 行重复：每个设施只能出现一次'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a hostile or foreign file at the door, and a district user outright', async () => {
    const before = await counts();
    const notXlsx = await upload(Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx');
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.details[0].message).toMatch(/文件/);
    expect((await upload(Buffer.from('a,b'), 'x.csv', wuhuaClerk)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('cross-checks the districts against the platform, per facility and per district', async () => {
    // Platform now: P-001 (agrees with F1), P-003 (3 AC piles where 盘龙 reports 2), P-009 (盘龙, no facility).
    // F2 (五华) reports P-002, which the platform does not list.
    const { status, body } = await api.request('GET', '/api/platform/cross-check', { token: office });
    expect(status).toBe(200);
    expect(body.facilities.map((f: any) => [f.facility.code, f.issues.map((i: any) => i.kind)])).toEqual([
      ['F530102-000002', ['reported_not_connected']],
      ['F530103-000001', ['pile_mismatch']],
    ]);
    expect(body.unreported.map((r: any) => [r.platformId, r.districtName, r.label])).toEqual([
      ['P-009', '盘龙区', '平台已接入但区县未报送'],
    ]);
    expect(body.districts).toEqual([
      {
        districtId: wuhua,
        districtName: '五华区',
        reportedConnected: 2,
        matched: 1,
        reportedNotConnected: 1,
        connectedNotReported: 0,
        mismatched: 0,
      },
      {
        districtId: panlong,
        districtName: '盘龙区',
        reportedConnected: 1,
        matched: 1,
        reportedNotConnected: 0,
        connectedNotReported: 1,
        mismatched: 1,
      },
    ]);
    expect(body.totals).toEqual({
      reportedConnected: 3,
      matched: 2,
      reportedNotConnected: 1,
      connectedNotReported: 1,
      mismatched: 1,
    });
    expect((await api.request('GET', '/api/platform/cross-check', { token: leader })).body.totals).toEqual(body.totals);
  });

  it('shows a district user its own district only, and refuses another district', async () => {
    const own = await api.request('GET', '/api/platform/cross-check', { token: wuhuaClerk });
    expect(own.status).toBe(200);
    expect(own.body.districts.map((d: any) => d.districtName)).toEqual(['五华区']);
    expect(own.body.facilities.map((f: any) => f.facility.code)).toEqual(['F530102-000002']);
    expect(own.body.unreported).toEqual([]);
    const foreign = await api.request('GET', `/api/platform/cross-check?districtId=${panlong}`, { token: wuhuaClerk });
    expect(foreign).toMatchObject({ status: 403, body: { message: '无权访问其他区县的数据' } });
    const one = await api.request('GET', `/api/platform/cross-check?districtId=${panlong}`, { token: office });
    expect(one.body.districts.map((d: any) => d.districtName)).toEqual(['盘龙区']);
  });

  describe('the platform push', () => {
    let key: string;
    let keyId: number;

    it('issues a key shown once and stored only as a hash', async () => {
      const issued = await api.request('POST', '/api/platform/api-keys', {
        token: office,
        body: { name: '市级监测平台' },
      });
      expect(issued.status).toBe(201);
      key = issued.body.key;
      keyId = issued.body.id;
      expect(key).toMatch(/^kmp_[A-Za-z0-9_-]{43}$/);
      expect(issued.body.keyPrefix).toBe(key.slice(0, 12));
      const [stored] = await db.dataSource.query(`SELECT key_hash FROM platform_api_key WHERE id = $1`, [keyId]);
      expect(stored.key_hash).not.toContain(key.slice(4, 20));
      const list = await api.request('GET', '/api/platform/api-keys', { token: office });
      expect(JSON.stringify(list.body)).not.toContain(key);
    });

    const record = {
      platformId: 'P-002',
      district: '五华区',
      connectedOn: '2026-04-01',
      acPiles: 2,
      dcPiles: 0,
      totalKw: '14',
      monthlyKwh: [{ month: '2026-10', kwh: 512.25 }],
    };

    it('refuses a missing, wrong or user key with 401 and writes nothing', async () => {
      const before = await counts();
      expect(await push(undefined, { records: [record] })).toEqual({
        status: 401,
        body: {
          statusCode: 401,
          error: 'unauthenticated',
          message: '缺少平台接口密钥：请在请求头 X-Platform-Key 中提供市发展改革委发放的密钥',
        },
      });
      expect((await push('kmp_wrong', { records: [record] })).body.message).toBe(
        '平台接口密钥无效或已停用，请联系市发展改革委',
      );
      const withToken = await fetch(`${api.baseUrl}/api/platform/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${office}` },
        body: JSON.stringify({ records: [record] }),
      });
      expect(withToken.status).toBe(401);
      expect(await counts()).toEqual(before);
    });

    it('refuses a bad push with every error, by record and field, and writes nothing', async () => {
      const before = await counts();
      const { status, body } = await push(key, {
        scope: 'everything',
        records: [
          { ...record, acPiles: '两台', colour: 'red' },
          { ...record, platformId: 'P-004', connectedOn: null, monthlyKwh: [{ month: '2026-13', kwh: 1 }] },
        ],
      });
      expect(status).toBe(422);
      expect(body.details.map((e: any) => [e.row, e.column, e.message])).toEqual([
        [null, 'scope', '「scope」应为 "incremental"（增量，默认）或 "full"（全量）'],
        [1, 'colour', expect.stringContaining('不认识的字段「colour」')],
        [1, 'acPiles', '应为 0 到 100000 之间的整数，实际为「两台」'],
        [2, 'monthlyKwh', '月份应为 YYYY-MM，实际为「2026-13」'],
        [2, 'connectedOn', '此项为必填，不能为空'],
      ]);
      expect(await counts()).toEqual(before);
    });

    it('takes a good push as an incremental import: P-002 joins, the others stay current', async () => {
      const { status, body } = await push(key, { records: [record] });
      expect(status).toBe(201);
      expect(body).toMatchObject({ source: 'api', scope: 'incremental', recordCount: 1, apiKeyName: '市级监测平台' });
      const [audit] = await db.dataSource.query(
        `SELECT actor_name, after FROM audit_event WHERE action = 'platform.import' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toMatchObject({
        actor_name: '市级平台接口（市级监测平台）',
        after: { apiKeyId: keyId, records: 1 },
      });
      const check = await api.request('GET', '/api/platform/cross-check', { token: office });
      expect(check.body.totals).toMatchObject({ matched: 3, reportedNotConnected: 0, connectedNotReported: 1 });
      const [{ last_used_at }] = await db.dataSource.query(`SELECT last_used_at FROM platform_api_key WHERE id = $1`, [
        keyId,
      ]);
      expect(last_used_at).not.toBeNull();
    });

    it('drops the ids a full push leaves out, keeping every earlier import as it was', async () => {
      const before = await db.dataSource.query(`SELECT * FROM platform_facility_record ORDER BY id`);
      expect((await push(key, { scope: 'full', records: [record, { ...record, platformId: 'P-001' }] })).status).toBe(
        201,
      );
      // P-001 now carries P-002's figures (2 AC, 14 kW): F1 mismatches; P-003 and P-009 are no longer connected.
      const check = await api.request('GET', '/api/platform/cross-check', { token: office });
      expect(check.body.facilities.map((f: any) => [f.facility.code, f.issues.map((i: any) => i.kind)])).toEqual([
        ['F530102-000001', ['connection_date_mismatch', 'pile_mismatch', 'power_mismatch']],
        ['F530103-000001', ['reported_not_connected']],
      ]);
      expect(check.body.unreported).toEqual([]);
      expect(
        await db.dataSource.query(`SELECT * FROM platform_facility_record WHERE id <= $1 ORDER BY id`, [
          before[before.length - 1].id,
        ]),
      ).toEqual(before);
    });

    it('rotates a key (the old one stops at once) and revokes one', async () => {
      const rotated = await api.request('POST', `/api/platform/api-keys/${keyId}/rotate`, { token: office });
      expect(rotated.status).toBe(200);
      expect(rotated.body.key).not.toBe(key);
      expect((await push(key, { records: [record] })).status).toBe(401);
      expect((await push(rotated.body.key, { records: [record] })).status).toBe(201);
      const revoked = await api.request('POST', `/api/platform/api-keys/${rotated.body.id}/revoke`, { token: office });
      expect(revoked.status).toBe(200);
      expect((await push(rotated.body.key, { records: [record] })).status).toBe(401);
      const trail = await db.dataSource.query(
        `SELECT action FROM audit_event WHERE entity_type = 'platform_api_key' ORDER BY id`,
      );
      expect(trail.map((t: any) => t.action)).toEqual([
        'platform.key.issue',
        'platform.key.rotate',
        'platform.key.revoke',
      ]);
    });
  });

  it('keeps imports as history: the database refuses changing or deleting them', async () => {
    for (const sql of [
      `UPDATE platform_facility_record SET ac_piles = 99`,
      `DELETE FROM platform_monthly_energy`,
      `UPDATE platform_import SET scope = 'incremental'`,
    ]) {
      await expect(db.dataSource.query(sql)).rejects.toThrow('市级平台导入记录不可修改或删除');
    }
  });
});
