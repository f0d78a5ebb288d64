import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser, Clock, shanghaiDate } from '@app/core';
import { AuditService } from '@app/auth';
import { PlatformApiKey } from '../entities/platform-api-key.entity.js';
import {
  PLATFORM_IMPORT_SCOPE_LABELS_ZH,
  PLATFORM_IMPORT_SOURCE_LABELS_ZH,
  PlatformImportScope,
  PlatformImportSource,
} from '../entities/platform.enums.js';
import { PlatformImportSummary, PlatformRepository } from '../platform.repository.js';
import { readPlatformFile } from './platform-file.reader.js';
import { readPlatformPush } from './platform-push.rules.js';
import { PlatformImportError, PlatformRecordValues } from './platform-record.rules.js';

export interface PlatformImportReceipt extends PlatformImportSummary {
  sourceLabel: string;
  scopeLabel: string;
}

export const IMPORT_MESSAGES = {
  noFile: '请选择要导入的文件（表单字段 file）',
  rejected: (count: number) => `市级平台数据有 ${count} 处错误，未导入任何数据；请修改后重新导入`,
  duplicate: (id: number, at: Date) => `该文件已于 ${shanghaiDate(at)} 导入（导入批次 #${id}），未重复导入`,
  notFound: '导入批次不存在',
} as const;

/**
 * Imports of the municipal platform's list (issue 4 §4): an .xlsx/.csv the office uploads, or JSON the platform
 * pushes with its key. All or nothing: every error comes back at once and nothing is written; a valid import is one
 * transaction with its audit event. Earlier imports are never changed (the database refuses it).
 */
@Injectable()
export class PlatformImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PlatformRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async importFile(
    user: AuthenticatedUser,
    file: { originalName: string; bytes: Buffer } | undefined,
    scope: PlatformImportScope = PlatformImportScope.Full,
  ): Promise<PlatformImportReceipt> {
    if (!file) throw AppError.validation(IMPORT_MESSAGES.noFile);
    const read = await readPlatformFile(file.bytes, file.originalName, await this.context());
    refuseErrors(read.errors);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const fileName = file.originalName.slice(0, 255) || 'platform.xlsx';
    const id = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockImports(manager);
      const earlier = await this.repository.findFileImport(manager, sha256);
      if (earlier) throw AppError.conflict(IMPORT_MESSAGES.duplicate(earlier.id, earlier.importedAt));
      return this.write(manager, user, null, {
        source: read.source ?? PlatformImportSource.Xlsx,
        scope,
        fileName,
        sha256,
        records: read.records,
      });
    });
    return this.receipt(id);
  }

  /** The platform's push, already authenticated by its key. */
  async importPush(key: PlatformApiKey, body: unknown): Promise<PlatformImportReceipt> {
    const read = readPlatformPush(body, await this.context());
    refuseErrors(read.errors);
    const sha256 = createHash('sha256').update(JSON.stringify(read.records)).digest('hex');
    const id = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockImports(manager);
      return this.write(manager, null, key, {
        source: PlatformImportSource.Api,
        scope: read.scope,
        fileName: null,
        sha256,
        records: read.records,
      });
    });
    return this.receipt(id);
  }

  /**
   * Writes an import that already passed every rule, in the caller's transaction (the demo seeder calls this too).
   * The caller holds the import lock.
   */
  async write(
    manager: EntityManager,
    user: AuthenticatedUser | null,
    key: PlatformApiKey | null,
    input: {
      source: PlatformImportSource;
      scope: PlatformImportScope;
      fileName: string | null;
      sha256: string;
      records: readonly PlatformRecordValues[];
    },
  ): Promise<number> {
    const { id, monthlyRows } = await this.repository.insertImport(manager, {
      ...input,
      importedBy: user?.id ?? null,
      apiKeyId: key?.id ?? null,
    });
    await this.audit.record(
      user,
      {
        action: 'platform.import',
        entityType: 'platform_import',
        entityId: id,
        actorName: key ? `市级平台接口（${key.name}）` : undefined,
        after: {
          source: input.source,
          scope: input.scope,
          fileName: input.fileName,
          sha256: input.sha256,
          records: input.records.length,
          monthlyRows,
          apiKeyId: key?.id ?? null,
        },
      },
      manager,
    );
    return id;
  }

  async list(limit = 100): Promise<PlatformImportReceipt[]> {
    return (await this.repository.listImports(limit)).map(labelImport);
  }

  async view(id: number) {
    const summary = await this.repository.findImport(id);
    if (!summary) throw AppError.notFound(IMPORT_MESSAGES.notFound);
    return { ...labelImport(summary), records: await this.repository.importRecords(id) };
  }

  private async receipt(id: number): Promise<PlatformImportReceipt> {
    return labelImport((await this.repository.findImport(id))!);
  }

  private async context() {
    return { today: shanghaiDate(this.clock.now()), districts: await this.repository.districts() };
  }
}

function refuseErrors(errors: PlatformImportError[]): void {
  if (errors.length > 0) throw AppError.validation(IMPORT_MESSAGES.rejected(errors.length), errors);
}

export function labelImport(summary: PlatformImportSummary): PlatformImportReceipt {
  return {
    ...summary,
    sourceLabel: PLATFORM_IMPORT_SOURCE_LABELS_ZH[summary.source],
    scopeLabel: PLATFORM_IMPORT_SCOPE_LABELS_ZH[summary.scope],
  };
}
