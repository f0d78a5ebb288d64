import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { PropertyCompany } from '@app/org';
import { RatingRound } from './rating-round.entity.js';

/** One company's rating in a round: score with every criterion's ratio, deductions, grade and award eligibility. */
@Entity('rating_row')
@Unique('UQ_rating_row_company', ['roundId', 'propertyCompanyId'])
@Unique('UQ_rating_row_rank', ['roundId', 'rank'])
@Check('CHK_rating_row_grade', `"grade" IS NULL OR "grade" IN ('A', 'B', 'C', 'D')`)
@Check(
  'CHK_rating_row_rated',
  `("score" IS NULL) = ("grade" IS NULL) AND ("score" IS NULL) = ("rank" IS NULL) AND ("score" IS NULL) = ("score_numerator" IS NULL)`,
)
@Check('CHK_rating_row_award', `NOT "award_eligible" OR "score" IS NOT NULL`)
export class RatingRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  roundId!: number;

  @ManyToOne(() => RatingRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<RatingRound>;

  @Column({ type: 'int' })
  propertyCompanyId!: number;

  @ManyToOne(() => PropertyCompany, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'property_company_id' })
  propertyCompany?: Relation<PropertyCompany>;

  /** Null when not rated (no applicable criterion). */
  @Column({ type: 'int', nullable: true })
  rank!: number | null;

  /** Communities managed at the year's end. */
  @Column({ type: 'int' })
  communities!: number;

  /** 100-point scale, 2 decimals half-up, for display. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  score!: string | null;

  /** The exact score in hundredths of a point = numerator / denominator: what grade and order are decided on. */
  @Column({ type: 'bigint', nullable: true })
  scoreNumerator!: string | null;

  @Column({ type: 'int', nullable: true })
  scoreDenominator!: number | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  grade!: string | null;

  @Column({ type: 'boolean' })
  awardEligible!: boolean;

  @Column({ type: 'jsonb' })
  breakdown!: unknown[];

  @Column({ type: 'jsonb' })
  deductions!: unknown[];

  @Column({ type: 'jsonb' })
  disqualificationReasons!: string[];

  /** The records behind the figures: complaint ids counted, patrol and facility counts. */
  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 24, nullable: true })
  orderedBy!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;
}
