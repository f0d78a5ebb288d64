import ExcelJS from 'exceljs';
import { FACILITY_COLUMNS, TEMPLATE_SHEETS } from '@app/excel';
import { addMonths, shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo, seedDemoSubsidy } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { draftRatingRound } from '@app/rating';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { mutate } from '../fixtures/generate-malformed-reports';

jest.setTimeout(300_000);

const MONTH = shanghaiMonth(new Date());
const RATING_YEAR = 2025;
const HOSTILE_FACILITY = '=1+2 充电站';
const HOSTILE_COMPANY = '@SUM(A1:A9)物业服务有限公司';
const col = (key: string) => FACILITY_COLUMNS.findIndex((c) => c.key === key) + 1;

/** Yuan text of integer fen, by integer arithmetic (what every amount cell must equal). */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * Issue 5 §2–3 for the subsidy list of a round, the property-company ratings and the 通报's extension sections, on
 * real PostgreSQL through the real export job (in-process queue): each workbook is re-read with exceljs and every
 * number compared with what the API answers for the same thing; bad requests get a Chinese message and no record.
 */
describe('exports: subsidy list, property-company ratings, bulletin extension sections', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let leader: string;
  let clerk: string;
  let planId: number;
  let subsidyRoundId: number;
  let ratingRoundId: number;
  let wuhua: { id: number; code: string };

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

  async function exported(body: Record<string, unknown>, token = office) {
    const request = await post('/api/exports', body, token);
    expect(request.status).toBe(202);
    const view = await finished(request.body.id, token);
    expect(view).toMatchObject({ status: 'done', progressPercent: 100, errorMessage: null });
    const response = await fetch(`${api.baseUrl}/api/exports/${request.body.id}/file`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    return { view, workbook };
  }

  /** Data rows as { header: value }: the lower header row names a grouped column, else the upper one. */
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

  function noFormulas(workbook: ExcelJS.Workbook): void {
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  }

  const textOf = (sheet: ExcelJS.Worksheet) => {
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push(String(row.getCell(1).value ?? '')));
    return lines.join('\n');
  };

  /** 五华区 uploads its template, the office returns it, then a version with a lowered and an inflated facility. */
  async function flaggedUpload(): Promise<void> {
    const template = async () => {
      const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhua.id}/template`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const submit = async (bytes: Buffer): Promise<number> => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), '五华区.xlsx');
      const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhua.id}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}` },
        body: form,
      });
      const { uploadId } = (await response.json()) as { uploadId: string };
      for (let i = 0; i < 300; i++) {
        const { body } = await get(`/api/uploads/${uploadId}`, clerk);
        if (body.status === 'accepted') return body.versionId;
        if (body.status === 'rejected') throw new Error(`rejected: ${JSON.stringify(body.errors)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('upload did not finish');
    };
    const first = await submit(await template());
    expect((await post(`/api/versions/${first}/return`, { comment: '请核实' })).status).toBe(200);
    const [lowered, inflated] = await db.dataSource.query(
      `SELECT f.code, f.ac_piles AS "acPiles", f.total_kw::text AS "totalKw" FROM facility f JOIN community c ON c.id = f.community_id
        WHERE c.district_id = $1 AND f.usage = 'public' AND f.accepted_on IS NOT NULL AND f.retired_on IS NULL AND f.ac_piles > 0
        ORDER BY f.code LIMIT 2`,
      [wuhua.id],
    );
    const bytes = await mutate(await template(), (workbook: ExcelJS.Workbook) => {
      workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!.eachRow((row, rowNo) => {
        if (rowNo === 1) return;
        const code = String(row.getCell(col('facilityCode')).value ?? '');
        if (code === lowered.code) {
          row.getCell(col('acPiles')).value = lowered.acPiles - 1;
          row.getCell(col('remark')).value = '一台交流桩损坏拆除';
        }
        if (code === inflated.code) {
          row.getCell(col('acPiles')).value = inflated.acPiles + 500;
          row.getCell(col('totalKw')).value = Number(inflated.totalKw) + 99_999;
        }
      });
    });
    await submit(bytes);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    await backfillSnapshots(db.dataSource, addMonths(MONTH, -13), MONTH);
    await seedDemoSubsidy(db.dataSource, { asOf: `${MONTH}-01` });
    ratingRoundId = (await draftRatingRound(db.dataSource, RATING_YEAR)).id;
    // The demo's draft round (its first round is confirmed already; the draft is the one to export, then confirm).
    [{ id: subsidyRoundId }] = await db.dataSource.query(
      `SELECT id FROM subsidy_round WHERE status = 'draft' ORDER BY id LIMIT 1`,
    );
    [wuhua] = await db.dataSource.query(`SELECT id, code FROM district WHERE name = '五华区'`);
    [{ id: planId }] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2025-COVERAGE'`);
    // A payee outside 五华区 (whose upload below must stay valid) and a rated company get names starting with = and @.
    await db.dataSource.query(
      `UPDATE facility SET name = $2 WHERE id = (
         SELECT l.facility_id FROM subsidy_round_line l JOIN district d ON d.id = l.district_id
          WHERE l.round_id = $1 AND d.name <> '五华区' ORDER BY l.id LIMIT 1)`,
      [subsidyRoundId, HOSTILE_FACILITY],
    );
    await db.dataSource.query(
      `UPDATE property_company SET name = $2 WHERE id = (
         SELECT property_company_id FROM rating_row WHERE round_id = $1 AND rank IS NOT NULL ORDER BY rank LIMIT 1)`,
      [ratingRoundId, HOSTILE_COMPANY],
    );
    api = await startApi(db.url, { REDIS_URL: '' });
    // The API runs in this process: re-reading a workbook blocks both ends past Node's 5 s keep-alive, and the next
    // request could go out on a socket the server is closing at that moment (ECONNRESET).
    api.app.getHttpServer().keepAliveTimeout = 120_000;
    office = await api.login('office', DEMO_PASSWORD);
    leader = await api.login('leader', DEMO_PASSWORD);
    clerk = await api.login('wuhua', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  function checkSubsidyList(workbook: ExcelJS.Workbook, round: any, operators: Map<number, string | null>) {
    const sheet = workbook.getWorksheet('补贴清单')!;
    expect(sheet.getCell('A1').value).toBe(
      `昆明市居住社区公用充电设施补贴清单：${round.name}（${round.status === 'confirmed' ? '已确认' : '草稿，未确认'}）`,
    );
    expect(sheet.getCell('A2').value).toBe('填报单位：昆明市发展和改革委员会');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:4' });
    const rows = records(sheet, 4, 5, round.lines.length + 1);
    expect(round.lines.length).toBeGreaterThan(20);
    round.lines.forEach((line: any, i: number) => {
      const r = rows[i];
      const b = line.breakdown;
      expect(r['序号']).toBe(i + 1);
      expect(r['设施编号']).toBe(line.facilityCode);
      expect(r['区县（园区）']).toBe(line.districtName);
      expect(r['居住社区']).toBe(line.communityName);
      expect(r['设施名称']).toBe(line.facilityName === HOSTILE_FACILITY ? `'${HOSTILE_FACILITY}` : line.facilityName);
      expect(r['运营企业']).toBe(operators.get(line.facilityId) ?? null);
      expect(r['市级平台编号']).toBe(line.platformId);
      expect([r['交流'], r['直流']]).toEqual([b.acPiles, b.dcPiles]);
      expect((r['装机容量（kW）'] as number).toFixed(3)).toBe((b.kwMilli / 1000).toFixed(3));
      // Amounts: the cell is the number whose two-decimal text is the fen as yuan; nothing drifted.
      expect((r['补贴金额'] as number).toFixed(2)).toBe(yuan(line.amountFen));
      expect(r['补贴金额']).toBe(Number(yuan(line.amountFen)));
      expect(r['按容量']).toBe(Number(yuan(b.capacityFen)));
      expect(r['按桩']).toBe(Number(yuan(b.acPileFen + b.dcPileFen)));
      expect(r['是否封顶']).toBe(b.capped ? '是' : '否');
      for (const result of line.ruleResults) {
        expect(r[result.label]).toBe(result.passed ? '通过' : '未通过');
        expect(String(r['核验依据'])).toContain(`${result.label}：${result.reason}`);
      }
      expect(r['计算过程']).toBe(line.explanation.join('；'));
    });
    const totals = rows[round.lines.length];
    expect(totals['序号']).toBe('合计');
    expect(totals['补贴金额']).toBe(Number(yuan(round.totalFen)));
    const sum = round.lines.reduce((n: bigint, l: any) => n + BigInt(l.amountFen), 0n);
    expect(sum).toBe(BigInt(round.totalFen));
    expect(totals['交流']).toBe(round.lines.reduce((n: number, l: any) => n + l.breakdown.acPiles, 0));
    expect(String(sheet.getRow(5 + round.lines.length + 1).getCell(1).value)).toContain(
      `共 ${round.lineCount} 个设施，补贴金额合计 ${round.totalText}`,
    );

    const byDistrict = workbook.getWorksheet('分区县汇总')!;
    const districtRows = records(byDistrict, 3, 4, round.districts.length + 1);
    round.districts.forEach((d: any, i: number) => {
      expect(districtRows[i]['区县（园区）']).toBe(d.districtName);
      expect(districtRows[i]['设施数（个）']).toBe(d.lineCount);
      expect(districtRows[i]['补贴金额（元）']).toBe(Number(yuan(d.totalFen)));
    });
    expect(districtRows[round.districts.length]['补贴金额（元）']).toBe(Number(yuan(round.totalFen)));
    noFormulas(workbook);
  }

  it('exports a draft subsidy round line by line with the API’s amounts, the round’s total and each rule', async () => {
    const round = (await get(`/api/subsidy/rounds/${subsidyRoundId}`)).body;
    expect(round.status).toBe('draft');
    const operators = new Map<number, string | null>(
      (
        await db.dataSource.query(
          `SELECT f.id, o.name FROM facility f LEFT JOIN operator_enterprise o ON o.id = f.operator_id WHERE f.id = ANY($1)`,
          [round.lines.map((l: any) => l.facilityId)],
        )
      ).map((r: any) => [r.id, r.name]),
    );
    expect([...operators.values()].some((name) => name !== null)).toBe(true);
    const { view, workbook } = await exported({ kind: 'subsidy_list', roundId: subsidyRoundId });
    expect(view.rowCount).toBe(round.lines.length);
    expect(view.fileName).toBe(`昆明市居住社区公用充电设施补贴清单：${round.name}（草稿，未确认）.xlsx`);
    checkSubsidyList(workbook, round, operators);
    let hostile = 0;
    workbook.getWorksheet('补贴清单')!.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === `'${HOSTILE_FACILITY}`) hostile += 1;
      }),
    );
    expect(hostile).toBe(1);

    // Confirmed: the same lines, the title says so and the notes name the confirmation.
    expect((await post(`/api/subsidy/rounds/${subsidyRoundId}/confirm`, {})).status).toBe(200);
    const confirmed = (await get(`/api/subsidy/rounds/${subsidyRoundId}`)).body;
    const again = await exported({ kind: 'subsidy_list', roundId: subsidyRoundId });
    checkSubsidyList(again.workbook, confirmed, operators);
    expect(textOf(again.workbook.getWorksheet('补贴清单')!)).toMatch(
      /已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由.+确认，已冻结/,
    );
  });

  it('exports the property-company ratings with every component, total, grade and the obstruction that cost awards', async () => {
    const round = (await get(`/api/ratings/${ratingRoundId}`)).body;
    expect(round.rows.length).toBeGreaterThan(30);
    expect(round.disqualified).toBeGreaterThanOrEqual(1);
    const { view, workbook } = await exported({ kind: 'property_ratings', roundId: ratingRoundId });
    expect(view.rowCount).toBe(round.rows.length);
    const sheet = workbook.getWorksheet('评价结果')!;
    expect(sheet.getCell('A1').value).toBe(
      `${RATING_YEAR}年度物业服务企业居住社区充电设施建设评价结果（草稿，未确认）`,
    );
    const rows = records(sheet, 4, 5, round.rows.length);
    const criterionCells = (i: number) => {
      // Four criteria, two columns each, after 名次 / 企业 / 在管社区.
      const row = sheet.getRow(5 + i);
      return [0, 1, 2, 3].map((k) => [row.getCell(4 + 2 * k).value, row.getCell(5 + 2 * k).value]);
    };
    const grades: Record<string, string> = { A: 'A（优秀）', B: 'B（良好）', C: 'C（合格）', D: 'D（不合格）' };
    round.rows.forEach((r: any, i: number) => {
      const x = rows[i];
      expect(x['名次']).toBe(r.rank);
      expect(x['物业服务企业']).toBe(
        r.propertyCompanyName === HOSTILE_COMPANY ? `'${HOSTILE_COMPANY}` : r.propertyCompanyName,
      );
      expect(x['在管社区（个）']).toBe(r.communities);
      expect(criterionCells(i)).toEqual(
        r.breakdown.map((b: any) =>
          b.applicable ? [`${b.ratio.numerator}/${b.ratio.denominator}`, b.scoreBp / 10000] : ['不适用', null],
        ),
      );
      expect(x['加权得分']).toBe(r.evidence.weightedScore === null ? null : Number(r.evidence.weightedScore));
      const obstruction = r.deductions.find((d: any) => d.kind === 'confirmedObstruction');
      expect(x['属实阻挠（件）']).toBe(obstruction.count);
      expect(x['扣分']).toBe(r.deductions.reduce((n: number, d: any) => n + d.total, 0) / 100);
      expect(x['总分']).toBe(r.score === null ? null : Number(r.score));
      expect(x['等级']).toBe(r.grade ? grades[r.grade] : '不参评');
      expect(x['评优评先资格']).toBe(r.score === null ? '不参评' : r.awardEligible ? '有' : '取消');
      expect(x['因阻挠取消评优']).toBe(r.disqualificationReasons.length > 0 ? '是' : '否');
      expect(x['取消原因'] ?? '').toBe(r.disqualificationReasons.join('；'));
    });
    const disqualified = rows.filter((x) => x['因阻挠取消评优'] === '是');
    expect(disqualified).toHaveLength(round.disqualified);
    for (const x of disqualified) expect(String(x['取消原因'])).toMatch(/经认定属实的阻挠或妨碍充电设施建设投诉/);
    expect(sheet.getRow(5 + round.rows.length).getCell(1).value).toMatch(/^注：1\. 2025 年度评价/);
    noFormulas(workbook);

    // Leaders export confirmed rounds only.
    expect(await post('/api/exports', { kind: 'property_ratings', roundId: ratingRoundId }, leader)).toMatchObject({
      status: 404,
      body: { message: '评价不存在' },
    });
    expect((await post(`/api/ratings/${ratingRoundId}/confirm`, {})).status).toBe(200);
    const published = await exported({ kind: 'property_ratings', roundId: ratingRoundId }, leader);
    expect(published.workbook.getWorksheet('评价结果')!.getCell('A1').value).not.toContain('草稿');
  });

  it('refuses unknown rounds, missing ids and district users with a Chinese message and records nothing', async () => {
    const before = Number((await db.dataSource.query(`SELECT count(*) FROM data_export`))[0].count);
    const cases: [Record<string, unknown>, string, number, string][] = [
      [{ kind: 'subsidy_list', roundId: 999999 }, office, 404, '补贴批次不存在'],
      [{ kind: 'subsidy_list' }, office, 422, '请指定补贴批次（roundId）'],
      [{ kind: 'subsidy_list', roundId: 0 }, office, 422, '补贴批次（roundId）必须是正整数'],
      [{ kind: 'subsidy_list', roundId: subsidyRoundId }, clerk, 403, '补贴清单仅供市发展改革委导出'],
      [{ kind: 'subsidy_list', roundId: subsidyRoundId }, leader, 403, '补贴清单仅供市发展改革委导出'],
      [{ kind: 'property_ratings', roundId: 999999 }, office, 404, '评价不存在'],
      [{ kind: 'property_ratings' }, office, 422, '请指定评价批次（roundId）'],
      [
        { kind: 'property_ratings', roundId: ratingRoundId },
        clerk,
        403,
        '物业服务企业评价结果仅供市发展改革委与领导导出',
      ],
    ];
    for (const [body, token, status, message] of cases)
      expect(await post('/api/exports', body, token)).toMatchObject({ status, body: { message } });
    expect(Number((await db.dataSource.query(`SELECT count(*) FROM data_export`))[0].count)).toBe(before);
  });

  it('adds 异常数据, 平台比对, 补贴 and 电网时限 to the bulletin workbook and print page with the API’s counts', async () => {
    await flaggedUpload();
    const board = (await get(`/api/periods/${MONTH}/status`)).body;
    const latest = new Map(board.districts.map((d: any) => [d.districtId, d.versionCount]));
    const flags = (await get(`/api/anomaly-flags?month=${MONTH}`)).body.filter(
      (f: any) => latest.get(f.districtId) === f.versionNo,
    );
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.length).toBe(board.districts.reduce((n: number, d: any) => n + d.anomalyCount, 0));
    const crossCheck = (await get('/api/platform/cross-check')).body;
    // The demo's first round (confirmed when seeded) and the draft the test above confirmed, in confirmation order.
    const rounds = (await get('/api/subsidy/rounds')).body
      .filter((r: any) => r.status === 'confirmed')
      .sort((a: any, b: any) => Date.parse(a.confirmedAt) - Date.parse(b.confirmedAt));
    expect(rounds).toHaveLength(2);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const grid = (await get(`/api/grid/breaches/districts?asOf=${today}`)).body;

    const { workbook } = await exported({ kind: 'bulletin', month: MONTH, planId });
    const names = workbook.worksheets.map((s) => s.name);
    // No ranking this month (its section has no table); the extension sections follow the built-in ones.
    expect(names).toEqual(['通报', '进度预警', '报送情况', '异常数据', '平台比对', '补贴', '电网时限']);
    const text = textOf(workbook.getWorksheet('通报')!);
    for (const heading of ['异常数据', '平台比对', '补贴', '电网时限'])
      expect(text).toMatch(new RegExp(`[一二三四五六七八九十]+、${heading}`));

    const anomalies = records(workbook.getWorksheet('异常数据')!, 3, 4, flags.length + 1);
    expect(
      anomalies.slice(0, flags.length).map((r) => [r['区县（园区）'], r['异常类型'], r['编号'], r['区县说明']]),
    ).toEqual(flags.map((f: any) => [f.districtName, f.kindLabel, f.subjectCode, f.explained ? '已说明' : '未说明']));
    expect(anomalies[flags.length]['区县（园区）']).toBeNull();
    const explained = flags.filter((f: any) => f.explained).length;
    expect(text).toContain(`共有异常标记 ${flags.length} 条`);
    expect(text).toContain(`区县已说明 ${explained} 条、未说明 ${flags.length - explained} 条`);

    const platform = records(workbook.getWorksheet('平台比对')!, 3, 4, crossCheck.districts.length + 1);
    crossCheck.districts.forEach((d: any, i: number) =>
      expect([
        platform[i]['区县（园区）'],
        platform[i]['报送已接入'],
        platform[i]['报送已接入但平台无记录'],
        platform[i]['平台已接入但区县未报送'],
        platform[i]['数据不一致'],
      ]).toEqual([d.districtName, d.reportedConnected, d.reportedNotConnected, d.connectedNotReported, d.mismatched]),
    );
    const t = crossCheck.totals;
    expect(platform[crossCheck.districts.length]).toMatchObject({
      '区县（园区）': '合计',
      报送已接入但平台无记录: t.reportedNotConnected,
      平台已接入但区县未报送: t.connectedNotReported,
      数据不一致: t.mismatched,
    });
    expect(t.connectedNotReported).toBeGreaterThan(0);
    expect(text).toContain(`平台已接入但区县未报送 ${t.connectedNotReported} 个`);

    const subsidy = records(workbook.getWorksheet('补贴')!, 3, 4, rounds.length + 1);
    rounds.forEach((round: any, i: number) => {
      expect(subsidy[i]).toMatchObject({ 批次名称: round.name, '设施数（个）': round.lineCount });
      expect(subsidy[i]['补贴金额（元）']).toBe(Number(yuan(round.totalFen)));
    });
    const facilities = rounds.reduce((n: number, r: any) => n + r.lineCount, 0);
    const totalFen = rounds.reduce((n: number, r: any) => n + r.totalFen, 0);
    expect(subsidy[rounds.length]).toMatchObject({ '设施数（个）': facilities });
    expect(subsidy[rounds.length]['补贴金额（元）']).toBe(Number(yuan(totalFen)));
    expect(text).toContain(`确认补贴批次 ${rounds.length} 个，补贴公用充电设施 ${facilities} 个`);

    const late = grid.groups.filter((g: any) => g.facilitiesWithBreach > 0);
    expect(late.length).toBeGreaterThan(0);
    const gridRows = records(workbook.getWorksheet('电网时限')!, 3, 4, late.length + 1);
    late.forEach((g: any, i: number) =>
      expect([gridRows[i]['区县（园区）'], gridRows[i]['设施数'], gridRows[i]['超时设施数']]).toEqual([
        g.name,
        g.facilityCount,
        g.facilitiesWithBreach,
      ]),
    );
    expect(gridRows[late.length]).toMatchObject({
      '区县（园区）': '合计',
      超时设施数: grid.total.facilitiesWithBreach,
    });
    expect(text).toContain(`有 ${grid.total.facilitiesWithBreach} 个存在电网办理超时或逾期未办`);

    // The print page carries the same sections and figures.
    const html = String((await get(`/api/bulletins/${MONTH}/print?planId=${planId}`, leader)).body);
    for (const heading of ['异常数据', '平台比对', '补贴', '电网时限'])
      expect(html).toMatch(new RegExp(`<h2>[一二三四五六七八九十]+、${heading}</h2>`));
    expect(html).toContain(`共有异常标记 ${flags.length} 条`);
    expect(html).toContain(`平台已接入但区县未报送 ${t.connectedNotReported} 个`);
    expect(html).toContain(`<td class="num">${yuan(rounds[0].totalFen)}</td>`);
    expect(html).toContain(`有 ${grid.total.facilitiesWithBreach} 个存在电网办理超时或逾期未办`);
  });
});
