import { DataSource } from 'typeorm';
import { AuditEvent, AuditService, toAuthenticated, User } from '@app/auth';
import { addMonths, AuthenticatedUser } from '@app/core';
import { RankingInputsRepository, RankingService } from '@app/ranking';
import { RatingInputsRepository, RatingService } from '@app/rating';

export interface SeedDemoDecisionsReport {
  /** False when the demo already had a ranking or a rating round: nothing was written. */
  seeded: boolean;
  /** Months whose ranking was published, oldest first. */
  publishedMonths: string[];
  /** The year whose property-company rating was confirmed, or null when there was none to confirm. */
  confirmedRatingYear: number | null;
}

/** How many full months before the current one get a published ranking (two, so the latest shows a rank change). */
const PUBLISHED_MONTHS = 2;

/**
 * What the office would already have decided when leadership first opens the demo: the rankings of the last two
 * full months published (for the plan the dashboards open on: the one ending last, as `GET /api/target-plans` lists
 * it), and the previous year's property-company rating confirmed. Written through the same services the API uses, as
 * the `office` account, after seedDemo and the snapshot backfill. The current month stays open for the office to
 * draft and publish; runs once (skipped when any ranking or rating round exists).
 */
export async function seedDemoDecisions(
  dataSource: DataSource,
  options: { asOf: string; ratingYear: number | null },
): Promise<SeedDemoDecisionsReport> {
  const [{ existing }] = await dataSource.query(
    `SELECT (SELECT count(*) FROM ranking) + (SELECT count(*) FROM rating_round) AS existing`,
  );
  if (Number(existing) > 0) return { seeded: false, publishedMonths: [], confirmedRatingYear: null };
  const office = await dataSource.getRepository(User).findOne({ where: { username: 'office' } });
  if (!office) throw new Error('演示数据缺少 office 账号：请先写入昆明市演示数据');
  const actor: AuthenticatedUser = toAuthenticated(office);
  const audit = new AuditService(dataSource.getRepository(AuditEvent));

  const [plan] = await dataSource.query(`SELECT id FROM target_plan ORDER BY end_month DESC, id LIMIT 1`);
  const publishedMonths: string[] = [];
  if (plan) {
    const rankings = new RankingService(dataSource, new RankingInputsRepository(), audit);
    const current = options.asOf.slice(0, 7);
    for (let back = PUBLISHED_MONTHS; back >= 1; back--) {
      const month = addMonths(current, -back);
      const draft = await rankings.draft(actor, month, Number(plan.id));
      await rankings.publish(actor, draft.id);
      publishedMonths.push(month);
    }
  }

  let confirmedRatingYear: number | null = null;
  if (options.ratingYear !== null) {
    const ratings = new RatingService(dataSource, new RatingInputsRepository(), audit);
    const round = await ratings.draft(actor, options.ratingYear);
    await ratings.confirm(actor, round.id);
    confirmedRatingYear = options.ratingYear;
  }
  return { seeded: true, publishedMonths, confirmedRatingYear };
}
