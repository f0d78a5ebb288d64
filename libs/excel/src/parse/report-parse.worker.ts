/**
 * Worker-thread entry: reads one uploaded workbook per message and posts the result back. Runs in its own thread so
 * that the parse can be stopped by terminating the thread (see report-parse.pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readReportWorkbook } from '../report-workbook.reader.js';
import type { ParseRequest, ParseResponse } from './report-parse.pool.js';

parentPort?.on('message', (request: ParseRequest) => {
  // The deadline runs from here: a thread's own start (loading exceljs) is not the file's time.
  parentPort?.postMessage({ id: request.id, started: true } satisfies ParseResponse);
  readReportWorkbook(Buffer.from(request.bytes), request.limits).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result } satisfies ParseResponse),
    (error: Error) =>
      parentPort?.postMessage({ id: request.id, ok: false, message: error.message } satisfies ParseResponse),
  );
});
