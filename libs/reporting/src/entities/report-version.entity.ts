import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { enumCheck } from '@app/core';
import { User } from '@app/auth';
import { DistrictReport } from './district-report.entity.js';
import { ReportUpload } from './report-upload.entity.js';
import { VersionState } from './reporting.enums.js';

/** An accepted-for-review upload. Never changed after creation except its review fields; never deleted. */
@Entity('report_version')
@Unique('UQ_report_version_upload_id', ['uploadId'])
@Check('CHK_report_version_state', enumCheck('state', VersionState))
@Check('CHK_report_version_no', '"version_no" >= 1')
@Check(
  'CHK_report_version_returned_comment',
  `"state" <> 'returned' OR length(trim(COALESCE("review_comment", ''))) > 0`,
)
@Index('UQ_report_version_no', ['reportId', 'versionNo'], { unique: true })
export class ReportVersion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  reportId!: number;

  @ManyToOne(() => DistrictReport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<DistrictReport>;

  @Column({ type: 'int' })
  versionNo!: number;

  @Column({ type: 'uuid' })
  uploadId!: string;

  @ManyToOne(() => ReportUpload, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'upload_id' })
  upload?: Relation<ReportUpload>;

  @Column({ type: 'varchar', length: 20 })
  templateVersion!: string;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'int' })
  submittedBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: Relation<User>;

  /** Submitted no later than the period's deadline. */
  @Column({ type: 'boolean' })
  onTime!: boolean;

  @Column({ type: 'varchar', length: 12, default: VersionState.Submitted })
  state!: VersionState;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reviewComment!: string | null;

  @Column({ type: 'int', nullable: true })
  reviewedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by' })
  reviewer?: Relation<User>;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  communityRowCount!: number;

  @Column({ type: 'int', default: 0 })
  facilityRowCount!: number;
}
