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
  UpdateDateColumn,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { User } from '@app/auth';
import { District } from '@app/org';
import { ExportKind, ExportStatus } from './export.enums.js';

/**
 * One requested export: what, for whom, how far it got, and the stored file once done. The file itself is in
 * data_export_chunk (see there for why). A failed export keeps its record and its message, never a partial file.
 */
@Entity('data_export')
@Check('CHK_data_export_kind', enumCheck('kind', ExportKind))
@Check('CHK_data_export_status', enumCheck('status', ExportStatus))
@Check('CHK_data_export_progress', '"progress_percent" BETWEEN 0 AND 100')
@Check(
  'CHK_data_export_done',
  `"status" <> 'done' OR ("size_bytes" IS NOT NULL AND "sha256" IS NOT NULL AND "row_count" IS NOT NULL AND "finished_at" IS NOT NULL)`,
)
@Check('CHK_data_export_failed', `"status" <> 'failed' OR ("error_message" IS NOT NULL AND "finished_at" IS NOT NULL)`)
@Check('CHK_data_export_sha256', `"sha256" IS NULL OR "sha256" ~ '^[0-9a-f]{64}$'`)
@Index('IDX_data_export_requester', ['requestedBy', 'createdAt'])
@Index('IDX_data_export_status', ['status', 'updatedAt'])
export class DataExport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: ExportKind;

  /** The normalised request (month, plan, ranking, district, and for raw data the versions it covers). */
  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ type: 'int' })
  requestedBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: Relation<User>;

  /** The district the data is limited to; null for city-wide exports. */
  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'varchar', length: 10, default: ExportStatus.Queued })
  status!: ExportStatus;

  @Column({ type: 'smallint', default: 0 })
  progressPercent!: number;

  /** Chinese, shown beside the progress bar. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  progressMessage!: string | null;

  /** Data rows written (all sheets). */
  @Column({ type: 'int', nullable: true })
  rowCount!: number | null;

  @Column({ type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'int', default: 0 })
  chunkCount!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  errorMessage!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Moves with every progress report: a running export whose heartbeat stops is failed by the relay. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
