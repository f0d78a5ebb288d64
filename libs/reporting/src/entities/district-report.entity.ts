import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  Relation,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { District } from '@app/org';
import { ReportingPeriod } from './reporting-period.entity.js';
import { ReportState } from './reporting.enums.js';
import { ReportVersion } from './report-version.entity.js';

/** One district's report for one period; its uploads and versions hang under it. */
@Entity('district_report')
@Check('CHK_district_report_state', enumCheck('state', ReportState))
@Check('CHK_district_report_version_count', '"version_count" >= 0')
@Index('UQ_district_report_period_district', ['periodId', 'districtId'], { unique: true })
export class DistrictReport {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  periodId!: number;

  @ManyToOne(() => ReportingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id' })
  period?: Relation<ReportingPeriod>;

  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'varchar', length: 16, default: ReportState.NotSubmitted })
  state!: ReportState;

  /** Set by the deadline step when nothing was submitted in time. */
  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ type: 'int', default: 0 })
  versionCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSubmittedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  acceptedVersionId!: number | null;

  @ManyToOne(() => ReportVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_version_id' })
  acceptedVersion?: Relation<ReportVersion>;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
