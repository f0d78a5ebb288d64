import { Injectable, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AuthenticatedUser } from '@app/core';
import { GovCellKind } from '@app/excel';

export const BULLETIN_SECTION_METADATA = 'evc:bulletin-section';

export type BulletinCell = string | number | null;

/** A table of the bulletin: plain data, so the workbook and the print page render the same thing. */
export interface BulletinTable {
  columns: { header: string; kind: GovCellKind; scale?: number; numFmt?: string; width?: number }[];
  rows: BulletinCell[][];
  /** ARGB fill per cell (e.g. 正常/预警/滞后), or null. */
  fills?: (string | null)[][];
}

export interface BulletinSectionContent {
  /** Heading, e.g. 「数据异常」. */
  title: string;
  /** Paragraphs of the text part of the bulletin. */
  summary: string[];
  /** Listed as a sheet of its own in the workbook and a table on the print page; omitted when null. */
  table: BulletinTable | null;
}

export interface BulletinContext {
  user: AuthenticatedUser;
  month: string;
  planId: number;
}

/**
 * A section of the monthly 通报 contributed by another library (issue 5 §3). Extension point: anomaly flags
 * (libs/anomaly), platform mismatches (libs/subsidy's cross-check), subsidy and rating summaries are added after
 * merge as providers decorated with @BulletinSectionProvider(), in any module the API and worker import. Sections
 * appear after the built-in ones, by `order`; a section that returns null this month is left out.
 */
export interface BulletinSection {
  readonly key: string;
  readonly order: number;
  build(context: BulletinContext): Promise<BulletinSectionContent | null>;
}

export const BulletinSectionProvider = (): ClassDecorator => SetMetadata(BULLETIN_SECTION_METADATA, true);

/** Finds the @BulletinSectionProvider providers of the running process. */
@Injectable()
export class BulletinSectionRegistry {
  private sections?: BulletinSection[];

  constructor(private readonly discovery: DiscoveryService) {}

  all(): BulletinSection[] {
    if (this.sections) return this.sections;
    this.sections = this.discovery
      .getProviders()
      .filter(
        ({ metatype, instance }) => metatype && instance && Reflect.getMetadata(BULLETIN_SECTION_METADATA, metatype),
      )
      .map(({ instance }) => instance as BulletinSection)
      .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
    return this.sections;
  }
}
