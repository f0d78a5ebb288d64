import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addMonths, AppError, AuthenticatedUser, Role } from '@app/core';
import { AuditService } from '@app/auth';
import { Ranking, RankingStatus } from './entities/ranking.entity.js';
import { RankingRow } from './entities/ranking-row.entity.js';
import { DistrictRankingInput, rankDistricts, SCORE_ROUNDING_RULE_ZH, TIE_BREAK_RULE_ZH } from './composite-score.js';
import { DistrictUploadRecord, RankingInputsRepository, RankingSourceRow } from './ranking-inputs.repository.js';
import { DATA_QUALITY_RULE_ZH, dataQualityRatio } from './data-quality.js';
import {
  DEFAULT_RANKING_SETTINGS,
  parseRankingSettings,
  RANKING_SETTINGS_KEY,
  RankingSettings,
} from './ranking-settings.js';
import { RANKING_METRIC_LABELS_ZH, RankingMetric } from './ranking-weights.js';

export interface RankingView {
  id: number;
  month: string;
  planId: number;
  planName: string;
  status: RankingStatus;
  weights: Record<string, number>;
  spanMonths: number;
  rulesText: string;
  createdAt: Date;
  publishedAt: Date | null;
  rows: {
    rank: number;
    previousRank: number | null;
    rankChange: number | null;
    districtId: number;
    districtName: string;
    compositeScore: string;
    breakdown: unknown[];
    orderedBy: string | null;
  }[];
}

/**
 * Rankings (issue 4 §3): the office computes a draft for a month from that month's snapshots and the reporting
 * record, reviews it and publishes it. A published ranking is frozen (the database refuses changes) and so are the
 * month's snapshots behind it.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: RankingInputsRepository,
    private readonly audit: AuditService,
  ) {}

  async settings(manager: EntityManager = this.dataSource.manager): Promise<RankingSettings> {
    const [row] = await manager.query(`SELECT value FROM app_setting WHERE key = $1`, [RANKING_SETTINGS_KEY]);
    if (!row) return DEFAULT_RANKING_SETTINGS;
    const parsed = parseRankingSettings(row.value);
    return parsed.ok ? parsed.settings : DEFAULT_RANKING_SETTINGS;
  }

  async updateSettings(user: AuthenticatedUser, value: unknown): Promise<RankingSettings> {
    const parsed = parseRankingSettings(value);
    if (!parsed.ok) throw AppError.validation('排名设置不正确', parsed.errors);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.settings(manager);
      await manager.query(
        `INSERT INTO app_setting (key, value, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [RANKING_SETTINGS_KEY, JSON.stringify(parsed.settings), user.id],
      );
      await this.audit.record(
        user,
        {
          action: 'ranking.settings.update',
          entityType: 'app_setting',
          entityId: RANKING_SETTINGS_KEY,
          before: { ...before },
          after: { ...parsed.settings },
        },
        manager,
      );
    });
    return parsed.settings;
  }

  /** Computes (or recomputes) the month's draft. Refused once the month is published. */
  async draft(user: AuthenticatedUser, month: string, planId: number): Promise<RankingView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const [published] = await manager.query(`SELECT id FROM ranking WHERE month = $1 AND status = 'published'`, [
        month,
      ]);
      if (published) throw AppError.conflict(`${month} 的排名已发布，不能再修改`);
      const settings = await this.settings(manager);
      const fromMonth = addMonths(month, 1 - settings.spanMonths);
      const sources = await this.inputs.sources(manager, month, planId, fromMonth);
      if (sources.length === 0) throw AppError.validation(`${month} 尚无该计划的进度快照，请先汇总`);
      const uploads = groupByDistrict(await this.inputs.uploadRecords(manager, month, fromMonth));
      const previous = await this.inputs.previousRanks(manager, month);
      const ranked = rankDistricts(
        sources.map((row) => toInput(row, uploads.get(row.districtId) ?? [])),
        settings.weights,
        new Map([...previous].map(([districtId, rank]) => [String(districtId), rank])),
      );
      await manager.query(`DELETE FROM ranking WHERE month = $1 AND status = 'draft'`, [month]);
      const ranking = await manager.save(
        manager.create(Ranking, {
          month,
          planId,
          status: RankingStatus.Draft,
          weights: { ...settings.weights },
          spanMonths: settings.spanMonths,
          rulesText: rulesText(settings),
          createdBy: user.id,
        }),
      );
      await manager.insert(
        RankingRow,
        ranked.map((r) => ({
          rankingId: ranking.id,
          districtId: Number(r.districtId),
          rank: r.rank,
          previousRank: r.previousRank,
          rankChange: r.rankChange,
          compositeExact: String(r.compositeExact),
          compositeScore: r.compositeScore,
          breakdown: r.breakdown.map((b) => ({ ...b })),
          orderedBy: r.orderedBy,
        })),
      );
      await this.audit.record(
        user,
        {
          action: 'ranking.draft',
          entityType: 'ranking',
          entityId: ranking.id,
          after: { month, planId, districts: ranked.length },
        },
        manager,
      );
      return ranking.id;
    });
    return this.view(user, id);
  }

  async publish(user: AuthenticatedUser, rankingId: number): Promise<RankingView> {
    await this.dataSource.transaction(async (manager) => {
      const ranking = await manager.findOne(Ranking, { where: { id: rankingId }, lock: { mode: 'pessimistic_write' } });
      if (!ranking) throw AppError.notFound('排名不存在');
      if (ranking.status === RankingStatus.Published) throw AppError.conflict('该排名已发布');
      await manager.update(Ranking, ranking.id, {
        status: RankingStatus.Published,
        publishedBy: user.id,
        publishedAt: new Date(),
      });
      // Later data must not change a published month (SPEC): its snapshots are frozen with it.
      await manager.query(`UPDATE progress_snapshot SET frozen = true WHERE month = $1 AND NOT frozen`, [
        ranking.month,
      ]);
      await this.audit.record(
        user,
        {
          action: 'ranking.publish',
          entityType: 'ranking',
          entityId: ranking.id,
          before: { status: ranking.status },
          after: { status: RankingStatus.Published, month: ranking.month },
        },
        manager,
      );
    });
    return this.view(user, rankingId);
  }

  /** District users and leaders see published rankings only. */
  async list(user: AuthenticatedUser, month?: string): Promise<Omit<RankingView, 'rows'>[]> {
    const onlyPublished = user.role !== Role.Office;
    return this.dataSource.query(
      `SELECT r.id, r.month, r.plan_id AS "planId", p.name AS "planName", r.status, r.weights, r.span_months AS "spanMonths",
              r.rules_text AS "rulesText", r.created_at AS "createdAt", r.published_at AS "publishedAt"
         FROM ranking r JOIN target_plan p ON p.id = r.plan_id
        WHERE ($1::char(7) IS NULL OR r.month = $1) AND (NOT $2 OR r.status = 'published')
        ORDER BY r.month DESC, r.id DESC`,
      [month ?? null, onlyPublished],
    );
  }

  async view(user: AuthenticatedUser, rankingId: number): Promise<RankingView> {
    const [ranking] = await this.dataSource.query(
      `SELECT r.id, r.month, r.plan_id AS "planId", p.name AS "planName", r.status, r.weights, r.span_months AS "spanMonths",
              r.rules_text AS "rulesText", r.created_at AS "createdAt", r.published_at AS "publishedAt"
         FROM ranking r JOIN target_plan p ON p.id = r.plan_id WHERE r.id = $1`,
      [rankingId],
    );
    if (!ranking || (ranking.status !== RankingStatus.Published && user.role !== Role.Office))
      throw AppError.notFound('排名不存在');
    const rows = await this.dataSource.query(
      `SELECT rr.rank, rr.previous_rank AS "previousRank", rr.rank_change AS "rankChange", rr.district_id AS "districtId",
              d.name AS "districtName", rr.composite_score AS "compositeScore", rr.breakdown, rr.ordered_by AS "orderedBy"
         FROM ranking_row rr JOIN district d ON d.id = rr.district_id WHERE rr.ranking_id = $1 ORDER BY rr.rank`,
      [rankingId],
    );
    return { ...ranking, rows };
  }
}

