import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { GovCellKind, GovernmentWorkbook } from '@app/excel';
import { EXPORT_CHUNK_BYTES, ExportChunkSink, writeInto } from './export-chunk.sink.js';

describe('ExportChunkSink', () => {
  it('stores ~1 MiB pieces in order, each before taking more, and hashes the whole', async () => {
    const stored: { seq: number; size: number }[] = [];
    let inFlight = 0;
    const sink = new ExportChunkSink(async (seq, content) => {
      inFlight += 1;
      expect(inFlight).toBe(1); // one insert at a time: the next write waits for this one
      await new Promise((r) => setTimeout(r, 2));
      stored.push({ seq, size: content.length });
      inFlight -= 1;
    });
    // 2.5 MiB in 100 KiB writes: pieces of 1 MiB + a little (the write that crossed the mark), then the rest.
    const piece = Buffer.alloc(100 * 1024, 7);
    const total = Buffer.concat(Array.from({ length: 25 }, () => piece));
    await pipeline(Readable.from(Array.from({ length: 25 }, () => piece)), sink);
    expect(stored.map((s) => s.seq)).toEqual([0, 1, 2]);
    expect(
      stored.slice(0, 2).every((s) => s.size >= EXPORT_CHUNK_BYTES && s.size < EXPORT_CHUNK_BYTES + piece.length),
    ).toBe(true);
    expect(stored.reduce((n, s) => n + s.size, 0)).toBe(total.length);
    expect(sink.bytes).toBe(total.length);
    expect(sink.chunks).toBe(3);
    expect(sink.digest()).toBe(createHash('sha256').update(total).digest('hex'));
  });

  it('fails the stream when a piece cannot be stored', async () => {
    const sink = new ExportChunkSink(async (seq) => {
      if (seq === 1) throw new Error('disk full');
    });
    const piece = Buffer.alloc(600 * 1024);
    await expect(pipeline(Readable.from([piece, piece, piece, piece, piece]), sink)).rejects.toThrow('disk full');
  });
});

describe('writeInto', () => {
  it('stops a streaming table at once when a piece is refused part-way, instead of waiting forever', async () => {
    const stored: number[] = [];
    // Pieces of 16 KiB, so the second is refused early in a table that would be megabytes.
    const sink = new ExportChunkSink(async (seq) => {
      if (seq === 1) throw new Error('disk full');
      stored.push(seq);
    }, 16 * 1024);
    const workbook = new GovernmentWorkbook(sink);
    let batches = 0;
    async function* pages() {
      // megabytes of hard-to-compress text in pages, far more than the two pieces the sink takes
      for (let p = 0; p < 200; p += 1) {
        batches += 1;
        yield Array.from({ length: 200 }, (_, i) => `${p}-${i}-${Math.random().toString(36).repeat(4)}`);
      }
    }
    const columns = [{ header: '文本', kind: GovCellKind.Text, value: (r: string) => r }];
    const run = writeInto(
      sink,
      () => workbook.addTable({ sheetName: 's', title: 't', unit: 'u', reportDate: '2026-01-01', columns }, pages()),
      () => workbook.commit(),
    );
    await expect(run).rejects.toThrow('disk full');
    expect(stored).toEqual([0]);
    expect(batches).toBeLessThan(50);
  });
});
