import ExcelJS from 'exceljs';
import { addMonths, shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';

const MONTH = shanghaiMonth(new Date());
const HOSTILE_DISTRICT = '=HYPERLINK("http://evil.example","东川区")';
const HOSTILE_COMMUNITIES = ['@SUM(A1:A9)小区', '+86 871 小区', '-2+3 小区', '=1+1 花园'];

/**
 * Issue 5 §2–3 on real PostgreSQL (in-process queue): every export is re-read with exceljs and its numbers compared
 * with the API's answer for the same thing; text starting with = + - @ comes back as plain text; the job lifecycle
 * (progress, done, download; a failure leaves a failed record and no file); who may export what.
 */
describe('exports: city summary, ranking, raw data, monthly bulletin', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let leader: string;
  let clerk: string;
  let planId: number;
  let wuhuaId: number;
  let panlongId: number;
  let rankingId: number;

  const get = (path: string, token = office) => api.request('GET', path, { token });
  const post = (path: string, body: unknown, token = office) => api.request('POST', path, { token, body });

  async function finished(id: string, token = office): Promise<any> {
    for (let i = 0; i < 600; i++) {
      const { body } = await get(`/api/exports/${id}`, token);
      if (body.status === 'done' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`export ${id} did not finish`);
  }

  async function workbookOf(id: string, token = office): Promise<ExcelJS.Workbook> {
    const response = await fetch(`${api.baseUrl}/api/exports/${id}/file`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return workbook;
  }

  async function exported(
    body: Record<string, unknown>,
    token = office,
  ): Promise<{ view: any; workbook: ExcelJS.Workbook }> {
    const request = await post('/api/exports', body, token);
    expect(request.status).toBe(202);
    expect(request.body).toMatchObject({ status: expect.stringMatching(/queued|running|done/), downloadUrl: null });
    const view = await finished(request.body.id, token);
    expect(view).toMatchObject({ status: 'done', progressPercent: 100, errorMessage: null });
    return { view, workbook: await workbookOf(request.body.id, token) };
  }

  /** A data row as { header: value } by the header row(s) of a government table (row 4 under groups, else 3). */
  function records(sheet: ExcelJS.Worksheet, headerRow: number, firstRow: number, count: number) {
    const headers: string[] = [];
    sheet.getRow(headerRow).eachCell({ includeEmpty: true }, (cell, n) => {
      const own = cell.isMerged && cell.master.address !== cell.address ? sheet.getCell(3, n).value : cell.value;
      headers[n] = String(own ?? sheet.getCell(3, n).value);
    });
    return Array.from({ length: count }, (_, i) => {
      const row = sheet.getRow(firstRow + i);
      return Object.fromEntries(headers.map((h, n) => [h, row.getCell(n).value]).filter(([h]) => h));
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    await db.dataSource.query(`UPDATE district SET name = $1 WHERE name = '东川区'`, [HOSTILE_DISTRICT]);
    [{ id: wuhuaId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    [{ id: panlongId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '盘龙区'`);
    const communities = await db.dataSource.query(
      `SELECT id FROM community WHERE district_id = $1 AND removed_on IS NULL ORDER BY code LIMIT 4`,
      [wuhuaId],
    );
    for (const [i, { id }] of communities.entries())
      await db.dataSource.query(`UPDATE community SET name = $2 WHERE id = $1`, [id, HOSTILE_COMMUNITIES[i]]);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office', DEMO_PASSWORD);
    leader = await api.login('leader', DEMO_PASSWORD);
    clerk = await api.login('wuhua', DEMO_PASSWORD);
    const panlong = await api.login('panlong', DEMO_PASSWORD);
    [{ id: planId }] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2025-COVERAGE'`);

    // 五华区 and 盘龙区 upload their templates as they are; the office accepts 五华区's only.
    const versionOf = async (districtId: number, token: string) => {
      const template = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${districtId}/template`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await template.arrayBuffer())]), 't.xlsx');
      const receipt = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${districtId}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const { uploadId } = (await receipt.json()) as { uploadId: string };
      for (let i = 0; i < 200; i++) {
        const [row] = await db.dataSource.query(`SELECT version_id FROM report_upload WHERE id = $1`, [uploadId]);
        if (row.version_id) return row.version_id as number;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no version');
    };
    const wuhuaVersion = await versionOf(wuhuaId, clerk);
    await versionOf(panlongId, panlong);
    expect((await post(`/api/versions/${wuhuaVersion}/accept`, {})).status).toBe(200);
    await backfillSnapshots(db.dataSource, addMonths(MONTH, -1), MONTH);
    const draft = await post('/api/rankings', { month: MONTH, planId });
    expect(draft.status).toBe(201);
    rankingId = draft.body.id;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('exports the city monthly summary in the government format with the API’s numbers, city row as the total', async () => {
    const progress = (await get(`/api/progress?month=${MONTH}&planId=${planId}`)).body;
    const { view, workbook } = await exported({ kind: 'city_summary', month: MONTH, planId });
    const districts = progress.rows.filter((r: any) => r.districtId !== null);
    expect(view.rowCount).toBe(districts.length);
    const sheet = workbook.getWorksheet('汇总表')!;
    expect(sheet.getCell('A1').value).toMatch(/^昆明市居住社区公用充电设施建设情况汇总表（\d{4}年\d{1,2}月）$/);
    expect(sheet.getCell('A2').value).toBe('填报单位：昆明市发展和改革委员会');
    expect(String(sheet.getCell(2, Math.floor(sheet.columnCount / 2) + 1).value)).toMatch(
      /报送日期：\d{4}年\d{1,2}月\d{1,2}日$/,
    );
    expect(sheet.getCell('C3').value).toBe('计划目标');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '3:4',
    });

    const rows = records(sheet, 4, 5, districts.length + 1);
    const num = (v: string | null) => (v === null ? null : Number(v));
    const expected = (r: any) => ({
      eligible: r.eligibleCommunities,
      covered: r.coveredEligible,
      coverage: num(r.coverageRatio),
      registered: r.registeredCommunities,
      ineligibleCovered: r.coveredIneligible,
      built: r.builtPublicFacilities,
      operating: r.operatingPublicFacilities,
      piles: [r.publicAcPiles, r.publicDcPiles, r.selfUseAcPiles, r.selfUseDcPiles],
      kw: [Number(r.publicKw), Number(r.selfUseKw)],
      change: r.change ? [r.change.achievedCount, r.change.coveredEligible, r.change.publicPiles] : [null, null, null],
      target: num(r.targetRatio),
      achieved: r.achievedCount,
      status: r.projection?.statusLabel ?? '无目标',
    });
    const actual = (x: any) => ({
      eligible: x['符合建设条件'],
      covered: x['已覆盖'],
      coverage: x['覆盖率'],
      registered: x['在册'],
      ineligibleCovered: x['不符合条件但周边覆盖'],
      built: x['已建成'],
      operating: x['已接入市级平台'],
      piles: [x['公用交流'], x['公用直流'], x['自用交流'], x['自用直流']],
      kw: [x['公用'], x['自用']],
      change: [x['计划完成数'], x['已覆盖社区'], x['公用充电桩']],
      target: x['目标覆盖率'],
      achieved: x['完成数'],
      status: x['进度状态'],
    });
    districts.forEach((r: any, i: number) => {
      expect(rows[i]['区县（园区）']).toBe(
        r.districtName === HOSTILE_DISTRICT ? `'${HOSTILE_DISTRICT}` : r.districtName,
      );
      expect(actual(rows[i])).toEqual(expected(r));
    });
    const city = progress.rows.find((r: any) => r.districtId === null);
    expect(rows[districts.length]['序号']).toBe('全市合计');
    expect(actual(rows[districts.length])).toEqual(expected(city));
    // The city's snapshot is the sum of the districts'.
    expect(city.coveredEligible).toBe(districts.reduce((n: number, r: any) => n + r.coveredEligible, 0));
    expect(sheet.getRow(5 + districts.length + 1).getCell(1).value).toMatch(/^注：1\. 数据来源/);
  });

  it('neutralises a district name starting with = in the summary and never writes a formula', async () => {
    const { workbook } = await exported({ kind: 'city_summary', month: MONTH, planId });
    const sheet = workbook.getWorksheet('汇总表')!;
    let hostile = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (cell.value === `'${HOSTILE_DISTRICT}`) hostile += 1;
      }),
    );
    expect(hostile).toBe(1);
  });

  it('exports the ranking as the API shows it; a leader cannot export a draft, then can once it is published', async () => {
    const ranking = (await get(`/api/rankings/${rankingId}`)).body;
    const { workbook } = await exported({ kind: 'ranking', rankingId });
    const sheet = workbook.getWorksheet('排名')!;
    expect(sheet.getCell('A1').value).toContain('（草稿，未发布）');
    const rows = records(sheet, 4, 5, ranking.rows.length);
    ranking.rows.forEach((r: any, i: number) => {
      expect(rows[i]['名次']).toBe(r.rank);
      expect(rows[i]['区县（园区）']).toBe(
        r.districtName === HOSTILE_DISTRICT ? `'${HOSTILE_DISTRICT}` : r.districtName,
      );
      expect(rows[i]['综合得分']).toBe(Number(r.compositeScore));
      expect(rows[i]['名次变化']).toBe(r.rankChange);
      expect(rows[i]['上期名次']).toBe(r.previousRank);
      const completion = r.breakdown.find((b: any) => b.metric === 'completion');
      expect(sheet.getRow(5 + i).getCell(7).value).toBe(completion.scoreBp / 10000);
      expect(sheet.getRow(5 + i).getCell(8).value).toBe(Number(completion.contributionPoints));
    });
    expect(sheet.getCell('E5').numFmt).toBe('"↑"0;"↓"0;"持平"');

    const refused = await post('/api/exports', { kind: 'ranking', rankingId }, leader);
    expect(refused).toMatchObject({ status: 404, body: { message: '排名不存在' } });
    expect((await post(`/api/rankings/${rankingId}/publish`, {})).status).toBe(200);
    const { workbook: published } = await exported({ kind: 'ranking', rankingId }, leader);
    expect(published.getWorksheet('排名')!.getCell('A1').value).not.toContain('草稿');
  });

  it('streams the raw data of accepted versions; the district gets its own, never another’s', async () => {
    expect(await post('/api/exports', { kind: 'raw_data', month: MONTH, districtId: panlongId }, clerk)).toMatchObject({
      status: 403,
      body: { message: '无权导出其他区县的数据' },
    });
    const { view, workbook } = await exported({ kind: 'raw_data', month: MONTH }, clerk);
    expect(view.districtId).toBe(wuhuaId);
    const report = (await get(`/api/periods/${MONTH}/districts/${wuhuaId}/report`, clerk)).body;
    const accepted = report.versions.find((v: any) => v.state === 'accepted');
    const communities = workbook.getWorksheet('社区')!;
    const facilities = workbook.getWorksheet('充电设施')!;
    expect(view.rowCount).toBe(accepted.communityRowCount + accepted.facilityRowCount);
    expect(communities.getCell('A2').value).toBe('填报单位：五华区');

    const communityRows = records(communities, 4, 5, accepted.communityRowCount);
    expect(communityRows.map((r) => r['序号'])).toEqual(communityRows.map((_, i) => i + 1));
    expect(communities.getRow(5 + accepted.communityRowCount).getCell(1).value).toMatch(/^注：/);
    const names = communityRows.map((r) => String(r['社区名称']));
    for (const hostile of HOSTILE_COMMUNITIES) expect(names).toContain(`'${hostile}`);
    expect(names.filter((n) => /^[=+\-@]/.test(n))).toEqual([]);

    const facilityRows = records(facilities, 4, 5, accepted.facilityRowCount);
    const [sums] = await db.dataSource.query(
      `SELECT sum(ac_piles)::int AS ac, sum(dc_piles)::int AS dc, sum(total_kw)::text AS kw, count(*)::int AS n
         FROM report_facility_row WHERE version_id = $1`,
      [accepted.id],
    );
    expect(facilityRows).toHaveLength(sums.n);
    const totals = records(facilities, 4, 5 + accepted.facilityRowCount, 1)[0];
    expect([totals['序号'], totals['交流'], totals['直流'], totals['总功率(kW)']]).toEqual([
      '合计',
      sums.ac,
      sums.dc,
      Number(sums.kw),
    ]);
    expect(facilityRows.reduce((n, r) => n + Number(r['交流']), 0)).toBe(sums.ac);

    // The office's city-wide export has 五华区 only (盘龙区 is submitted, not accepted) and says who is missing.
    const city = await exported({ kind: 'raw_data', month: MONTH });
    expect(city.view.rowCount).toBe(view.rowCount);
    const note = String(
      city.workbook
        .getWorksheet('社区')!
        .getRow(5 + accepted.communityRowCount + 1)
        .getCell(1).value,
    );
    expect(note).toContain('盘龙区');
  });

  it('writes the monthly bulletin: text, progress warnings, ranking with change, late and missing districts', async () => {
    const progress = (await get(`/api/progress?month=${MONTH}&planId=${planId}`)).body;
    const ranking = (await get(`/api/rankings/${rankingId}`)).body;
    const board = (await get(`/api/periods/${MONTH}/status`)).body;
    const { workbook } = await exported({ kind: 'bulletin', month: MONTH, planId });
    const sheets = workbook.worksheets.map((s) => s.name);
    expect(sheets.slice(0, 4)).toEqual(['通报', '进度预警', '综合排名', '报送情况']);
    // Then the extension sections that have a table this month (exports-subsidy-rating.medium-spec.ts checks them).
    expect(['异常数据', '平台比对', '补贴', '电网时限']).toEqual(expect.arrayContaining(sheets.slice(4)));
    const text: string[] = [];
    workbook.getWorksheet('通报')!.eachRow((row) => text.push(String(row.getCell(1).value)));
    const districts = progress.rows.filter((r: any) => r.districtId !== null);
    const count = (label: string) => districts.filter((r: any) => r.projection?.statusLabel === label).length;
    expect(text).toContain('一、总体情况');
    expect(text.join('\n')).toContain(
      `进度正常 ${count('正常')} 个，预警 ${count('预警')} 个，滞后 ${count('滞后')} 个`,
    );

    const warnings = records(workbook.getWorksheet('进度预警')!, 3, 4, districts.length);
    districts.forEach((r: any, i: number) => {
      expect(warnings[i]['完成数']).toBe(r.achievedCount);
      expect(warnings[i]['覆盖率']).toBe(r.coverageRatio === null ? null : Number(r.coverageRatio));
      expect(warnings[i]['进度状态']).toBe(r.projection?.statusLabel ?? '无目标');
    });
    const ranked = records(workbook.getWorksheet('综合排名')!, 3, 4, ranking.rows.length);
    expect(ranked.map((r) => [r['名次'], r['综合得分'], r['名次变化']])).toEqual(
      ranking.rows.map((r: any) => [r.rank, Number(r.compositeScore), r.rankChange]),
    );
    const missing = board.districts.filter((d: any) => d.state === 'not_submitted').map((d: any) => d.districtName);
    const late = records(workbook.getWorksheet('报送情况')!, 3, 4, missing.length);
    expect(late.map((r) => String(r['区县（园区）']).replace(/^'/, ''))).toEqual(missing);
    expect(missing).not.toContain('五华区');
  });

  it('serves the bulletin as a printable A4 page with its charts to the office and leaders only', async () => {
    const page = await get(`/api/bulletins/${MONTH}/print?planId=${planId}`, leader);
    expect(page.status).toBe(200);
    const html = String(page.body);
    expect(html).toContain('data-charts-ready="false"');
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toContain('<script src="/api/assets/apexcharts.min.js"></script>');
    expect(html).toContain('一、总体情况');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;东川区&quot;)');
    expect(html).not.toContain(HOSTILE_DISTRICT);
    const inline = await get(`/api/bulletins/${MONTH}/print?planId=${planId}&inline=1`);
    expect(String(inline.body).length).toBeGreaterThan(500_000);
    expect((await get(`/api/bulletins/${MONTH}/print?planId=${planId}`, clerk)).status).toBe(403);
    const script = await fetch(`${api.baseUrl}/api/assets/apexcharts.min.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(500_000);
  });

  it('refuses bad requests with a Chinese message and records nothing', async () => {
    const before = Number((await db.dataSource.query(`SELECT count(*) FROM data_export`))[0].count);
    const cases: [Record<string, unknown>, string, number, string][] = [
      [{ kind: 'city_summary', planId }, office, 422, '请指定月份（month，格式 YYYY-MM）'],
      [{ kind: 'city_summary', month: MONTH }, office, 422, '请指定目标计划（planId）'],
      [{ kind: 'city_summary', month: MONTH, planId: 999999 }, office, 404, '目标计划不存在'],
      [{ kind: 'city_summary', month: MONTH, planId }, clerk, 403, '区县用户只能导出本区县的原始数据'],
      [{ kind: 'bulletin', month: MONTH, planId }, clerk, 403, '月度通报仅供市发展改革委与领导查看'],
      [{ kind: 'raw_data', month: '2019-01' }, office, 404, '2019-01 报送期尚未开启'],
      [{ kind: 'subsidy_list', roundId: 1 }, office, 404, '补贴批次不存在'],
      [{ kind: 'nonsense' }, office, 422, '请求参数不正确'],
    ];
    for (const [body, token, status, message] of cases)
      expect(await post('/api/exports', body, token)).toMatchObject({ status, body: { message } });
    expect(Number((await db.dataSource.query(`SELECT count(*) FROM data_export`))[0].count)).toBe(before);
  });

  it('shows an export to its requester and the office only; another user gets 404', async () => {
    const mine = await post('/api/exports', { kind: 'raw_data', month: MONTH }, clerk);
    await finished(mine.body.id, clerk);
    expect((await get(`/api/exports/${mine.body.id}`, leader)).status).toBe(404);
    expect((await get(`/api/exports/${mine.body.id}/file`, leader)).status).toBe(404);
    expect((await get(`/api/exports/${mine.body.id}`)).status).toBe(200);
    const listed = (await get('/api/exports', clerk)).body;
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((e: any) => e.requestedByName))).toEqual(new Set(['五华区发展和改革局']));
    const [event] = await db.dataSource.query(
      `SELECT action, after FROM audit_event WHERE action = 'export.request' AND entity_id = $1`,
      [mine.body.id],
    );
    expect(event.after).toMatchObject({ kind: 'raw_data', month: MONTH, districtId: wuhuaId });
  });

  it('fails an export whose file cannot be stored: a failed record with its message, no piece left, no download', async () => {
    await db.dataSource.query(`CREATE FUNCTION refuse_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await db.dataSource.query(
      `CREATE TRIGGER refuse_chunk BEFORE INSERT ON data_export_chunk FOR EACH ROW EXECUTE FUNCTION refuse_chunk()`,
    );
    try {
      const request = await post('/api/exports', { kind: 'raw_data', month: MONTH });
      expect(request.status).toBe(202);
      const view = await finished(request.body.id);
      expect(view).toMatchObject({
        status: 'failed',
        errorMessage: '导出失败：系统内部错误，请稍后重试或联系管理员',
        downloadUrl: null,
        sizeBytes: null,
      });
      const [{ n }] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM data_export_chunk WHERE export_id = $1`,
        [request.body.id],
      );
      expect(n).toBe(0);
      expect(await get(`/api/exports/${request.body.id}/file`)).toMatchObject({
        status: 409,
        body: { message: '导出失败：系统内部错误，请稍后重试或联系管理员' },
      });
    } finally {
      await db.dataSource.query(`DROP TRIGGER refuse_chunk ON data_export_chunk`);
      await db.dataSource.query(`DROP FUNCTION refuse_chunk()`);
    }
    // The same request succeeds once storage works again.
    const { view } = await exported({ kind: 'raw_data', month: MONTH });
    expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports progress while a job runs and refuses the download until it is done', async () => {
    const request = await post('/api/exports', { kind: 'raw_data', month: MONTH });
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const { body } = await get(`/api/exports/${request.body.id}`);
      seen.add(body.status);
      if (body.status !== 'done') {
        const early = await get(`/api/exports/${request.body.id}/file`);
        if (early.status !== 200)
          expect(early).toMatchObject({ status: 409, body: { message: expect.stringMatching(/^导出尚未完成/) } });
      } else break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen.has('done')).toBe(true);
    const [row] = await db.dataSource.query(
      `SELECT chunk_count, size_bytes::int AS size, (SELECT sum(octet_length(content))::int FROM data_export_chunk WHERE export_id = e.id) AS stored
         FROM data_export e WHERE id = $1`,
      [request.body.id],
    );
    expect(row.stored).toBe(row.size);
    expect(row.chunk_count).toBeGreaterThanOrEqual(1);
  });
});
