import { JwtService } from '@nestjs/jwt';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';

describe('sign-in, roles and district scope over HTTP', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let wuhuaId: number;
  let panlongCommunityId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: '2026-11-20' });
    api = await startApi(db.url);
    [{ id: wuhuaId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    [{ id: panlongCommunityId }] = await db.dataSource.query(
      `SELECT c.id FROM community c JOIN district d ON d.id = c.district_id WHERE d.name = '盘龙区' ORDER BY c.code LIMIT 1`,
    );
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers health with the database and the BullMQ queue up, without a token', async () => {
    const { status, body } = await api.request('GET', '/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.details.database).toMatchObject({ status: 'up', mode: 'external' });
    expect(body.details.queue).toMatchObject({ status: 'up', mode: 'bullmq' });
  });

  it('signs in with the right password and returns the user', async () => {
    const { status, body } = await api.request('POST', '/api/auth/login', {
      body: { username: 'wuhua', password: DEMO_PASSWORD },
    });
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ username: 'wuhua', role: 'district', districtId: wuhuaId });
    expect(body.expiresIn).toBe(8 * 3600);
    const me = await api.request('GET', '/api/auth/me', { token: body.accessToken });
    expect(me).toMatchObject({ status: 200, body: { username: 'wuhua', displayName: '五华区发展和改革局' } });
  });

  it('gives one message for a wrong password and an unknown user', async () => {
    const wrong = await api.request('POST', '/api/auth/login', { body: { username: 'wuhua', password: 'Wrong@2026' } });
    const unknown = await api.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: DEMO_PASSWORD },
    });
    expect(wrong).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'unauthenticated', message: '用户名或密码错误' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('rejects malformed login bodies with every problem in Chinese', async () => {
    const { status, body } = await api.request('POST', '/api/auth/login', { body: { username: '', role: 'office' } });
    expect(status).toBe(422);
    expect(body.message).toBe('请求参数不正确');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: 'role', messages: ['不允许的字段'] },
        { field: 'username', messages: ['请输入用户名'] },
        { field: 'password', messages: [expect.stringMatching(/密码/)] },
      ]),
    );
  });

  it('requires a valid, unexpired token on every non-public route', async () => {
    expect((await api.request('GET', '/api/districts')).body).toMatchObject({ statusCode: 401, message: '请先登录' });
    expect((await api.request('GET', '/api/districts', { token: 'not-a-token' })).body).toMatchObject({
      statusCode: 401,
      message: '登录凭证无效，请重新登录',
    });
    const [{ id }] = await db.dataSource.query(`SELECT id FROM app_user WHERE username = 'office'`);
    const expired = await new JwtService({ secret: api.config.JWT_SECRET }).signAsync(
      { sub: id, pwd: 0 },
      { expiresIn: -10 },
    );
    expect((await api.request('GET', '/api/districts', { token: expired })).body).toMatchObject({
      statusCode: 401,
      message: '登录已过期，请重新登录',
    });
    const forged = await new JwtService({ secret: 'another-secret-another-secret-another-secret' }).signAsync({
      sub: id,
      pwd: 0,
    });
    expect((await api.request('GET', '/api/districts', { token: forged })).status).toBe(401);
  });

  it('refuses a disabled account, even with a token issued before it was disabled', async () => {
    const token = await api.login('dongchuan', DEMO_PASSWORD);
    await db.dataSource.query(`UPDATE app_user SET disabled = true WHERE username = 'dongchuan'`);
    try {
      expect((await api.request('GET', '/api/districts', { token })).body).toMatchObject({
        statusCode: 401,
        message: '账号不存在或已停用',
      });
      const login = await api.request('POST', '/api/auth/login', {
        body: { username: 'dongchuan', password: DEMO_PASSWORD },
      });
      expect(login.body).toMatchObject({ statusCode: 401, message: '账号已停用，请联系市发展改革委' });
    } finally {
      await db.dataSource.query(`UPDATE app_user SET disabled = false WHERE username = 'dongchuan'`);
    }
  });

  it('shows a district user only its own communities and refuses another district’s', async () => {
    const token = await api.login('wuhua', DEMO_PASSWORD);
    const own = await api.request('GET', '/api/communities?pageSize=500', { token });
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(100);
    expect(new Set(own.body.items.map((c: { districtId: number }) => c.districtId))).toEqual(new Set([wuhuaId]));

    const [{ id: panlongId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '盘龙区'`);
    const foreignList = await api.request('GET', `/api/communities?districtId=${panlongId}`, { token });
    expect(foreignList).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'forbidden', message: '无权访问其他区县的数据' },
    });
    const foreignOne = await api.request('GET', `/api/communities/${panlongCommunityId}`, { token });
    expect(foreignOne.status).toBe(403);
  });

  it('lets the office and leaders read every district', async () => {
    for (const username of ['office', 'leader']) {
      const token = await api.login(username, DEMO_PASSWORD);
      const detail = await api.request('GET', `/api/communities/${panlongCommunityId}`, { token });
      expect(detail.status).toBe(200);
      expect(detail.body.districtName).toBe('盘龙区');
      expect(detail.body.eligibilityHistory.length).toBeGreaterThanOrEqual(1);
      const all = await api.request('GET', '/api/communities?pageSize=1', { token });
      expect(all.body.total).toBe(Number((await db.dataSource.query(`SELECT count(*) FROM community`))[0].count));
    }
  });

  it('answers a missing community with 404 and a bad id with 400', async () => {
    const token = await api.login('office', DEMO_PASSWORD);
    expect((await api.request('GET', '/api/communities/99999999', { token })).body).toMatchObject({
      statusCode: 404,
      message: '社区不存在',
    });
    expect((await api.request('GET', '/api/communities/abc', { token })).status).toBe(400);
  });

  it('slows down password guessing: the 11th attempt within a minute is refused with 429', async () => {
    const attempt = () =>
      api.request('POST', '/api/auth/login', { body: { username: 'xishan', password: 'Wrong@2026' } });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked).toMatchObject({ status: 429, body: { message: '请求过于频繁，请稍后再试' } });
    // Another account from the same address is counted separately.
    expect(
      (await api.request('POST', '/api/auth/login', { body: { username: 'guandu', password: DEMO_PASSWORD } })).status,
    ).toBe(200);
  });

  it('changes a password: weak or wrong input refused, old tokens void, the new password works', async () => {
    const token = await api.login('chenggong', DEMO_PASSWORD);
    const wrong = await api.request('POST', '/api/auth/password', {
      token,
      body: { currentPassword: 'nope', newPassword: 'Better2027x' },
    });
    expect(wrong).toMatchObject({ status: 422, body: { message: '当前密码不正确' } });
    const weak = await api.request('POST', '/api/auth/password', {
      token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
    });
    expect(weak).toMatchObject({ status: 422, body: { message: '密码长度须为 8 至 64 个字符' } });
    await new Promise((r) => setTimeout(r, 1100)); // the token's password epoch has one-second resolution
    const changed = await api.request('POST', '/api/auth/password', {
      token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Better2027x' },
    });
    expect(changed.status).toBe(204);
    expect((await api.request('GET', '/api/auth/me', { token })).body).toMatchObject({
      statusCode: 401,
      message: '密码已修改，请重新登录',
    });
    const fresh = await api.login('chenggong', 'Better2027x');
    expect((await api.request('GET', '/api/auth/me', { token: fresh })).status).toBe(200);
    const [event] = await db.dataSource.query(
      `SELECT action, before, after FROM audit_event WHERE action = 'user.password.change' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ action: 'user.password.change', before: null, after: null });
  });

  it('lets the office disable an account through the API, which voids its tokens, and lists the audit trail', async () => {
    const office = await api.login('office', DEMO_PASSWORD);
    const victimToken = await api.login('jinning', DEMO_PASSWORD);
    const [{ id }] = await db.dataSource.query(`SELECT id FROM app_user WHERE username = 'jinning'`);
    expect((await api.request('POST', `/api/users/${id}/disable`, { token: office })).body).toMatchObject({
      username: 'jinning',
      disabled: true,
    });
    expect((await api.request('GET', '/api/districts', { token: victimToken })).status).toBe(401);
    const [{ id: officeId }] = await db.dataSource.query(`SELECT id FROM app_user WHERE username = 'office'`);
    expect((await api.request('POST', `/api/users/${officeId}/disable`, { token: office })).body).toMatchObject({
      statusCode: 422,
      message: '不能停用自己的账号',
    });
    const trail = await api.request('GET', `/api/audit-events?action=user.disable&entityId=${id}`, { token: office });
    expect(trail.status).toBe(200);
    expect(trail.body.total).toBe(1);
    expect(trail.body.items[0]).toMatchObject({
      actorName: '市发展改革委',
      before: { disabled: false },
      after: { disabled: true },
    });
    await api.request('POST', `/api/users/${id}/enable`, { token: office });
    expect(
      (await api.request('GET', '/api/districts', { token: await api.login('jinning', DEMO_PASSWORD) })).status,
    ).toBe(200);
  });

  it('documents every route in OpenAPI, each either public or behind the bearer scheme', async () => {
    const { status, body } = await api.request('GET', '/api/docs-json');
    expect(status).toBe(200);
    const documented = Object.entries(body.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          route: `${method.toUpperCase()} ${path}`,
          secured: Boolean(operation.security?.length),
        })),
    );
    expect(documented.map((d) => d.route).sort()).toEqual(
      [
        'GET /api/audit-events',
        'GET /api/auth/me',
        'GET /api/communities',
        'GET /api/communities/{id}',
        'GET /api/districts',
        'GET /api/health',
        'POST /api/auth/login',
        'POST /api/auth/password',
        'GET /api/notifications',
        'GET /api/periods/{month}/districts/{districtId}/report',
        'GET /api/periods/{month}/districts/{districtId}/template',
        'GET /api/periods/{month}/status',
        'GET /api/progress',
        'GET /api/progress/trend',
        'GET /api/progress/regions',
        'GET /api/anomaly-flags',
        'GET /api/anomaly-flags/settings',
        'PUT /api/anomaly-flags/settings',
        'POST /api/anomaly-flags/{id}/confirm',
        'GET /api/rankings',
        'GET /api/rankings/settings',
        'GET /api/rankings/{id}',
        'GET /api/uploads/{id}',
        'GET /api/versions/{id}/file',
        'GET /api/users',
        'POST /api/notifications/read-all',
        'POST /api/notifications/{id}/read',
        'POST /api/periods/{month}/districts/{districtId}/uploads',
        'POST /api/versions/{id}/accept',
        'POST /api/versions/{id}/return',
        'GET /api/webhooks',
        'POST /api/rankings',
        'POST /api/rankings/{id}/publish',
        'POST /api/users',
        'POST /api/users/{id}/disable',
        'POST /api/users/{id}/enable',
        'POST /api/webhooks',
        'PATCH /api/webhooks/{id}',
        'POST /api/webhooks/{id}/disable',
        'GET /api/calendar/settings',
        'PUT /api/calendar/settings',
        'PUT /api/rankings/settings',
        'GET /api/calendar/steps',
        'PATCH /api/periods/{month}/deadline',
        'POST /api/platform/imports',
        'GET /api/platform/imports',
        'GET /api/platform/imports/{id}',
        'POST /api/platform/records',
        'GET /api/platform/api-keys',
        'POST /api/platform/api-keys',
        'POST /api/platform/api-keys/{id}/rotate',
        'POST /api/platform/api-keys/{id}/revoke',
        'GET /api/platform/cross-check',
        'GET /api/subsidy/settings',
        'PUT /api/subsidy/settings',
        'GET /api/subsidy/eligibility',
        'POST /api/subsidy/service-surveys',
        'GET /api/subsidy/service-surveys',
        'GET /api/subsidy/rounds',
        'POST /api/subsidy/rounds',
        'GET /api/subsidy/rounds/{id}',
        'POST /api/subsidy/rounds/{id}/confirm',
        'DELETE /api/subsidy/rounds/{id}',
        'GET /api/working-calendar',
        'POST /api/working-calendar',
        'GET /api/working-calendar/{year}',
        'PUT /api/working-calendar/days/{date}',
        'DELETE /api/working-calendar/days/{date}',
        'GET /api/grid/facilities',
        'GET /api/grid/breaches/districts',
        'GET /api/grid/breaches/operators',
        'GET /api/complaints',
        'POST /api/complaints',
        'GET /api/complaints/{id}',
        'POST /api/complaints/{id}/confirm',
        'POST /api/complaints/{id}/dismiss',
        'GET /api/patrols',
        'POST /api/patrols',
        'PATCH /api/patrols/{id}/rectification',
        'GET /api/ratings/settings',
        'PUT /api/ratings/settings',
        'GET /api/ratings',
        'POST /api/ratings',
        'GET /api/ratings/{id}',
        'POST /api/ratings/{id}/confirm',
        'GET /api/target-plans',
        'PUT /api/target-plans/{id}/districts/{districtId}/target',
        'GET /api/periods/{month}/comments',
        'PUT /api/periods/{month}/districts/{districtId}/comment',
        'DELETE /api/periods/{month}/districts/{districtId}/comment',
        'POST /api/exports',
        'GET /api/exports',
        'GET /api/exports/{id}',
        'GET /api/exports/{id}/file',
        'GET /api/bulletins/{month}/print',
        'GET /api/assets/apexcharts.min.js',
      ].sort(),
    );
    const publicRoutes = documented.filter((d) => !d.secured).map((d) => d.route);
    // The chart library's file is public: the print page and the web build load it without a token.
    expect(publicRoutes.sort()).toEqual([
      'GET /api/assets/apexcharts.min.js',
      'GET /api/health',
      'POST /api/auth/login',
    ]);
  });
});
