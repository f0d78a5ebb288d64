import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CURRENT_PLATFORM_RECORDS_SQL } from '@app/platform';
import { SubsidyRoundStatus } from './subsidy-round.js';

/** A public facility with everything the rules read: the register, the platform's current record, payments, survey. */
export interface SubsidyCandidateRow {
  facilityId: number;
  code: string;
  name: string | null;
  districtId: number;
  districtName: string;
  communityName: string;
  usage: string;
  acceptedOn: string | null;
  totalKw: string;
  acPiles: number;
  dcPiles: number;
  serviceFee: string | null;
  platformId: string | null;
  platformRecordId: number | null;
  platformConnectedOn: string | null;
  confirmedRoundName: string | null;
  surveyedOn: string | null;
  nearestPileDistanceM: string | null;
  queueMinutes: string | null;
}

export interface StoredRoundRow {
  id: number;
  name: string;
  status: SubsidyRoundStatus;
  rate: { fenPerKw: number; fenPerPile: { ac: number; dc: number }; capFen: number | null };
  ezhouServiceStandard: boolean;
  rulesText: string;
  districtIds: number[] | null;
  platformImportId: number | null;
  totalFen: number;
  lineCount: number;
  createdAt: Date;
  createdByName: string | null;
  confirmedAt: Date | null;
  confirmedByName: string | null;
}

export interface StoredLineRow {
  lineId: number;
  facilityId: number;
  facilityCode: string;
  facilityName: string | null;
  communityName: string;
  districtId: number;
  districtName: string;
  platformId: string | null;
  amountFen: number;
  breakdown: Record<string, unknown> & { explanationZh?: string[] };
  ruleResults: unknown[];
}

const ROUND_COLUMNS = `r.id, r.name, r.status, r.rate, r.ezhou_service_standard AS "ezhouServiceStandard",
  r.rules_text AS "rulesText", r.district_ids AS "districtIds", r.platform_import_id AS "platformImportId",
  r.total_fen::float8 AS "totalFen", r.line_count AS "lineCount", r.created_at AS "createdAt",
  cu.display_name AS "createdByName", r.confirmed_at AS "confirmedAt", fu.display_name AS "confirmedByName"`;
const ROUND_FROM = `subsidy_round r LEFT JOIN app_user cu ON cu.id = r.created_by LEFT JOIN app_user fu ON fu.id = r.confirmed_by`;

