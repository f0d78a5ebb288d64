import { readReportWorkbookWithin, REPORT_TEMPLATE_LABELS, TEMPLATE_SHEETS, TEMPLATE_VERSION } from '@app/excel';
import { CommunityInputRow, FacilityInputRow, ReportError, TemplateMeta } from './report-input.types.js';

export const CURRENT_TEMPLATE_VERSION = TEMPLATE_VERSION;
export const REPORT_SHEET_LABELS = REPORT_TEMPLATE_LABELS;

export interface ParsedReportFile {
  meta: TemplateMeta | null;
  communities: CommunityInputRow[];
  facilities: FacilityInputRow[];
  /** Rows the reader could not parse, and whether each sheet was read row by row at all. */
  unparsed: { communityCodes: Set<string>; facilityCodes: Set<string> };
  complete: { communities: boolean; facilities: boolean };
  errors: ReportError[];
}

/** The configuration's default (REPORT_PARSE_TIMEOUT_MS). */
export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;

/**
 * The Excel reader's result in the shape the report rules take. The parse runs in a worker thread that is stopped
 * at the deadline (issue 6 §3); a file still being parsed then comes back with one file-level error.
 */
export async function parseReportFile(
  content: Buffer,
  timeoutMs = DEFAULT_PARSE_TIMEOUT_MS,
): Promise<ParsedReportFile> {
  const read = await readReportWorkbookWithin(content, { timeoutMs });
  return {
    meta: read.meta,
    communities: read.communities.rows.map((r) => ({ rowNumber: r.rowNumber, ...r.values })),
    facilities: read.facilities.rows.map((r) => ({ rowNumber: r.rowNumber, ...r.values })),
    unparsed: {
      communityCodes: new Set(read.communities.invalidRowCodes),
      facilityCodes: new Set(read.facilities.invalidRowCodes),
    },
    complete: { communities: read.communities.complete, facilities: read.facilities.complete },
    errors: read.errors,
  };
}

const SHEET_ORDER = ['', TEMPLATE_SHEETS.meta, TEMPLATE_SHEETS.communities, TEMPLATE_SHEETS.facilities];

/** File, template marker, 社区, 充电设施; then by row, file-level (null) rows first. Stable otherwise. */
export function sortReportErrors(errors: ReportError[]): ReportError[] {
  const rank = (sheet: string) => {
    const index = SHEET_ORDER.indexOf(sheet);
    return index === -1 ? SHEET_ORDER.length : index;
  };
  return errors
    .map((error, index) => ({ error, index }))
    .sort(
      (a, b) =>
        rank(a.error.sheet) - rank(b.error.sheet) || (a.error.row ?? 0) - (b.error.row ?? 0) || a.index - b.index,
    )
    .map(({ error }) => error);
}
