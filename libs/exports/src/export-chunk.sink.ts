import { createHash, Hash } from 'node:crypto';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** About 1 MiB a piece: few rows, and no piece large enough to matter in memory. */
export const EXPORT_CHUNK_BYTES = 1024 * 1024;

export type ChunkWriter = (seq: number, content: Buffer) => Promise<void>;

/**
 * The writable end of an export: collects the workbook's bytes into pieces and stores each piece before taking more
 * (its callback waits for the insert), so a slow database slows the writer instead of filling memory.
 */
export class ExportChunkSink extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private seq = 0;
  private total = 0;

  constructor(
    private readonly store: ChunkWriter,
    private readonly pieceBytes = EXPORT_CHUNK_BYTES,
  ) {
    super({ highWaterMark: 4 * pieceBytes });
  }

  get chunks(): number {
    return this.seq;
  }

  get bytes(): number {
    return this.total;
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.hash.update(chunk);
    this.total += chunk.length;
    if (this.pendingBytes < this.pieceBytes) return callback();
    this.flush().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush().then(() => callback(), callback);
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const content = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.store(this.seq, content);
    this.seq += 1;
  }
}

/**
 * Runs `build` against a workbook writing into `sink` and finishes the file. A sink that fails part-way (a piece
 * refused) stops the run at once with its error: the writer would otherwise wait for a drain or a finish that never
 * comes.
 */
export async function writeInto<T>(
  sink: ExportChunkSink,
  build: () => Promise<T>,
  commit: () => Promise<void>,
): Promise<T> {
  const failed = new Promise<never>((_, reject) => sink.once('error', reject));
  failed.catch(() => undefined);
  const done = finished(sink);
  done.catch(() => undefined);
  const result = await Promise.race([build(), failed]);
  await Promise.race([commit(), failed]);
  await Promise.race([done, failed]);
  return result;
}