/** Queries of subsidy candidates, rounds, lines and surveys; no rules here (STYLE habit 2). */
@Injectable()
export class SubsidyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Public facilities only (Kunming §四(五)), by district order and code. */
  candidates(
    districtIds: number[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubsidyCandidateRow[]> {
    return manager.query(
      `SELECT f.id AS "facilityId", f.code, f.name, c.district_id AS "districtId", d.name AS "districtName",
              c.name AS "communityName", f.usage, to_char(f.accepted_on, 'YYYY-MM-DD') AS "acceptedOn",
              f.total_kw::text AS "totalKw", f.ac_piles AS "acPiles", f.dc_piles AS "dcPiles",
              f.service_fee_yuan_per_kwh::text AS "serviceFee", f.platform_id AS "platformId",
              p.id AS "platformRecordId", to_char(p.connected_on, 'YYYY-MM-DD') AS "platformConnectedOn",
              paid.name AS "confirmedRoundName", to_char(s.surveyed_on, 'YYYY-MM-DD') AS "surveyedOn",
              s.nearest_pile_distance_m::text AS "nearestPileDistanceM", s.queue_minutes::text AS "queueMinutes"
         FROM facility f
         JOIN community c ON c.id = f.community_id
         JOIN district d ON d.id = c.district_id
         LEFT JOIN ${CURRENT_PLATFORM_RECORDS_SQL} p ON p.platform_id = f.platform_id
         LEFT JOIN LATERAL (
           SELECT r.name FROM subsidy_round_line l JOIN subsidy_round r ON r.id = l.round_id
            WHERE l.facility_id = f.id AND l.round_status = '${SubsidyRoundStatus.Confirmed}' LIMIT 1) paid ON true
         LEFT JOIN LATERAL (
           SELECT * FROM facility_service_survey s WHERE s.facility_id = f.id
            ORDER BY s.surveyed_on DESC, s.id DESC LIMIT 1) s ON true
        WHERE f.usage = 'public' AND ($1::int[] IS NULL OR c.district_id = ANY($1))
        ORDER BY d.sort_order, d.code, f.code`,
      [districtIds],
    );
  }

  async latestPlatformImportId(manager: EntityManager): Promise<number | null> {
    const [row] = await manager.query(`SELECT max(id) AS id FROM platform_import`);
    return row?.id ?? null;
  }

  async districtIds(manager: EntityManager = this.dataSource.manager): Promise<Set<number>> {
    const rows: { id: number }[] = await manager.query(`SELECT id FROM district`);
    return new Set(rows.map((r) => r.id));
  }

  async roundNameTaken(manager: EntityManager, name: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM subsidy_round WHERE name = $1`, [name]);
    return Boolean(row);
  }

  async insertRound(
    manager: EntityManager,
    round: Omit<StoredRoundRow, 'id' | 'status' | 'createdAt' | 'createdByName' | 'confirmedAt' | 'confirmedByName'> & {
      createdBy: number;
    },
  ): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO subsidy_round (name, rate, ezhou_service_standard, rules_text, district_ids, platform_import_id,
                                  total_fen, line_count, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        round.name,
        JSON.stringify(round.rate),
        round.ezhouServiceStandard,
        round.rulesText,
        round.districtIds,
        round.platformImportId,
        round.totalFen,
        round.lineCount,
        round.createdBy,
      ],
    );
    return row.id;
  }

  async insertLines(
    manager: EntityManager,
    roundId: number,
    lines: {
      facilityId: number;
      districtId: number;
      amountFen: number;
      breakdown: unknown;
      ruleResults: unknown;
      platformRecordId: number | null;
    }[],
  ): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `INSERT INTO subsidy_round_line (round_id, facility_id, district_id, amount_fen, breakdown, rule_results, platform_record_id)
       SELECT $1, * FROM unnest($2::int[], $3::int[], $4::bigint[], $5::jsonb[], $6::jsonb[], $7::int[])`,
      [
        roundId,
        lines.map((l) => l.facilityId),
        lines.map((l) => l.districtId),
        lines.map((l) => l.amountFen),
        lines.map((l) => JSON.stringify(l.breakdown)),
        lines.map((l) => JSON.stringify(l.ruleResults)),
        lines.map((l) => l.platformRecordId),
      ],
    );
  }

  async lockConfirmations(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('subsidy_round_confirm'))`);
  }

  async lockRound(manager: EntityManager, id: number): Promise<StoredRoundRow | null> {
    const [locked] = await manager.query(`SELECT id FROM subsidy_round WHERE id = $1 FOR UPDATE`, [id]);
    return locked ? this.round(id, manager) : null;
  }

  async round(id: number, manager: EntityManager = this.dataSource.manager): Promise<StoredRoundRow | null> {
    const [row] = await manager.query(`SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  rounds(onlyConfirmed: boolean): Promise<StoredRoundRow[]> {
    return this.dataSource.query(
      `SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} WHERE (NOT $1 OR r.status = '${SubsidyRoundStatus.Confirmed}')
        ORDER BY r.id DESC`,
      [onlyConfirmed],
    );
  }

  /** Line count and total per round and district, for district-scoped lists. */
  districtTotals(
    roundIds: number[],
    districtId: number,
  ): Promise<{ roundId: number; lineCount: number; totalFen: number }[]> {
    return this.dataSource.query(
      `SELECT round_id AS "roundId", count(*)::int AS "lineCount", COALESCE(sum(amount_fen), 0)::float8 AS "totalFen"
         FROM subsidy_round_line WHERE round_id = ANY($1) AND district_id = $2 GROUP BY round_id`,
      [roundIds, districtId],
    );
  }

  lines(
    roundId: number,
    districtIds: number[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredLineRow[]> {
    return manager.query(
      `SELECT l.id AS "lineId", l.facility_id AS "facilityId", f.code AS "facilityCode", f.name AS "facilityName",
              c.name AS "communityName", l.district_id AS "districtId", d.name AS "districtName",
              f.platform_id AS "platformId", l.amount_fen::float8 AS "amountFen", l.breakdown, l.rule_results AS "ruleResults"
         FROM subsidy_round_line l JOIN facility f ON f.id = l.facility_id JOIN community c ON c.id = f.community_id
         JOIN district d ON d.id = l.district_id
        WHERE l.round_id = $1 AND ($2::int[] IS NULL OR l.district_id = ANY($2))
        ORDER BY d.sort_order, d.code, f.code`,
      [roundId, districtIds],
    );
  }

  /** facility id → name of the confirmed round that paid it, for the given facilities. */
  async confirmedPayments(
    manager: EntityManager,
    facilityIds: number[],
  ): Promise<{ facilityId: number; roundName: string }[]> {
    return manager.query(
      `SELECT l.facility_id AS "facilityId", r.name AS "roundName"
         FROM subsidy_round_line l JOIN subsidy_round r ON r.id = l.round_id
        WHERE l.round_status = '${SubsidyRoundStatus.Confirmed}' AND l.facility_id = ANY($1)`,
      [facilityIds],
    );
  }

  async confirm(manager: EntityManager, id: number, userId: number): Promise<void> {
    await manager.query(
      `UPDATE subsidy_round SET status = '${SubsidyRoundStatus.Confirmed}', confirmed_by = $2, confirmed_at = now() WHERE id = $1`,
      [id, userId],
    );
  }

  async deleteDraft(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`DELETE FROM subsidy_round WHERE id = $1 AND status = '${SubsidyRoundStatus.Draft}'`, [id]);
  }

  async facilityDistrict(
    manager: EntityManager,
    facilityId: number,
  ): Promise<{ districtId: number; usage: string } | null> {
    const [row] = await manager.query(
      `SELECT c.district_id AS "districtId", f.usage FROM facility f JOIN community c ON c.id = f.community_id WHERE f.id = $1`,
      [facilityId],
    );
    return row ?? null;
  }

  surveys(districtIds: number[] | null) {
    return this.dataSource.query(
      `SELECT s.id, s.facility_id AS "facilityId", f.code AS "facilityCode", f.name AS "facilityName",
              c.district_id AS "districtId", d.name AS "districtName", to_char(s.surveyed_on, 'YYYY-MM-DD') AS "surveyedOn",
              s.nearest_pile_distance_m::text AS "nearestPileDistanceM", s.queue_minutes::text AS "queueMinutes",
              s.note, u.display_name AS "recordedByName", s.created_at AS "createdAt"
         FROM facility_service_survey s JOIN facility f ON f.id = s.facility_id JOIN community c ON c.id = f.community_id
         JOIN district d ON d.id = c.district_id LEFT JOIN app_user u ON u.id = s.recorded_by
        WHERE ($1::int[] IS NULL OR c.district_id = ANY($1))
        ORDER BY s.surveyed_on DESC, s.id DESC`,
      [districtIds],
    );
  }
}
