import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { DataExport } from './data-export.entity.js';

/**
 * An export's file in pieces of about 1 MiB, in PostgreSQL rather than under a data directory: API and worker
 * processes may run on different hosts and share only PostgreSQL and Redis, and a 300,000-row workbook (tens of MB)
 * written as one bytea parameter would sit whole in the worker's memory (twice, escaped). Pieces are inserted as the
 * streaming writer produces them and streamed back in order on download.
 */
@Entity('data_export_chunk')
@Check('CHK_data_export_chunk_seq', '"seq" >= 0')
export class DataExportChunk {
  @PrimaryColumn({ type: 'uuid' })
  exportId!: string;

  @ManyToOne(() => DataExport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'export_id' })
  export?: Relation<DataExport>;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
