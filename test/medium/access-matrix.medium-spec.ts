import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';

const MONTH = shanghaiMonth(new Date());

type Caller = 'anonymous' | 'office' | 'leader' | 'district' | 'foreign';
/** List routes scoped by a districtId query parameter. */
const DISTRICT_QUERY = [
  '/api/communities',
  '/api/anomaly-flags',
  '/api/platform/cross-check',
  '/api/subsidy/eligibility',
  '/api/subsidy/service-surveys',
  '/api/complaints',
  '/api/patrols',
  '/api/grid/facilities',
  '/api/grid/breaches/districts',
  '/api/grid/breaches/operators',
];
const CALLERS: Caller[] = ['anonymous', 'office', 'leader', 'district', 'foreign'];

/**
 * Who may call what. `district` is a district user acting on its own district's data, `foreign` the same user on
 * another district's data (the path names the other district or one of its objects). Every route in the OpenAPI
 * document must appear here: a new route without a rule fails this suite.
 */
const RULES: Record<string, Caller[]> = {
  'GET /api/health': CALLERS,
  'POST /api/auth/login': CALLERS,
  'GET /api/auth/me': ['office', 'leader', 'district', 'foreign'],
  'POST /api/auth/password': ['office', 'leader', 'district', 'foreign'],
  'GET /api/users': ['office'],
  'POST /api/users': ['office'],
  'POST /api/users/{id}/disable': ['office'],
  'POST /api/users/{id}/enable': ['office'],
  'GET /api/audit-events': ['office'],
  'GET /api/progress': ['office', 'leader', 'district', 'foreign'],
  'GET /api/progress/trend': ['office', 'leader', 'district'],
  'GET /api/progress/regions': ['office', 'leader'],
  'GET /api/target-plans': ['office', 'leader', 'district', 'foreign'],
  'PUT /api/target-plans/{id}/districts/{districtId}/target': ['office'],
  'GET /api/periods/{month}/comments': ['office', 'leader', 'district', 'foreign'],
  'PUT /api/periods/{month}/districts/{districtId}/comment': ['office'],
  'DELETE /api/periods/{month}/districts/{districtId}/comment': ['office'],
  'GET /api/rankings/settings': ['office'],
  'PUT /api/rankings/settings': ['office'],
  'GET /api/rankings': ['office', 'leader', 'district', 'foreign'],
  'POST /api/rankings': ['office'],
  'GET /api/rankings/{id}': ['office', 'leader', 'district', 'foreign'],
  'POST /api/rankings/{id}/publish': ['office'],
  'GET /api/districts': ['office', 'leader', 'district', 'foreign'],
  'GET /api/communities': ['office', 'leader', 'district'],
  'GET /api/communities/{id}': ['office', 'leader', 'district'],
  'GET /api/notifications': ['office', 'leader', 'district', 'foreign'],
  'POST /api/notifications/read-all': ['office', 'leader', 'district', 'foreign'],
  'POST /api/notifications/{id}/read': ['office', 'leader', 'district', 'foreign'],
  'GET /api/webhooks': ['office'],
  'POST /api/webhooks': ['office'],
  'PATCH /api/webhooks/{id}': ['office'],
  'POST /api/webhooks/{id}/disable': ['office'],
  'GET /api/calendar/settings': ['office'],
  'PUT /api/calendar/settings': ['office'],
  'GET /api/calendar/steps': ['office'],
  'PATCH /api/periods/{month}/deadline': ['office'],
  'GET /api/periods/{month}/status': ['office', 'leader', 'district', 'foreign'],
  'GET /api/periods/{month}/districts/{districtId}/report': ['office', 'leader', 'district'],
  'GET /api/periods/{month}/districts/{districtId}/template': ['office', 'district'],
  'POST /api/periods/{month}/districts/{districtId}/uploads': ['office', 'district'],
  'GET /api/uploads/{id}': ['office', 'leader', 'district'],
  'GET /api/versions/{id}/file': ['office', 'leader', 'district'],
  'POST /api/versions/{id}/accept': ['office'],
  'POST /api/versions/{id}/return': ['office'],
  'GET /api/anomaly-flags': ['office', 'leader', 'district'],
  'GET /api/anomaly-flags/settings': ['office'],
  'PUT /api/anomaly-flags/settings': ['office'],
  'POST /api/anomaly-flags/{id}/confirm': ['office'],
  'POST /api/platform/imports': ['office'],
  'GET /api/platform/imports': ['office', 'leader'],
  'GET /api/platform/imports/{id}': ['office', 'leader'],
  // The municipal platform's key, not a user's token: every user (and no key at all) gets 401.
  'POST /api/platform/records': [],
  'GET /api/platform/api-keys': ['office'],
  'POST /api/platform/api-keys': ['office'],
  'POST /api/platform/api-keys/{id}/rotate': ['office'],
  'POST /api/platform/api-keys/{id}/revoke': ['office'],
  'GET /api/platform/cross-check': ['office', 'leader', 'district'],
  'GET /api/subsidy/settings': ['office'],
  'PUT /api/subsidy/settings': ['office'],
  'GET /api/subsidy/eligibility': ['office', 'leader', 'district'],
  'POST /api/subsidy/service-surveys': ['office'],
  'GET /api/subsidy/service-surveys': ['office', 'leader', 'district'],
  'GET /api/subsidy/rounds': ['office', 'leader', 'district', 'foreign'],
  'POST /api/subsidy/rounds': ['office'],
  // A round is city-wide: the foreign caller is the same district user; a draft answers it 404, not 403.
  'GET /api/subsidy/rounds/{id}': ['office', 'leader', 'district', 'foreign'],
  'POST /api/subsidy/rounds/{id}/confirm': ['office'],
  'DELETE /api/subsidy/rounds/{id}': ['office'],
  'GET /api/working-calendar': ['office', 'leader', 'district', 'foreign'],
  'POST /api/working-calendar': ['office'],
  'GET /api/working-calendar/{year}': ['office', 'leader', 'district', 'foreign'],
  'PUT /api/working-calendar/days/{date}': ['office'],
  'DELETE /api/working-calendar/days/{date}': ['office'],
  'GET /api/grid/facilities': ['office', 'leader', 'district'],
  'GET /api/grid/breaches/districts': ['office', 'leader', 'district'],
  'GET /api/grid/breaches/operators': ['office', 'leader', 'district'],
  'GET /api/complaints': ['office', 'leader', 'district'],
  // The community named in the body decides the district; an empty body meets validation for both. A foreign
  // community is refused with 403: test/medium/complaints-patrols.medium-spec.ts.
  'POST /api/complaints': ['office', 'district', 'foreign'],
  'GET /api/complaints/{id}': ['office', 'leader', 'district'],
  'POST /api/complaints/{id}/confirm': ['office'],
  'POST /api/complaints/{id}/dismiss': ['office'],
  'GET /api/patrols': ['office', 'leader', 'district'],
  'POST /api/patrols': ['office', 'district', 'foreign'],
  'PATCH /api/patrols/{id}/rectification': ['office', 'district'],
  'GET /api/ratings/settings': ['office'],
  'PUT /api/ratings/settings': ['office'],
  'GET /api/ratings': ['office', 'leader', 'district', 'foreign'],
  'POST /api/ratings': ['office'],
  'GET /api/ratings/{id}': ['office', 'leader', 'district', 'foreign'],
  'POST /api/ratings/{id}/confirm': ['office'],
  // A district may request (its own raw data; the builder refuses other kinds with 403, checked in exports.medium-spec).
  'POST /api/exports': ['office', 'leader', 'district', 'foreign'],
  'GET /api/exports': ['office', 'leader', 'district', 'foreign'],
  // Someone else's export answers 404, not 403 (no hint that it exists): checked below.
  'GET /api/exports/{id}': ['office', 'leader', 'district', 'foreign'],
  'GET /api/exports/{id}/file': ['office', 'leader', 'district', 'foreign'],
  'GET /api/bulletins/{month}/print': ['office', 'leader'],
  'GET /api/assets/apexcharts.min.js': CALLERS,
};