/**
 * The four metrics (SPEC "What is computed"): completion = the plan's achieved / target (a ratio target in whole
 * eligible communities, rounded up); coverage = covered eligible / eligible; timeliness = on-time months / months
 * in the span; data quality = clean accepted uploads / validated uploads in the span (data-quality.ts).
 */
function toInput(row: RankingSourceRow, uploads: DistrictUploadRecord[]): DistrictRankingInput {
  const target =
    row.targetCount ?? (row.targetRatio !== null ? ceilRatio(row.targetRatio, row.eligibleCommunities) : 0);
  return {
    districtId: String(row.districtId),
    districtCode: row.districtCode,
    districtName: row.districtName,
    [RankingMetric.Completion]: { numerator: row.achievedCount, denominator: target },
    [RankingMetric.Coverage]: { numerator: row.coveredEligible, denominator: row.eligibleCommunities },
    [RankingMetric.Timeliness]: { numerator: row.onTimeMonths, denominator: row.periods },
    [RankingMetric.DataQuality]: dataQualityRatio(uploads),
  };
}

function groupByDistrict(records: DistrictUploadRecord[]): Map<number, DistrictUploadRecord[]> {
  const byDistrict = new Map<number, DistrictUploadRecord[]>();
  for (const record of records) {
    const list = byDistrict.get(record.districtId);
    if (list) list.push(record);
    else byDistrict.set(record.districtId, [record]);
  }
  return byDistrict;
}

function ceilRatio(ratio: string, eligible: number): number {
  const [whole, fraction = ''] = ratio.split('.');
  const tenThousandths = BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return Number((tenThousandths * BigInt(eligible) + 9999n) / 10000n);
}

function rulesText(settings: RankingSettings): string {
  const weights = Object.values(RankingMetric)
    .map((metric) => `${RANKING_METRIC_LABELS_ZH[metric]} ${settings.weights[metric] / 100}%`)
    .join('，');
  return `权重：${weights}；报送及时率与数据质量统计最近 ${settings.spanMonths} 个月。${DATA_QUALITY_RULE_ZH}${SCORE_ROUNDING_RULE_ZH} ${TIE_BREAK_RULE_ZH}`;
}
