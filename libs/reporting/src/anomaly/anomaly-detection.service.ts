import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addMonths } from '@app/core';
import { lastDayOfMonth } from '../ingest/report-rules.js';
import { RegisterSyncService } from '../review/register-sync.service.js';
import { AnomalyRepository, NewAnomalyFlag } from './anomaly.repository.js';
import { anomalyRuleTexts } from './anomaly-settings.js';
import { AnomalySettingsService } from './anomaly-settings.service.js';
import { AnomalyFinding, detectAnomalies, DistrictTotals } from './anomaly-rules.js';

export interface VersionToCheck {
  id: number;
  month: string;
  district: { id: number; code: string; name: string };
}

/**
 * Issue 4 §8: flags a new version when it is created, so the office sees them on review before accepting. Runs in
 * the transaction that creates the version (the district's report row is locked). The figures compared:
 *   - the district's totals at the period's end from the register as last accepted (what acceptance would change);
 *   - the same totals with this version applied: the acceptance's own register sync run inside a savepoint and
 *     rolled back, then the snapshots' definitions (one definition of "covered", "built", "piles", not two);
 *   - the district's monthly snapshots over the history window (this month's increase is taken from last month's
 *     snapshot, as the history's are), and the city's other districts at the period's end.
 */
@Injectable()
export class AnomalyDetectionService {
  private readonly logger = new Logger('AnomalyDetectionService');

  constructor(
    private readonly repository: AnomalyRepository,
    private readonly registerSync: RegisterSyncService,
    private readonly settings: AnomalySettingsService,
  ) {}

  async flagVersion(manager: EntityManager, version: VersionToCheck): Promise<AnomalyFinding[]> {
    const settings = await this.settings.get(manager);
    const { district, month } = version;
    const periodEnd = lastDayOfMonth(month);
    const { cityId, peers } = await this.repository.cityPeers(manager, district.id);
    const atPeriodEnd = (
      await this.repository.totals(manager, [periodEnd], [district.id, ...peers.map((p) => p.id)])
    ).get(periodEnd)!;
    const accepted = atPeriodEnd.get(district.id) ?? null;
    const history = await this.repository.snapshotHistory(
      manager,
      cityId,
      district.id,
      addMonths(month, -settings.jump.historyMonths - 1),
      addMonths(month, -1),
    );
    const facilities = await this.repository.facilityComparisons(manager, version.id);
    const communities = await this.repository.communityComparisons(manager, version.id, periodEnd);
    const reported = await this.reportedTotals(manager, version, periodEnd);
    const findings = detectAnomalies(
      {
        drops: { district, accepted, reported, facilities, communities },
        jumps: reported ? { district, month, history, reported } : null,
        peers: reported
          ? {
              district: { ...district, totals: reported },
              peers: peers.flatMap((p) => {
                const totals = atPeriodEnd.get(p.id);
                return totals ? [{ code: p.code, totals }] : [];
              }),
            }
          : null,
      },
      settings,
    );
    const rules = anomalyRuleTexts(settings);
    const flags: NewAnomalyFlag[] = findings.map((f) => ({
      ...f,
      versionId: version.id,
      districtId: district.id,
      month,
      subjectName: f.subjectName.slice(0, 100),
      explanation: f.explanation.slice(0, 1000),
      rulesText: rules[f.kind],
    }));
    await this.repository.insert(manager, flags);
    return findings;
  }

  /** The district's totals at the period's end as if the version were accepted; null if that cannot be worked out. */
  private async reportedTotals(
    manager: EntityManager,
    version: VersionToCheck,
    periodEnd: string,
  ): Promise<DistrictTotals | null> {
    await manager.query('SAVEPOINT anomaly_preview');
    try {
      await this.registerSync.apply(manager, version.id, version.month, version.district);
      const totals = await this.repository.totals(manager, [periodEnd], [version.district.id]);
      return totals.get(periodEnd)?.get(version.district.id) ?? null;
    } catch (error) {
      // The same sync runs again at acceptance and reports its error there; here it only means no district figures.
      this.logger.warn(`版本 ${version.id} 无法预演入库，跳过区县合计的异常检查：${(error as Error).message}`);
      return null;
    } finally {
      await manager.query('ROLLBACK TO SAVEPOINT anomaly_preview');
    }
  }
}
