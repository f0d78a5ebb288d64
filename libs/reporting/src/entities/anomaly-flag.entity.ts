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
import { User } from '@app/auth';
import { District } from '@app/org';
import { AnomalyKind, AnomalyMetric, AnomalySubject } from '../anomaly/anomaly.enums.js';
import { ReportVersion } from './report-version.entity.js';

/**
 * Issue 4 §8: something unusual in a version, found when the version was created, for the office to see on review.
 * History like the version itself: never deleted, never rewritten (a trigger refuses); the office may confirm a
 * flag once (checked with the district, the figure stands), which is all that changes.
 */
@Entity('anomaly_flag')
@Check('CHK_anomaly_flag_kind', enumCheck('kind', AnomalyKind))
@Check('CHK_anomaly_flag_subject', enumCheck('subject', AnomalySubject))
@Check('CHK_anomaly_flag_metric', enumCheck('metric', AnomalyMetric))
@Check(
  'CHK_anomaly_flag_confirmed',
  `("confirmed_at" IS NULL) = ("confirmed_by" IS NULL) AND ("confirmed_at" IS NULL OR length(trim(COALESCE("confirmation_note", ''))) > 0)`,
)
@Index('IDX_anomaly_flag_version', ['versionId'])
@Index('IDX_anomaly_flag_month_district', ['month', 'districtId'])
export class AnomalyFlag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  versionId!: number;

  @ManyToOne(() => ReportVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<ReportVersion>;

  /** The version's district and month, kept here so the office's list filters without joins. */
  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AnomalyKind;

  @Column({ type: 'varchar', length: 10 })
  subject!: AnomalySubject;

  /** District code or facility code. */
  @Column({ type: 'varchar', length: 24 })
  subjectCode!: string;

  @Column({ type: 'varchar', length: 100 })
  subjectName!: string;

  @Column({ type: 'varchar', length: 40 })
  metric!: AnomalyMetric;

  /** The figure compared with, as text in the figure's unit (kW 3 decimals, ratios 2). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  previousValue!: string | null;

  @Column({ type: 'varchar', length: 24 })
  currentValue!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  threshold!: string | null;

  /** The statistic behind the flag (history, median, MAD, z, peers …) for a reviewer to recompute. */
  @Column({ type: 'jsonb' })
  figures!: Record<string, unknown>;

  /** One sentence in Chinese. */
  @Column({ type: 'varchar', length: 1000 })
  explanation!: string;

  /** The district's 备注 and reasons on the rows behind the flag: [{ source, text }]. */
  @Column({ type: 'jsonb' })
  remarks!: { source: string; text: string }[];

  /** Every row behind the flag carries a remark or reason. */
  @Column({ type: 'boolean' })
  explained!: boolean;

  /** The rule of its kind, with the thresholds it was found under (they may change later). */
  @Column({ type: 'varchar', length: 500 })
  rulesText!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'int', nullable: true })
  confirmedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'confirmed_by' })
  confirmer?: Relation<User>;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  confirmationNote!: string | null;
}
