import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { Community } from './community.entity.js';
import { EligibilitySource } from './org.enums.js';

/**
 * The eligibility facts of a community (Kunming §三, Fujian §三(二)), one row per change. The facts valid at a
 * date are the row with the latest effective_from on or before it; rows are only ever added.
 */
@Entity('community_eligibility')
@Check('CHK_community_eligibility_source', enumCheck('source', EligibilitySource))
// The stored verdict must agree with the facts: demand, parking, capacity (or an agreed solution), fire safety
// where the garage needs it.
@Check(
  'CHK_community_eligibility_verdict',
  `"eligible" = ("resident_demand" AND "parking_available" AND ("capacity_sufficient" OR "capacity_solution_agreed") AND (NOT "fire_safety_required" OR COALESCE("fire_safety_complete", false)))`,
)
@Check('CHK_community_eligibility_reason', `"eligible" OR length(trim(COALESCE("ineligible_reason", ''))) > 0`)
@Index('UQ_community_eligibility_effective', ['communityId', 'effectiveFrom'], { unique: true })
export class CommunityEligibility {
  /** bigint: pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  /** 社区意愿: residents want it and the owners consent. */
  @Column({ type: 'boolean' })
  residentDemand!: boolean;

  /** 车位条件: public parking spaces available. */
  @Column({ type: 'boolean' })
  parkingAvailable!: boolean;

  /** 电力容量: residual transformer capacity suffices. */
  @Column({ type: 'boolean' })
  capacitySufficient!: boolean;

  /** Or a capacity solution / orderly charging has been agreed (Kunming §三(三)). */
  @Column({ type: 'boolean', default: false })
  capacitySolutionAgreed!: boolean;

  /** Underground, semi-underground or high-rise garage (Kunming §三(四)). */
  @Column({ type: 'boolean' })
  fireSafetyRequired!: boolean;

  /** Fire alarm, smoke exhaust, sprinklers, emergency lighting and exit signs all present; null when not required. */
  @Column({ type: 'boolean', nullable: true })
  fireSafetyComplete!: boolean | null;

  @Column({ type: 'boolean' })
  eligible!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  ineligibleReason!: string | null;

  @Column({ type: 'varchar', length: 8 })
  source!: EligibilitySource;

  /** The report version that brought this change, when it came from a report. */
  @Column({ type: 'int', nullable: true })
  reportVersionId!: number | null;

  @Column({ type: 'int', nullable: true })
  recordedBy!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
