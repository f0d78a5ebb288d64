import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { bigintAsNumber, enumCheck } from '@app/core';
import type { SubsidyRate } from '../subsidy-amount.js';
import { SubsidyRoundStatus } from '../subsidy-round.js';

/**
 * A subsidy round (补贴批次, issue 4 §5): a draft computed from the currently eligible facilities at the configured
 * rate, reviewed and confirmed by the office. A confirmed round is frozen (a trigger refuses changing or deleting
 * it or its lines); (id, status) is the target of the lines' foreign key, so confirming cascades to every line and
 * a partial unique index on the confirmed lines keeps a facility out of a second confirmed round.
 */
@Entity('subsidy_round')
@Unique('UQ_subsidy_round_name', ['name'])
@Unique('UQ_subsidy_round_id_status', ['id', 'status'])
@Check('CHK_subsidy_round_status', enumCheck('status', SubsidyRoundStatus))
@Check('CHK_subsidy_round_confirmed', `("status" = 'confirmed') = ("confirmed_at" IS NOT NULL)`)
@Check('CHK_subsidy_round_totals', '"total_fen" >= 0 AND "line_count" >= 0')
export class StoredSubsidyRound {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 10, default: SubsidyRoundStatus.Draft })
  status!: SubsidyRoundStatus;

  /** The rate it was computed at, in fen (SubsidyRate). */
  @Column({ type: 'jsonb' })
  rate!: SubsidyRate;

  @Column({ type: 'boolean' })
  ezhouServiceStandard!: boolean;

  /** Rules, rate and rounding as stated when computed (Chinese), shown beside the figures. */
  @Column({ type: 'varchar', length: 2000 })
  rulesText!: string;

  /** The districts the round covers; null = the whole city. */
  @Column({ type: 'int', array: true, nullable: true })
  districtIds!: number[] | null;

  /** The latest platform import when it was computed (the platform records it read). */
  @Column({ type: 'int', nullable: true })
  platformImportId!: number | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  totalFen!: number;

  @Column({ type: 'int' })
  lineCount!: number;

  @Column({ type: 'int' })
  createdBy!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'int', nullable: true })
  confirmedBy!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
