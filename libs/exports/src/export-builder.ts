import { SetMetadata } from '@nestjs/common';
import { AuthenticatedUser } from '@app/core';
import { GovernmentWorkbook } from '@app/excel';
import { ExportKind } from './entities/export.enums.js';

export const EXPORT_BUILDER_METADATA = 'evc:export-builder';

/** What a request may carry; each builder says which fields it needs. */
export interface ExportRequestInput {
  month?: string;
  planId?: number;
  rankingId?: number;
  districtId?: number;
  /** Subsidy round (libs/subsidy), rating round (libs/rating): for the builders added after merge. */
  roundId?: number;
}

export interface PreparedExport {
  /** Stored with the record and handed back to `write`: everything the job needs, resolved at request time. */
  params: Record<string, unknown>;
  fileName: string;
  /** The district the data is limited to (null: city-wide). */
  districtId: number | null;
}

export interface ExportRunContext {
  /** The requester, as stored: the job reads with the same scope the request was checked with. */
  user: AuthenticatedUser;
  params: Record<string, unknown>;
  workbook: GovernmentWorkbook;
  /** 报送日期 of the tables, 'YYYY-MM-DD' (Asia/Shanghai, when the job runs). */
  reportDate: string;
  /** 0..100 and a Chinese message; stored on the export record and the job. */
  progress(percent: number, message: string): Promise<void>;
}

/**
 * One kind of export (issue 5 §2–3). Extension point: the subsidy list of a round and the property-company ratings
 * are added after merge as one provider each, decorated with @ExportBuilderFor(kind) and listed in a module the
 * API and the worker import; the request route and the job find them by kind.
 */
export interface ExportBuilder {
  /** Validates the request and the caller's access, and resolves what the job will need. Throws AppError. */
  prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport>;
  /** Writes the sheets; returns the data rows written. */
  write(context: ExportRunContext): Promise<{ rows: number }>;
}

export const ExportBuilderFor = (kind: ExportKind): ClassDecorator => SetMetadata(EXPORT_BUILDER_METADATA, kind);
