/**
 * Which worksheets a workbook has, in its own order, and which part holds each: xl/workbook.xml's <sheet> list
 * resolved through xl/_rels/workbook.xml.rels, as Excel and exceljs's in-memory reader resolve it (a relative target
 * is under xl/, one starting with '/' is from the package root). Also the shared-strings and styles parts.
 *
 * exceljs's streaming reader matches a sheet to its part only by the literal target `worksheets/sheetN.xml` and
 * otherwise names it `SheetN`; its order is the zip's. Reading the list here keeps names and order right for any
 * writer. Parsed with saxes, the XML parser exceljs itself uses, so names decode the same way.
 */
import { posix } from 'node:path';
import { SaxesParser, SaxesTagPlain } from 'saxes';

export interface ManifestSheet {
  /** As written in xl/workbook.xml (untrimmed). */
  name: string;
  /** 'visible' when absent; 'hidden' or 'veryHidden' otherwise. */
  state: string;
  /** The zip entry holding the sheet's XML, e.g. 'xl/worksheets/sheet2.xml'. */
  part: string;
}

export interface WorkbookManifest {
  /** Worksheets whose part exists, in workbook order. Chart and dialog sheets are left out. */
  sheets: ManifestSheet[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

export const WORKBOOK_PART = 'xl/workbook.xml';
export const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';

/**
 * The parts the manifest and the streaming read need from the container check: the XML directly under xl/ (workbook,
 * shared strings, styles), the workbook's relationships and the worksheets.
 */
export function isWorkbookXmlPart(name: string): boolean {
  return /^xl\/[^/]+\.xml$|^xl\/_rels\/workbook\.xml\.rels$|^xl\/worksheets\/[^/]+\.xml$/.test(name);
}

const REL_TYPE = {
  worksheet: '/worksheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
} as const;

/**
 * Reads the manifest from the workbook's parts (name → bytes). Throws on XML that does not parse; a workbook without
 * relationships has no sheets, as in Excel.
 */
export function readWorkbookManifest(parts: ReadonlyMap<string, Buffer>): WorkbookManifest {
  const workbook = parts.get(WORKBOOK_PART);
  if (!workbook) throw new Error(`${WORKBOOK_PART} missing`);
  const declared: { name: string; state: string; rId: string }[] = [];
  parseXml(workbook, (tag) => {
    if (tag.name !== 'sheet') return;
    const { name, state, 'r:id': rId } = tag.attributes;
    if (name !== undefined && rId !== undefined) declared.push({ name, state: state ?? 'visible', rId });
  });

  const targets = new Map<string, { type: string; part: string }>();
  const rels = parts.get(WORKBOOK_RELS_PART);
  if (rels) {
    parseXml(rels, (tag) => {
      if (tag.name !== 'Relationship' || tag.attributes.TargetMode === 'External') return;
      const { Id: id, Type: type = '', Target: target } = tag.attributes;
      if (id !== undefined && target !== undefined) targets.set(id, { type, part: resolveTarget(target) });
    });
  }
  const ofType = (suffix: string) => (rel: { type: string }) => rel.type.endsWith(suffix);
  const sheets = declared.flatMap(({ name, state, rId }) => {
    const rel = targets.get(rId);
    return rel && ofType(REL_TYPE.worksheet)(rel) && parts.has(rel.part) ? [{ name, state, part: rel.part }] : [];
  });
  // Without a relationship, the conventional part name still counts, as it does for exceljs's in-memory reader.
  const partOf = (suffix: string, conventional: string) => {
    const part = [...targets.values()].find(ofType(suffix))?.part;
    return [part, conventional].find((name) => name !== undefined && parts.has(name)) ?? null;
  };
  return {
    sheets,
    sharedStringsPart: partOf(REL_TYPE.sharedStrings, 'xl/sharedStrings.xml'),
    stylesPart: partOf(REL_TYPE.styles, 'xl/styles.xml'),
  };
}

/** 'worksheets/sheet1.xml' and '/xl/worksheets/sheet1.xml' → 'xl/worksheets/sheet1.xml'. */
function resolveTarget(target: string): string {
  const trimmed = target.trim();
  const path = trimmed.startsWith('/') ? trimmed.slice(1) : posix.join('xl', trimmed);
  return posix.normalize(path).replace(/^(\.\.\/)+/, '');
}

function parseXml(xml: Buffer, onOpenTag: (tag: SaxesTagPlain) => void): void {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on('error', (error) => (failure ??= error));
  parser.on('opentag', onOpenTag);
  parser.write(xml.toString('utf8')).close();
  if (failure) throw failure;
}
