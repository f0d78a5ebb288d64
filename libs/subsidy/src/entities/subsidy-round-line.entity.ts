import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { bigintAsNumber, enumCheck } from '@app/core';
import { District, Facility } from '@app/org';
import { SubsidyRoundStatus } from '../subsidy-round.js';
import { StoredSubsidyRound } from './subsidy-round.entity.js';

/** One facility's payment in a round, with the computation and the rule results it rests on. */
@Entity('subsidy_round_line')
@Unique('UQ_subsidy_round_line_facility', ['roundId', 'facilityId'])
// SPEC "Subsidy": a facility is in no more than one confirmed round, whatever runs concurrently.
@Index('UQ_subsidy_round_line_confirmed_facility', ['facilityId'], {
  unique: true,
  where: `"round_status" = 'confirmed'`,
})
@Index('IDX_subsidy_round_line_district', ['roundId', 'districtId'])
@Check('CHK_subsidy_round_line_amount', '"amount_fen" >= 0')
@Check('CHK_subsidy_round_line_status', enumCheck('round_status', SubsidyRoundStatus))
export class StoredSubsidyRoundLine {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  roundId!: number;

  /** Always the round's status: the composite foreign key cascades it on confirmation. */
  @Column({ type: 'varchar', length: 10, default: SubsidyRoundStatus.Draft })
  roundStatus!: SubsidyRoundStatus;

  @ManyToOne(() => StoredSubsidyRound, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'round_id', referencedColumnName: 'id' },
    { name: 'round_status', referencedColumnName: 'status' },
  ])
  round?: Relation<StoredSubsidyRound>;

  @Column({ type: 'int' })
  facilityId!: number;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  /** The facility's district when the round was computed: what district users are scoped by. */
  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amountFen!: number;

  /** SubsidyAmountBreakdown, with its Chinese explanation. */
  @Column({ type: 'jsonb' })
  breakdown!: Record<string, unknown>;

  /** Every rule's pass/fail and reason at computation time. */
  @Column({ type: 'jsonb' })
  ruleResults!: unknown[];

  /** The platform record whose connection date was read. */
  @Column({ type: 'int', nullable: true })
  platformRecordId!: number | null;
}
