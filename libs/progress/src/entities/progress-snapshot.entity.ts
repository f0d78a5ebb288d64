import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { City, District } from '@app/org';
import { TargetPlan } from './target-plan.entity.js';

/**
 * A month's figures for one district (or a whole city, district_id null) under one target plan, computed from the
 * register as it stood at the month's end (SPEC "Definitions"). Dashboards read these, never raw rows. Rows of a
 * published month are frozen: recomputation leaves them alone. city_id is on every row (a district row carries its
 * district's city) so a city's table is one index range, and a province or the nation is a sum of city rows.
 */
@Entity('progress_snapshot')
@Index('UQ_progress_snapshot_district', ['month', 'planId', 'districtId'], {
  unique: true,
  where: '"district_id" IS NOT NULL',
})
@Index('UQ_progress_snapshot_city', ['cityId', 'planId', 'month'], { unique: true, where: '"district_id" IS NULL' })
@Index('IDX_progress_snapshot_city_plan_month', ['cityId', 'planId', 'month'])
@Check(
  'CHK_progress_snapshot_counts',
  '"covered_eligible" <= "eligible_communities" AND "eligible_communities" <= "registered_communities"',
)
export class ProgressSnapshot {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  planId!: number;

  @ManyToOne(() => TargetPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<TargetPlan>;

  @Column({ type: 'int' })
  cityId!: number;

  @ManyToOne(() => City, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'city_id' })
  city?: Relation<City>;

  /** null: the whole city. */
  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'int', nullable: true })
  targetCount!: number | null;

  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  targetRatio!: string | null;

  /** The plan's measure of progress: pilots completed, eligible covered, or communities newly covered. */
  @Column({ type: 'int' })
  achievedCount!: number;

  @Column({ type: 'int' })
  pilotDesignated!: number;

  /** Pilot communities covered by the plan's end (or by this month's end, if earlier). Uncapped. */
  @Column({ type: 'int' })
  pilotCompleted!: number;

  @Column({ type: 'int' })
  registeredCommunities!: number;

  @Column({ type: 'int' })
  eligibleCommunities!: number;

  @Column({ type: 'int' })
  coveredEligible!: number;

  /** Ineligible communities served by a public facility (nearby, within 1 km): counted separately. */
  @Column({ type: 'int' })
  coveredIneligible!: number;

  @Column({ type: 'int' })
  builtPublicFacilities!: number;

  @Column({ type: 'int' })
  operatingPublicFacilities!: number;

  @Column({ type: 'int' })
  publicAcPiles!: number;

  @Column({ type: 'int' })
  publicDcPiles!: number;

  @Column({ type: 'int' })
  selfUseAcPiles!: number;

  @Column({ type: 'int' })
  selfUseDcPiles!: number;

  @Column({ type: 'numeric', precision: 14, scale: 3 })
  publicKw!: string;

  @Column({ type: 'numeric', precision: 14, scale: 3 })
  selfUseKw!: string;

  @Column({ type: 'boolean', default: false })
  frozen!: boolean;

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
