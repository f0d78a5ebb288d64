import { Injectable } from '@nestjs/common';
import { AppError, assertDistrictAccess, AuthenticatedUser, Role } from '@app/core';
import { PlatformRepository } from '../platform.repository.js';
import { labelImport, PlatformImportReceipt } from '../import/platform-import.service.js';
import {
  CROSS_CHECK_ISSUE_LABELS_ZH,
  CrossCheckIssueKind,
  CrossCheckResult,
  crossCheckPlatform,
  CurrentPlatformRecord,
  unreportedMessage,
} from './platform-cross-check.js';

export interface CrossCheckView extends Omit<CrossCheckResult, 'unreported'> {
  /** The latest import; null when the platform's list was never imported (every claim is then unconfirmed). */
  latestImport: PlatformImportReceipt | null;
  basis: string;
  unreported: (CurrentPlatformRecord & { kind: CrossCheckIssueKind; label: string; message: string })[];
}

const BASIS =
  '以市级平台记录为准：每个平台编号取最近一次全量导入及其后各次导入中最新的记录；按区县报送的市级平台编号逐一比对（区分大小写，不做模糊匹配）。';

/** The cross-check for the office (every district, or one) and for a district (its own only). */
@Injectable()
export class PlatformCrossCheckService {
  constructor(private readonly repository: PlatformRepository) {}

  async check(user: AuthenticatedUser, districtId?: number): Promise<CrossCheckView> {
    const scope = user.role === Role.District ? (districtId ?? (user.districtId as number)) : districtId;
    if (scope !== undefined) {
      assertDistrictAccess(user, scope);
      const known = (await this.repository.districts()).some((d) => d.id === scope);
      if (!known) throw AppError.notFound('区县不存在');
    }
    // Every facility takes part: a record claimed in another district is not "unreported".
    const result = crossCheckPlatform(
      await this.repository.reportedFacilities(null),
      await this.repository.currentRecords(),
    );
    const inScope = (id: number | null) => scope === undefined || id === scope;
    const districts = result.districts.filter((d) => inScope(d.districtId));
    const latest = await this.repository.latestImport();
    return {
      latestImport: latest ? labelImport(latest) : null,
      basis: BASIS,
      facilities: result.facilities.filter((f) => inScope(f.facility.districtId)),
      unreported: result.unreported
        .filter((record) => inScope(record.districtId))
        .map((record) => ({
          ...record,
          kind: CrossCheckIssueKind.ConnectedNotReported,
          label: CROSS_CHECK_ISSUE_LABELS_ZH[CrossCheckIssueKind.ConnectedNotReported],
          message: unreportedMessage(record),
        })),
      districts,
      totals: districts.reduce(
        (sum, d) => ({
          reportedConnected: sum.reportedConnected + d.reportedConnected,
          matched: sum.matched + d.matched,
          reportedNotConnected: sum.reportedNotConnected + d.reportedNotConnected,
          connectedNotReported: sum.connectedNotReported + d.connectedNotReported,
          mismatched: sum.mismatched + d.mismatched,
        }),
        { reportedConnected: 0, matched: 0, reportedNotConnected: 0, connectedNotReported: 0, mismatched: 0 },
      ),
    };
  }
}
