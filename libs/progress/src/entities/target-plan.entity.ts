import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { enumCheck } from '@app/core';

export enum TargetKind {
  /** A number of pilot communities completed by the plan's end (Kunming 2022: 5/3/1; Ezhou: ≥ 5). */
  PilotCount = 'pilot_count',
  /** A share of eligible communities covered (Kunming 2025: all eligible existing communities). */
  CoverageRatio = 'coverage_ratio',
  /** A number of communities newly covered within the period (a district's yearly task, Beijing (十六), Jinpu). */
  CoveredCount = 'covered_count',
}

/** Targets are data, not code (SPEC "Organisation"). Months are 'YYYY-MM', inclusive. */
@Entity('target_plan')
@Unique('UQ_target_plan_code', ['code'])
@Check('CHK_target_plan_kind', enumCheck('kind', TargetKind))
@Check(
  'CHK_target_plan_months',
  `"start_month" ~ '^\\d{4}-(0[1-9]|1[0-2])$' AND "end_month" ~ '^\\d{4}-(0[1-9]|1[0-2])$' AND "end_month" >= "start_month"`,
)
export class TargetPlan {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: TargetKind;

  @Column({ type: 'char', length: 7 })
  startMonth!: string;

  @Column({ type: 'char', length: 7 })
  endMonth!: string;

  /** The policy text the plan comes from, e.g. 昆新产推办〔2022〕10号. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  basis!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