describe('the access matrix: every documented route, as every role and as a foreign district', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  const tokens: Partial<Record<Caller, string>> = {};
  /** Path parameters per route: own-district objects, and for `foreign` the other district's. */
  let own: Record<string, string>;
  let foreign: Record<string, string>;
  let documented: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    await backfillSnapshots(db.dataSource, MONTH, MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    tokens.office = await api.login('office', DEMO_PASSWORD);
    tokens.leader = await api.login('leader', DEMO_PASSWORD);
    tokens.district = await api.login('wuhua', DEMO_PASSWORD);
    tokens.foreign = tokens.district;
    const panlongToken = await api.login('panlong', DEMO_PASSWORD);

    const [wuhua] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    const [panlong] = await db.dataSource.query(`SELECT id FROM district WHERE name = '盘龙区'`);
    const community = async (districtId: number) =>
      (
        await db.dataSource.query(`SELECT id FROM community WHERE district_id = $1 ORDER BY id LIMIT 1`, [districtId])
      )[0].id;
    // One version per district, made through the API as each district would.
    const versionOf = async (districtId: number, token: string) => {
      const template = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${districtId}/template`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await template.arrayBuffer())]), 't.xlsx');
      const receipt = (await (
        await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${districtId}/uploads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        })
      ).json()) as { uploadId: string };
      // Up to 60 s: on a loaded machine the first parse also starts the parse thread.
      for (let i = 0; i < 600; i++) {
        const [row] = await db.dataSource.query(`SELECT status, version_id FROM report_upload WHERE id = $1`, [
          receipt.uploadId,
        ]);
        if (row.version_id) return { uploadId: receipt.uploadId, versionId: String(row.version_id) };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the upload did not become a version');
    };
    const mine = await versionOf(wuhua.id, tokens.district);
    const theirs = await versionOf(panlong.id, panlongToken);
    const [officeNotification] = await db.dataSource.query(
      `SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'office' ORDER BY n.id LIMIT 1`,
    );
    const [wuhuaNotification] = await db.dataSource.query(
      `SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'wuhua' ORDER BY n.id LIMIT 1`,
    );
    const webhook = await api.request('POST', '/api/webhooks', {
      token: tokens.office,
      body: { name: '市发改委群', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test' },
    });
    expect(webhook.status).toBe(201);
    // The user routes act on a throw-away account, so disabling it does not lock the callers out mid-run.
    const [victim] = await db.dataSource.query(
      `INSERT INTO app_user (username, display_name, password_hash, role) VALUES ('matrix-victim', '矩阵测试', 'x', 'leader') RETURNING id`,
    );
    const [plan] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2025-COVERAGE'`);
    const draft = await api.request('POST', '/api/rankings', {
      token: tokens.office,
      body: { month: MONTH, planId: plan.id },
    });
    expect(draft.status).toBe(201);
    const platformCsv = new FormData();
    platformCsv.append(
      'file',
      new Blob(['平台编号,接入日期,交流桩数,直流桩数,总功率（kW）\r\nKMCD-MATRIX-1,2026-01-05,2,0,14\r\n']),
      'platform.csv',
    );
    const platformImport = await fetch(`${api.baseUrl}/api/platform/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.office}` },
      body: platformCsv,
    });
    expect(platformImport.status).toBe(201);
    const platformKey = await api.request('POST', '/api/platform/api-keys', {
      token: tokens.office,
      body: { name: '矩阵测试' },
    });
    expect(platformKey.status).toBe(201);
    const subsidySettings = await api.request('PUT', '/api/subsidy/settings', {
      token: tokens.office,
      body: { yuanPerKw: '200', capYuan: '30000', ezhouServiceStandard: false },
    });
    expect(subsidySettings.status).toBe(200);
    const subsidyRound = await api.request('POST', '/api/subsidy/rounds', {
      token: tokens.office,
      body: { name: '矩阵测试批次' },
    });
    expect(subsidyRound.status).toBe(201);
    const rating = await api.request('POST', '/api/ratings', { token: tokens.office, body: { year: 2025 } });
    expect(rating.status).toBe(201);
    const complaintIn = async (districtId: number) => {
      const [row] = await db.dataSource.query(
        `INSERT INTO complaint (property_company_id, community_id, district_id, kind, received_on, description)
         SELECT c.property_company_id, c.id, c.district_id, 'other', '2025-05-06', '矩阵测试投诉'
           FROM community c WHERE c.district_id = $1 AND c.property_company_id IS NOT NULL ORDER BY c.id LIMIT 1
         RETURNING id`,
        [districtId],
      );
      return String(row.id);
    };
    const patrolIn = async (districtId: number) => {
      const [row] = await db.dataSource.query(
        `INSERT INTO safety_patrol (community_id, property_company_id, patrolled_on, result, issues)
         SELECT c.id, c.property_company_id, '2020-01-02', 'issues_found', '矩阵测试隐患'
           FROM community c WHERE c.district_id = $1 AND c.property_company_id IS NOT NULL ORDER BY c.id LIMIT 1
         RETURNING id`,
        [districtId],
      );
      return String(row.id);
    };
    // Export records: one the district user requested, one the office did (the foreign one for the district user).
    const exportFor = async (username: string) =>
      (
        await db.dataSource.query(
          `INSERT INTO data_export (kind, params, requested_by, file_name)
           SELECT 'raw_data', '{}', id, 'x.xlsx' FROM app_user WHERE username = $1 RETURNING id`,
          [username],
        )
      )[0].id as string;
    const ownExport = await exportFor('wuhua');
    const officeExport = await exportFor('office');
    own = {
      subsidyRoundId: String(subsidyRound.body.id),
      platformImportId: String(((await platformImport.json()) as { id: number }).id),
      platformKeyId: String(platformKey.body.id),
      complaintId: await complaintIn(wuhua.id),
      patrolId: await patrolIn(wuhua.id),
      ratingId: String(rating.body.id),
      exportId: ownExport,
      rankingId: String(draft.body.id),
      planId: String(plan.id),
      userId: String(victim.id),
      month: MONTH,
      districtId: String(wuhua.id),
      communityId: String(await community(wuhua.id)),
      uploadId: mine.uploadId,
      versionId: mine.versionId,
      notificationId: String(wuhuaNotification.id),
      webhookId: String(webhook.body.id),
    };
    foreign = {
      ...own,
      districtId: String(panlong.id),
      communityId: String(await community(panlong.id)),
      uploadId: theirs.uploadId,
      versionId: theirs.versionId,
      notificationId: String(officeNotification.id),
      complaintId: await complaintIn(panlong.id),
      patrolId: await patrolIn(panlong.id),
      exportId: officeExport,
    };
    const doc = await api.request('GET', '/api/docs-json');
    documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('has a rule for every documented route and no rule for a route that does not exist', () => {
    expect(documented.filter((route) => !(route in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((route) => !documented.includes(route))).toEqual([]);
  });

  function concretePath(template: string, params: Record<string, string>): string {
    const idFor = (path: string) => {
      if (path.startsWith('/api/communities/')) return params.communityId;
      if (path.startsWith('/api/uploads/')) return params.uploadId;
      if (path.startsWith('/api/versions/')) return params.versionId;
      if (path.startsWith('/api/notifications/')) return params.notificationId;
      if (path.startsWith('/api/webhooks/')) return params.webhookId;
      if (path.startsWith('/api/users/')) return params.userId;
      if (path.startsWith('/api/rankings/')) return params.rankingId;
      if (path.startsWith('/api/platform/imports/')) return params.platformImportId;
      if (path.startsWith('/api/platform/api-keys/')) return params.platformKeyId;
      if (path.startsWith('/api/subsidy/rounds/')) return params.subsidyRoundId;
      if (path.startsWith('/api/ratings/')) return params.ratingId;
      if (path.startsWith('/api/complaints/')) return params.complaintId;
      if (path.startsWith('/api/patrols/')) return params.patrolId;
      if (path.startsWith('/api/target-plans/')) return params.planId;
      if (path.startsWith('/api/exports/')) return params.exportId;
      // No flag needs to exist: the guard decides before the id is looked up, and the office meets validation.
      if (path.startsWith('/api/anomaly-flags/')) return '1';
      throw new Error(`no id for ${path}`);
    };
    return (
      template
        .replace('{month}', params.month)
        .replace('{districtId}', params.districtId)
        .replace('{id}', () => idFor(template))
        .replace('{year}', '2024')
        // A date in a year the calendar does not cover: an allowed edit meets validation and changes nothing.
        .replace('{date}', '2099-05-01')
        .concat(DISTRICT_QUERY.includes(template) ? `?districtId=${params.districtId}` : '')
        .concat(template === '/api/progress' ? `?month=${params.month}&planId=${params.planId}` : '')
        .concat(template === '/api/progress/trend' ? `?planId=${params.planId}&districtId=${params.districtId}` : '')
        .concat(template === '/api/bulletins/{month}/print' ? `?planId=${params.planId}` : '')
        .concat(
          template === '/api/progress/regions' ? `?month=${params.month}&planId=${params.planId}&level=nation` : '',
        )
    );
  }

  it('allows exactly the callers the rules name, and refuses the others with 401 or 403', async () => {
    const outcomes: string[] = [];
    for (const route of documented) {
      const [method, template] = route.split(' ');
      for (const caller of CALLERS) {
        const path = concretePath(template, caller === 'foreign' ? foreign : own);
        // An empty body: a caller the guard lets through then meets validation (400/404/409/422), never a 2xx write.
        const { status } = await api.request(method, path, {
          token: caller === 'anonymous' ? undefined : tokens[caller],
          body: method === 'GET' ? undefined : {},
        });
        const allowed = RULES[route].includes(caller);
        const refused = status === 401 || status === 403;
        if (allowed === refused)
          outcomes.push(`${route} as ${caller}: ${status} (expected ${allowed ? 'allowed' : 'refused'})`);
        if (!allowed && caller === 'anonymous' && RULES[route] !== CALLERS && status !== 401)
          outcomes.push(`${route} as anonymous: ${status} (expected 401)`);
      }
    }
    expect(outcomes).toEqual([]);
    // Some 320 requests, a few of them evaluating the whole register: generous for a shared two-core machine.
  }, 300_000);

  it('shows a district user its own progress row and the city’s, and the office every district’s', async () => {
    const query = `/api/progress?month=${MONTH}&planId=${own.planId}`;
    const mine = await api.request('GET', query, { token: tokens.district });
    expect(mine.status).toBe(200);
    expect(mine.body.rows.map((r: any) => r.districtId)).toEqual([Number(own.districtId), null]);
    const all = await api.request('GET', query, { token: tokens.office });
    expect(all.body.rows).toHaveLength(20);
    const city = all.body.rows.find((r: any) => r.districtId === null);
    const sum = all.body.rows
      .filter((r: any) => r.districtId !== null)
      .reduce((t: number, r: any) => t + r.coveredEligible, 0);
    expect(city.coveredEligible).toBe(sum);
    expect(city.districtName).toBe('全市');
    for (const row of all.body.rows) expect(['正常', '预警', '滞后']).toContain(row.projection.statusLabel);
  });

  it('keeps another user’s export out of reach: 404 for its status and its file', async () => {
    for (const path of [`/api/exports/${foreign.exportId}`, `/api/exports/${foreign.exportId}/file`]) {
      expect(await api.request('GET', path, { token: tokens.district })).toMatchObject({
        status: 404,
        body: { message: '导出记录不存在' },
      });
    }
    expect((await api.request('GET', `/api/exports/${own.exportId}`, { token: tokens.district })).status).toBe(200);
  });

  it('keeps another user’s notification out of reach: 404, not a hint that it exists', async () => {
    const { status, body } = await api.request('POST', `/api/notifications/${foreign.notificationId}/read`, {
      token: tokens.district,
    });
    expect(status).toBe(404);
    expect(body.message).toBe('通知不存在');
  });
});
