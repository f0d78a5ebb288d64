/**
 * The parse time limit (issue 6 §3). exceljs parses a workbook synchronously in long stretches, so a timer in the
 * same thread never fires mid-parse and a file that passes the container limits could still hold a job (and the
 * worker process's event loop, with its queue locks) for as long as it likes. The parse therefore runs in a worker
 * thread, and at the deadline the thread is terminated: V8 interrupts it wherever it is.
 *
 * Threads are kept warm and reused (loading exceljs costs a few hundred ms); a terminated one is replaced on demand.
 * Idle threads are unref'd, so they never keep a process alive.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ReportWorkbookRead, READER_MESSAGES } from '../report-workbook.reader.js';
import { WorkbookLimits } from '../workbook-container.inspector.js';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  limits: Partial<WorkbookLimits>;
}

export type ParseResponse =
  | { id: number; started: true }
  | { id: number; ok: true; result: ReportWorkbookRead }
  | { id: number; ok: false; message: string };

export interface ParseOptions {
  /** Wall-clock limit of the parse; the thread is terminated when it is reached. */
  timeoutMs: number;
  limits?: Partial<WorkbookLimits>;
}

/** Threads kept for reuse; a process runs at most this many parses at once, more wait for a free thread. */
const MAX_THREADS = 2;
/** A new thread that has not taken its first message by then is taken for broken. */
const THREAD_START_TIMEOUT_MS = 30_000;

/**
 * Under jest or a benchmark the code runs from TypeScript source: the thread then compiles the entry (and what it
 * imports) with @swc/core, a dev dependency, the same way jest does. The build runs the compiled .js.
 */
const TS_SOURCE_BOOTSTRAP = `
const Module = require('node:module');
const { readFileSync, existsSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js') && parent && parent.filename) {
    const candidate = require('node:path').join(require('node:path').dirname(parent.filename), request.replace(/\\.js$/, '.ts'));
    if (existsSync(candidate)) request = candidate;
  }
  return original.call(this, request, parent, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(require('node:worker_threads').workerData.entry);
`;

/**
 * A parse's heap is capped too: the container limits keep a real workbook far below this (500,000 cells take about
 * 450 MB), and a file that still needs more kills only its thread, never the process.
 */
const THREAD_HEAP_MB = 1024;

function spawnThread(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: THREAD_HEAP_MB };
  const compiled = join(__dirname, 'report-parse.worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { resourceLimits });
  return new Worker(TS_SOURCE_BOOTSTRAP, {
    eval: true,
    resourceLimits,
    workerData: { entry: join(__dirname, 'report-parse.worker.ts') },
  });
}

class ParseThreadPool {
  private readonly idle: Worker[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  private nextId = 1;

  async run(bytes: Buffer, options: ParseOptions): Promise<ReportWorkbookRead> {
    await this.slot();
    const thread = this.idle.pop() ?? spawnThread();
    thread.ref();
    const id = this.nextId++;
    let reusable = false;
    try {
      type Outcome = Exclude<ParseResponse, { started: true }> | 'timeout' | 'out-of-memory';
      const response = await new Promise<Outcome>((resolve, reject) => {
        let timer = setTimeout(
          () => reject(new Error('parse thread did not start')),
          THREAD_START_TIMEOUT_MS + options.timeoutMs,
        );
        const cleanup = () => {
          clearTimeout(timer);
          thread.off('message', onMessage);
          thread.off('error', onError);
          thread.off('exit', onExit);
        };
        const onMessage = (message: ParseResponse) => {
          if (message.id !== id) return;
          if ('started' in message) {
            clearTimeout(timer);
            timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
            return;
          }
          cleanup();
          resolve(message);
        };
        const onError = (error: Error) => {
          cleanup();
          if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') resolve('out-of-memory');
          else reject(error);
        };
        const onExit = (code: number) => {
          cleanup();
          reject(new Error(`parse thread exited with code ${code}`));
        };
        thread.on('message', onMessage);
        thread.once('error', onError);
        thread.once('exit', onExit);
        thread.postMessage({ id, bytes, limits: options.limits ?? {} } satisfies ParseRequest);
      });
      if (response === 'timeout') return fileError(READER_MESSAGES.parseTimeout(options.timeoutMs / 1000));
      if (response === 'out-of-memory') return fileError(READER_MESSAGES.parseOutOfMemory);
      if (!response.ok) throw new Error(response.message);
      reusable = true;
      return response.result;
    } finally {
      if (reusable) {
        thread.unref();
        this.idle.push(thread);
      } else {
        await thread.terminate().catch(() => undefined);
      }
      this.release();
    }
  }

  /** Stops every idle thread (tests, shutdown). Running parses finish first. */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((thread) => thread.terminate()));
  }

  private async slot(): Promise<void> {
    while (this.busy >= MAX_THREADS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy += 1;
  }

  private release(): void {
    this.busy -= 1;
    this.waiting.shift()?.();
  }
}

function fileError(message: string): ReportWorkbookRead {
  return {
    meta: null,
    communities: { complete: false, rows: [], invalidRowCodes: [] },
    facilities: { complete: false, rows: [], invalidRowCodes: [] },
    errors: [{ sheet: '', row: null, column: null, value: null, message }],
  };
}

const pool = new ParseThreadPool();

/**
 * readReportWorkbook in a worker thread under a deadline. A file still being parsed at the deadline comes back like
 * any other bad file: no rows, one file-level error (READER_MESSAGES.parseTimeout); so does one whose parse needs
 * more than the thread's heap. Throws only when the thread fails otherwise (a bug), so that the caller's job is
 * retried.
 */
export function readReportWorkbookWithin(bytes: Buffer, options: ParseOptions): Promise<ReportWorkbookRead> {
  return pool.run(bytes, options);
}

export function closeParseThreads(): Promise<void> {
  return pool.close();
}
