import { DataSource } from 'typeorm';
import { AuditEvent, AuditService, toAuthenticated, User } from '@app/auth';
import { addMonths, SystemClock } from '@app/core';
import {
  PlatformImportScope,
  PlatformImportService,
  PlatformImportSource,
  PlatformRecordValues,
  PlatformRepository,
} from '@app/platform';
import { SubsidyRepository, SubsidyRoundService, SubsidyService } from '@app/subsidy';
import { createHash } from 'node:crypto';
import { DEMO_SEED, Random } from './prng.js';

export interface SeedDemoSubsidyReport {
  /** False when the demo already had a platform import: nothing was written. */
  seeded: boolean;
  platformRecords: number;
  /** The round confirmed for the first third of the districts (by code). */
  confirmedRoundName: string | null;
  confirmedLines: number;
  confirmedTotalFen: number;
  /** The draft of everything still eligible, for the office to review. */
  roundName: string | null;
  roundLines: number;
  roundTotalFen: number;
}

/** Unreported platform records added to the demo's import (connected-but-not-reported in the cross-check). */
const UNREPORTED = 6;

interface ReportedRow {
  id: number;
  code: string;
  districtId: number;
  districtCode: string;
  platformId: string;
  platformConnectedOn: string;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  creditCode: string | null;
  operatorName: string | null;
  name: string | null;
}

/**
 * The demo's municipal platform list, a confirmed subsidy round and a draft one worth reviewing (issue 4 §4–5), written through the
 * same services the API uses, after seedDemo. Deterministic for a given register: records follow the districts'
 * reports, with a fixed sample of disagreements — some reported facilities missing from the platform, some with other
 * pile counts, some connected later than reported (which can make them late for the subsidy), and a few platform
 * records no district reports. Runs once: skipped when a platform import exists.
 */
export async function seedDemoSubsidy(
  dataSource: DataSource,
  options: { asOf: string },
): Promise<SeedDemoSubsidyReport> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM platform_import`);
  if (count > 0)
    return {
      seeded: false,
      platformRecords: 0,
      confirmedRoundName: null,
      confirmedLines: 0,
      confirmedTotalFen: 0,
      roundName: null,
      roundLines: 0,
      roundTotalFen: 0,
    };
  const office = await dataSource.getRepository(User).findOne({ where: { username: 'office' } });
  if (!office) throw new Error('演示数据缺少 office 账号：请先写入昆明市演示数据');
  const actor = toAuthenticated(office);
  const audit = new AuditService(dataSource.getRepository(AuditEvent));
  const clock = new SystemClock();
  const platformRepository = new PlatformRepository(dataSource);
  const imports = new PlatformImportService(dataSource, platformRepository, audit, clock);
  const subsidyRepository = new SubsidyRepository(dataSource);
  const subsidy = new SubsidyService(dataSource, subsidyRepository, audit, clock);
  const rounds = new SubsidyRoundService(dataSource, subsidyRepository, subsidy, audit);

  const reported: ReportedRow[] = await dataSource.query(
    `SELECT f.id, f.code, c.district_id AS "districtId", d.code AS "districtCode", f.platform_id AS "platformId",
            to_char(f.platform_connected_on, 'YYYY-MM-DD') AS "platformConnectedOn", f.ac_piles AS "acPiles",
            f.dc_piles AS "dcPiles", f.total_kw::text AS "totalKw", o.credit_code AS "creditCode",
            o.name AS "operatorName", f.name
       FROM facility f JOIN community c ON c.id = f.community_id JOIN district d ON d.id = c.district_id
       LEFT JOIN operator_enterprise o ON o.id = f.operator_id
      WHERE f.platform_id IS NOT NULL AND f.platform_connected_on IS NOT NULL AND f.retired_on IS NULL
      ORDER BY f.code`,
  );
  const districts: { id: number; code: string }[] = await dataSource.query(
    `SELECT id, code FROM district ORDER BY code`,
  );
  const rng = Random.stream(DEMO_SEED, 'platform-import');
  const months = [3, 2, 1].map((back) => addMonths(options.asOf.slice(0, 7), -back));
  const records: PlatformRecordValues[] = [];
  reported.forEach((f, index) => {
    const kwh = () => months.map((month) => ({ month, kwh: String(rng.int(200, 9000)) }));
    // Every 41st is missing from the platform (the district says connected; the platform has no record).
    if (index % 41 === 40) return;
    const record: PlatformRecordValues = {
      platformId: f.platformId,
      stationName: f.name,
      districtId: f.districtId,
      connectedOn: f.platformConnectedOn,
      operatorName: f.operatorName,
      operatorCreditCode: f.creditCode,
      acPiles: f.acPiles,
      dcPiles: f.dcPiles,
      totalKw: f.totalKw.includes('.') ? f.totalKw.replace(/0+$/, '').replace(/\.$/, '') : f.totalKw,
      monthlyKwh: kwh(),
    };
    // Every 37th: the platform counts one AC pile more.
    if (index % 37 === 36) record.acPiles += 1;
    // Every 29th: the platform's connection is 45 days later than reported (often past the 2-month deadline).
    if (index % 29 === 28) record.connectedOn = addDays(f.platformConnectedOn, 45, options.asOf);
    records.push(record);
  });
  for (let n = 1; n <= UNREPORTED; n += 1) {
    const district = districts[(n * 5) % districts.length];
    records.push({
      platformId: `KMCD9${String(n).padStart(7, '0')}`,
      stationName: `平台登记充电站 ${n}`,
      districtId: district.id,
      connectedOn: addDays(options.asOf, -30 * n, options.asOf),
      operatorName: null,
      operatorCreditCode: null,
      acPiles: 4,
      dcPiles: 0,
      totalKw: '28',
      monthlyKwh: [],
    });
  }
  const sha256 = createHash('sha256').update(JSON.stringify(records)).digest('hex');
  await dataSource.transaction(async (manager) => {
    await platformRepository.lockImports(manager);
    await imports.write(manager, null, null, {
      source: PlatformImportSource.Demo,
      scope: PlatformImportScope.Full,
      fileName: null,
      sha256,
      records,
    });
  });

  if (!(await subsidy.settings())) {
    // A demo rate: 200 元/kW, at most 30,000 元 per facility (Kunming leaves the figure to the office).
    await subsidy.updateSettings(actor, { yuanPerKw: '200', capYuan: '30000', ezhouServiceStandard: false });
  }
  // The first round already confirmed for the first districts by code (what leadership's subsidy totals show), the
  // second a draft of everything still eligible for the office to review; no facility is in both (the confirmed one
  // makes them fail 未重复补贴).
  const year = options.asOf.slice(0, 4);
  const firstDistricts = districts.slice(0, Math.ceil(districts.length / 3)).map((d) => d.id);
  const confirmedName = `${year}年第一批`;
  const first = await rounds.createDraft(actor, { name: confirmedName, districtIds: firstDistricts });
  const confirmed = await rounds.confirm(actor, first.id);
  const roundName = `${year}年第二批（演示草稿）`;
  const draft = await rounds.createDraft(actor, { name: roundName });
  return {
    seeded: true,
    platformRecords: records.length,
    confirmedRoundName: confirmedName,
    confirmedLines: confirmed.lineCount,
    confirmedTotalFen: confirmed.totalFen,
    roundName,
    roundLines: draft.lineCount,
    roundTotalFen: draft.totalFen,
  };
}

/** 'YYYY-MM-DD' + days, never after `latest`. */
function addDays(date: string, days: number, latest: string): string {
  const shifted = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return shifted > latest ? latest : shifted;
}
