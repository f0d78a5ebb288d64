import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { ExportKind, ExportStatus } from './entities/export.enums.js';

export interface ExportRecord {
  id: string;
  kind: ExportKind;
  params: Record<string, unknown>;
  requestedBy: number;
  requestedByName: string;
  districtId: number | null;
  status: ExportStatus;
  progressPercent: number;
  progressMessage: string | null;
  rowCount: number | null;
  fileName: string;
  sizeBytes: number | null;
  sha256: string | null;
  errorMessage: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `e.id, e.kind, e.params, e.requested_by AS "requestedBy", u.display_name AS "requestedByName",
  e.district_id AS "districtId", e.status, e.progress_percent AS "progressPercent", e.progress_message AS "progressMessage",
  e.row_count AS "rowCount", e.file_name AS "fileName", e.size_bytes::float8 AS "sizeBytes", e.sha256,
  e.error_message AS "errorMessage", e.created_at AS "createdAt", e.started_at AS "startedAt", e.finished_at AS "finishedAt"`;

/** Queries of export records and their stored pieces; no rules here. */
@Injectable()
export class ExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    row: {
      kind: ExportKind;
      params: Record<string, unknown>;
      requestedBy: number;
      districtId: number | null;
      fileName: string;
    },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO data_export (kind, params, requested_by, district_id, file_name, status, progress_message)
       VALUES ($1, $2, $3, $4, $5, $6, '等待处理') RETURNING id`,
      [row.kind, JSON.stringify(row.params), row.requestedBy, row.districtId, row.fileName, ExportStatus.Queued],
    );
    return id;
  }

  async find(id: string): Promise<ExportRecord | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM data_export e JOIN app_user u ON u.id = e.requested_by WHERE e.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Newest first; `requestedBy` null lists everyone's. */
  list(requestedBy: number | null, limit: number): Promise<ExportRecord[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM data_export e JOIN app_user u ON u.id = e.requested_by
        WHERE $1::int IS NULL OR e.requested_by = $1 ORDER BY e.created_at DESC, e.id LIMIT $2`,
      [requestedBy, limit],
    );
  }

  /** Claims a queued (or interrupted running) export for a run, dropping any pieces of an earlier attempt. */
  async start(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await manager.query(
        `UPDATE data_export SET status = $2, started_at = now(), progress_percent = 0, progress_message = '正在准备',
                chunk_count = 0, updated_at = now()
          WHERE id = $1 AND status IN ($3, $2) RETURNING id`,
        [id, ExportStatus.Running, ExportStatus.Queued],
      );
      if (claimed.length === 0) return false;
      await manager.query(`DELETE FROM data_export_chunk WHERE export_id = $1`, [id]);
      return true;
    });
  }

  async progress(id: string, percent: number, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE data_export SET progress_percent = $2, progress_message = $3, updated_at = now() WHERE id = $1 AND status = $4`,
      [id, Math.max(0, Math.min(100, Math.floor(percent))), message.slice(0, 200), ExportStatus.Running],
    );
  }

  async insertChunk(id: string, seq: number, content: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO data_export_chunk (export_id, seq, content) VALUES ($1, $2, $3)`, [
      id,
      seq,
      content,
    ]);
  }

  /** Done only when the stored pieces add up to the file written: otherwise it throws and the run fails. */
  async finish(id: string, file: { rows: number; bytes: number; chunks: number; sha256: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [stored] = await manager.query(
        `SELECT count(*)::int AS chunks, COALESCE(sum(octet_length(content)), 0)::float8 AS bytes
           FROM data_export_chunk WHERE export_id = $1`,
        [id],
      );
      if (stored.chunks !== file.chunks || stored.bytes !== file.bytes) {
        throw new Error(`stored ${stored.chunks} pieces / ${stored.bytes} bytes, wrote ${file.chunks} / ${file.bytes}`);
      }
      await manager.query(
        `UPDATE data_export SET status = $2, progress_percent = 100, progress_message = '已完成', row_count = $3,
                size_bytes = $4, sha256 = $5, chunk_count = $6, finished_at = now(), updated_at = now()
          WHERE id = $1 AND status = $7`,
        [id, ExportStatus.Done, file.rows, file.bytes, file.sha256, file.chunks, ExportStatus.Running],
      );
    });
  }

  /** A failed run leaves its record and message and no piece of a file. */
  async fail(id: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM data_export_chunk WHERE export_id = $1`, [id]);
      await manager.query(
        `UPDATE data_export SET status = $2, error_message = $3, progress_message = '导出失败', chunk_count = 0,
                finished_at = now(), updated_at = now()
          WHERE id = $1 AND status IN ($4, $5)`,
        [id, ExportStatus.Failed, message.slice(0, 500), ExportStatus.Queued, ExportStatus.Running],
      );
    });
  }

  /** The stored file, piece by piece in order: at most one piece in memory. */
  openFile(id: string, chunks: number): Readable {
    const dataSource = this.dataSource;
    async function* pieces(): AsyncGenerator<Buffer> {
      for (let seq = 0; seq < chunks; seq += 1) {
        const [row] = await dataSource.query(
          `SELECT content FROM data_export_chunk WHERE export_id = $1 AND seq = $2`,
          [id, seq],
        );
        if (!row) throw new Error(`export ${id} is missing piece ${seq}`);
        yield row.content as Buffer;
      }
    }
    return Readable.from(pieces());
  }

  async chunkCount(id: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT chunk_count AS n FROM data_export WHERE id = $1`, [id]);
    return row?.n ?? 0;
  }

  /** Queued exports never handed to the queue (it was down), older than the given age. */
  async queuedSince(seconds: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM data_export WHERE status = $1 AND updated_at <= now() - make_interval(secs => $2)
        ORDER BY created_at LIMIT 200`,
      [ExportStatus.Queued, seconds],
    );
    return rows.map((r) => r.id);
  }

  /** Running exports whose heartbeat stopped (the process died): failed, their pieces removed. */
  async failStalled(seconds: number, message: string): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM data_export WHERE status = $1 AND updated_at <= now() - make_interval(secs => $2)`,
      [ExportStatus.Running, seconds],
    );
    for (const { id } of rows) await this.fail(id, message);
    return rows.length;
  }
}
