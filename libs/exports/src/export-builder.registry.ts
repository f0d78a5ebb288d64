import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppError } from '@app/core';
import { EXPORT_KIND_LABELS, ExportKind } from './entities/export.enums.js';
import { EXPORT_BUILDER_METADATA, ExportBuilder } from './export-builder.js';

/** Finds the @ExportBuilderFor providers of the running process. */
@Injectable()
export class ExportBuilderRegistry {
  private builders?: Map<ExportKind, ExportBuilder>;

  constructor(private readonly discovery: DiscoveryService) {}

  get(kind: ExportKind): ExportBuilder {
    const builder = this.all().get(kind);
    if (!builder) throw AppError.validation(`暂不支持导出「${EXPORT_KIND_LABELS[kind] ?? kind}」`);
    return builder;
  }

  kinds(): ExportKind[] {
    return [...this.all().keys()];
  }

  private all(): Map<ExportKind, ExportBuilder> {
    if (this.builders) return this.builders;
    const found = new Map<ExportKind, ExportBuilder>();
    for (const { metatype, instance } of this.discovery.getProviders()) {
      if (!metatype || !instance) continue;
      const kind = Reflect.getMetadata(EXPORT_BUILDER_METADATA, metatype) as ExportKind | undefined;
      if (!kind) continue;
      if (found.has(kind) && found.get(kind) !== instance) throw new Error(`Export kind "${kind}" has two builders`);
      found.set(kind, instance as ExportBuilder);
    }
    this.builders = found;
    return found;
  }
}
