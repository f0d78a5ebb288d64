import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, assertDistrictAccess, AuthenticatedUser, readableDistrictIds } from '@app/core';
import { AuditService } from '@app/auth';
import { VersionState } from '../entities/reporting.enums.js';
import { AnomalyFlagRow, AnomalyFlagView, AnomalyRepository } from './anomaly.repository.js';
import { ANOMALY_KIND_LABELS, ANOMALY_METRIC_LABELS, AnomalyKind, AnomalyMetric } from './anomaly.enums.js';

export interface FlagFilter {
  month?: string;
  districtId?: number;
  kind?: AnomalyKind;
}

/** The office's list of flags, a district's own, and the office's confirmation of a flag it has checked. */
@Injectable()
export class AnomalyFlagService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AnomalyRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthenticatedUser, filter: FlagFilter): Promise<AnomalyFlagView[]> {
    if (filter.districtId !== undefined) assertDistrictAccess(user, filter.districtId);
    return withLabels(await this.repository.list({ ...filter, scope: readableDistrictIds(user) }));
  }

  /** The flags of these versions, by version id (for the report view). */
  async byVersion(versionIds: number[]): Promise<Map<number, AnomalyFlagView[]>> {
    const byVersion = new Map<number, AnomalyFlagView[]>(versionIds.map((id) => [id, []]));
    if (versionIds.length === 0) return byVersion;
    for (const flag of withLabels(await this.repository.list({ versionIds, scope: null }))) {
      byVersion.get(flag.versionId)?.push(flag);
    }
    return byVersion;
  }

  /**
   * The office checked the figure with the district and it stands: the flag no longer counts against the district's
   * data quality. Once only; the flag itself is not changed.
   */
  async confirm(user: AuthenticatedUser, flagId: number, note: string): Promise<AnomalyFlagView> {
    const text = (note ?? '').trim();
    if (!text) throw AppError.validation('核实时须填写核实情况');
    if (text.length > 500) throw AppError.validation('核实情况不能超过 500 个字');
    await this.dataSource.transaction(async (manager) => {
      const flag = await this.repository.findForUpdate(manager, flagId);
      if (!flag) throw AppError.notFound('异常标记不存在');
      if (flag.confirmedAt) throw AppError.conflict('该异常标记已核实，不能重复操作');
      if (flag.versionState === VersionState.Superseded || flag.versionState === VersionState.Returned) {
        throw AppError.conflict('该版本已被替代或退回，无需核实其异常标记');
      }
      await this.repository.confirm(manager, flagId, user.id, text);
      await this.audit.record(
        user,
        {
          action: 'anomaly.confirm',
          entityType: 'anomaly_flag',
          entityId: flagId,
          districtId: flag.districtId,
          before: { confirmed: false },
          after: { confirmed: true, note: text },
        },
        manager,
      );
    });
    const [flag] = withLabels(await this.repository.list({ scope: null, flagIds: [flagId] }));
    return flag;
  }
}

function withLabels(flags: AnomalyFlagRow[]): AnomalyFlagView[] {
  return flags.map((f) => ({
    ...f,
    kindLabel: ANOMALY_KIND_LABELS[f.kind],
    metricLabel: ANOMALY_METRIC_LABELS[f.metric as AnomalyMetric] ?? f.metric,
  }));
}
