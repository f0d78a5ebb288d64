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
import { PlatformApiKey } from './platform-api-key.entity.js';
import { PlatformImportScope, PlatformImportSource } from './platform.enums.js';

/**
 * One import of the municipal monitoring platform's list of connected facilities (issue 4 §4). Imports are history:
 * the database refuses changing or deleting one or its records; the current record of a platform id is the one in
 * the latest import that carries it, counting only imports since the latest full one.
 */
@Entity('platform_import')
@Check('CHK_platform_import_source', enumCheck('source', PlatformImportSource))
@Check('CHK_platform_import_scope', enumCheck('scope', PlatformImportScope))
@Check('CHK_platform_import_api_key', `("source" = 'api') = ("api_key_id" IS NOT NULL)`)
@Check('CHK_platform_import_counts', '"record_count" >= 0 AND "monthly_row_count" >= 0')
// The same file twice would only repeat an import; a push may legitimately repeat unchanged data.
@Index('UQ_platform_import_file_sha256', ['sha256'], { unique: true, where: `"source" IN ('xlsx', 'csv')` })
export class PlatformImport {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 8 })
  source!: PlatformImportSource;

  @Column({ type: 'varchar', length: 12 })
  scope!: PlatformImportScope;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  /** SHA-256 of the file, or of the pushed records as received. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'int' })
  recordCount!: number;

  @Column({ type: 'int' })
  monthlyRowCount!: number;

  /** The office user who uploaded the file; null for a push or the demo. */
  @Column({ type: 'int', nullable: true })
  importedBy!: number | null;

  @Column({ type: 'int', nullable: true })
  apiKeyId!: number | null;

  @ManyToOne(() => PlatformApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey?: Relation<PlatformApiKey>;

  @CreateDateColumn({ type: 'timestamptz' })
  importedAt!: Date;
}
