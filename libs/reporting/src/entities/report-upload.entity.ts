import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  Unique,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { User } from '@app/auth';
import { DistrictReport } from './district-report.entity.js';
import { UploadStatus } from './reporting.enums.js';
import { ReportVersion } from './report-version.entity.js';

/**
 * Every file a district uploaded, valid or not, with its original bytes: written before anything is queued,
 * so an upload is never lost (the row is the outbox).
 */
@Entity('report_upload')
@Check('CHK_report_upload_status', enumCheck('status', UploadStatus))
@Check('CHK_report_upload_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('CHK_report_upload_size', '"size_bytes" >= 0 AND "size_bytes" = octet_length("content")')
// The same bytes for the same report are one upload: a repeat is recognised, never stored twice (issue 3 §4).
@Unique('UQ_report_upload_report_sha', ['reportId', 'sha256'])
@Index('IDX_report_upload_pending', ['status', 'receivedAt'])
export class ReportUpload {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'int' })
  reportId!: number;

  @ManyToOne(() => DistrictReport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<DistrictReport>;

  @Column({ type: 'int' })
  uploadedBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ type: 'varchar', length: 12, default: UploadStatus.Received })
  status!: UploadStatus;

  @Column({ type: 'int', default: 0 })
  errorCount!: number;

  /** Every validation error: { sheet, row, column, value, message }. */
  @Column({ type: 'jsonb', nullable: true })
  errors!: unknown;

  @Column({ type: 'int', nullable: true })
  versionId!: number | null;

  @ManyToOne(() => ReportVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<ReportVersion>;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
