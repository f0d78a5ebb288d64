import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PlatformImportScope, PlatformImportSource } from './entities/platform.enums.js';
import { CurrentPlatformRecord, ReportedFacility } from './cross-check/platform-cross-check.js';
import { PlatformRecordValues } from './import/platform-record.rules.js';

/**
 * The current record of each platform id: the one in the latest import that carries it, among the imports since
 * the latest full import (a full import lists every connected facility, so an id it leaves out is no longer
 * connected). Imports are serialised by an advisory lock, so a higher id is a later import.
 */
export const CURRENT_PLATFORM_RECORDS_SQL = `(
  SELECT DISTINCT ON (r.platform_id) r.*
    FROM platform_facility_record r
   WHERE r.import_id >= (SELECT COALESCE(max(i.id), 0) FROM platform_import i WHERE i.scope = '${PlatformImportScope.Full}')
   ORDER BY r.platform_id, r.import_id DESC
)`;

/** Imports run one at a time, so "latest" is well defined (hashtext of a fixed name). */
const IMPORT_LOCK_KEY = `hashtext('platform_import')`;

export interface NewPlatformImport {
  source: PlatformImportSource;
  scope: PlatformImportScope;
  fileName: string | null;
  sha256: string;
  importedBy: number | null;
  apiKeyId: number | null;
  records: readonly PlatformRecordValues[];
}

export interface PlatformImportSummary {
  id: number;
  source: PlatformImportSource;
  scope: PlatformImportScope;
  fileName: string | null;
  sha256: string;
  recordCount: number;
  monthlyRowCount: number;
  importedBy: number | null;
  importedByName: string | null;
  apiKeyId: number | null;
  apiKeyName: string | null;
  importedAt: Date;
}

const SUMMARY_COLUMNS = `i.id, i.source, i.scope, i.file_name AS "fileName", i.sha256, i.record_count AS "recordCount",
  i.monthly_row_count AS "monthlyRowCount", i.imported_by AS "importedBy", u.display_name AS "importedByName",
  i.api_key_id AS "apiKeyId", k.name AS "apiKeyName", i.imported_at AS "importedAt"`;
const SUMMARY_FROM = `platform_import i LEFT JOIN app_user u ON u.id = i.imported_by LEFT JOIN platform_api_key k ON k.id = i.api_key_id`;

/** Queries of platform imports and records; no rules here (STYLE habit 2). */
@Injectable()
export class PlatformRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lockImports(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
  }

  async findFileImport(manager: EntityManager, sha256: string): Promise<{ id: number; importedAt: Date } | null> {
    const [row] = await manager.query(
      `SELECT id, imported_at AS "importedAt" FROM platform_import WHERE sha256 = $1 AND source IN ('xlsx', 'csv')`,
      [sha256],
    );
    return row ?? null;
  }

  /** One import, its records and their months, in three statements (unnest), inside the caller's transaction. */
  async insertImport(manager: EntityManager, input: NewPlatformImport): Promise<{ id: number; monthlyRows: number }> {
    const monthlyRows = input.records.reduce((sum, r) => sum + r.monthlyKwh.length, 0);
    const [created] = await manager.query(
      `INSERT INTO platform_import (source, scope, file_name, sha256, record_count, monthly_row_count, imported_by, api_key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        input.source,
        input.scope,
        input.fileName,
        input.sha256,
        input.records.length,
        monthlyRows,
        input.importedBy,
        input.apiKeyId,
      ],
    );
    const importId: number = created.id;
    const column = <K extends keyof PlatformRecordValues>(key: K) => input.records.map((r) => r[key]);
    const inserted: { id: number; platform_id: string }[] = await manager.query(
      `INSERT INTO platform_facility_record
         (import_id, platform_id, station_name, district_id, connected_on, operator_name, operator_credit_code,
          ac_piles, dc_piles, total_kw)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::int[], $5::date[], $6::varchar[], $7::varchar[],
                                $8::int[], $9::int[], $10::numeric[])
       RETURNING id, platform_id`,
      [
        importId,
        column('platformId'),
        column('stationName'),
        column('districtId'),
        column('connectedOn'),
        column('operatorName'),
        column('operatorCreditCode'),
        column('acPiles'),
        column('dcPiles'),
        column('totalKw'),
      ],
    );
    if (monthlyRows > 0) {
      const idOf = new Map(inserted.map((row) => [row.platform_id, row.id]));
      const months = input.records.flatMap((r) =>
        r.monthlyKwh.map((m) => ({ recordId: idOf.get(r.platformId)!, month: m.month, kwh: m.kwh })),
      );
      await manager.query(
        `INSERT INTO platform_monthly_energy (record_id, month, charged_kwh)
         SELECT * FROM unnest($1::int[], $2::char(7)[], $3::numeric[])`,
        [months.map((m) => m.recordId), months.map((m) => m.month), months.map((m) => m.kwh)],
      );
    }
    return { id: importId, monthlyRows };
  }

  listImports(limit: number): Promise<PlatformImportSummary[]> {
    return this.dataSource.query(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} ORDER BY i.id DESC LIMIT $1`, [limit]);
  }

  async findImport(id: number): Promise<PlatformImportSummary | null> {
    const [row] = await this.dataSource.query(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE i.id = $1`, [id]);
    return row ?? null;
  }

  async latestImport(): Promise<PlatformImportSummary | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} ORDER BY i.id DESC LIMIT 1`,
    );
    return row ?? null;
  }

  /** One import's records with their months (kWh as decimal strings), by platform id. */
  importRecords(
    importId: number,
  ): Promise<(CurrentPlatformRecord & { monthlyKwh: { month: string; kwh: string }[] })[]> {
    return this.dataSource.query(
      `SELECT ${RECORD_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('month', m.month, 'kwh', m.charged_kwh::text) ORDER BY m.month)
                          FROM platform_monthly_energy m WHERE m.record_id = r.id), '[]') AS "monthlyKwh"
         FROM platform_facility_record r LEFT JOIN district d ON d.id = r.district_id
        WHERE r.import_id = $1 ORDER BY r.platform_id`,
      [importId],
    );
  }

  /** The platform's current list (see CURRENT_PLATFORM_RECORDS_SQL). */
  currentRecords(manager: EntityManager = this.dataSource.manager): Promise<CurrentPlatformRecord[]> {
    return manager.query(
      `SELECT ${RECORD_COLUMNS} FROM ${CURRENT_PLATFORM_RECORDS_SQL} r LEFT JOIN district d ON d.id = r.district_id
        ORDER BY r.platform_id`,
    );
  }

  /** Facilities as the districts' accepted reports left them in the register, by district order and code. */
  reportedFacilities(districtIds: number[] | null): Promise<ReportedFacility[]> {
    return this.dataSource.query(
      `SELECT f.id AS "facilityId", f.code, f.name, c.district_id AS "districtId", d.name AS "districtName",
              c.name AS "communityName", f.platform_id AS "platformId",
              to_char(f.platform_connected_on, 'YYYY-MM-DD') AS "platformConnectedOn",
              to_char(f.retired_on, 'YYYY-MM-DD') AS "retiredOn", f.ac_piles AS "acPiles", f.dc_piles AS "dcPiles",
              f.total_kw::text AS "totalKw", o.credit_code AS "operatorCreditCode"
         FROM facility f JOIN community c ON c.id = f.community_id JOIN district d ON d.id = c.district_id
         LEFT JOIN operator_enterprise o ON o.id = f.operator_id
        WHERE ($1::int[] IS NULL OR c.district_id = ANY($1))
        ORDER BY d.sort_order, d.code, f.code`,
      [districtIds],
    );
  }

  districts(manager: EntityManager = this.dataSource.manager): Promise<{ id: number; code: string; name: string }[]> {
    return manager.query(`SELECT id, code, name FROM district ORDER BY sort_order, code`);
  }
}

const RECORD_COLUMNS = `r.id AS "recordId", r.import_id AS "importId", r.platform_id AS "platformId",
  r.station_name AS "stationName", r.district_id AS "districtId", d.name AS "districtName",
  to_char(r.connected_on, 'YYYY-MM-DD') AS "connectedOn", r.operator_name AS "operatorName",
  r.operator_credit_code AS "operatorCreditCode", r.ac_piles AS "acPiles", r.dc_piles AS "dcPiles",
  r.total_kw::text AS "totalKw"`;
