import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser } from '@app/core';
import { AuditService } from '@app/auth';
import {
  ANOMALY_SETTINGS_KEY,
  AnomalySettings,
  anomalyRulesText,
  DEFAULT_ANOMALY_SETTINGS,
  parseAnomalySettings,
} from './anomaly-settings.js';

export interface AnomalySettingsView {
  settings: AnomalySettings;
  /** The rules in words, as shown beside the flags. */
  rulesText: string;
  isDefault: boolean;
}

/** The office's anomaly thresholds: defaults in code, changes in app_setting, validated both ways, audited. */
@Injectable()
export class AnomalySettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(manager: EntityManager = this.dataSource.manager): Promise<AnomalySettings> {
    return (await this.stored(manager)).settings;
  }

  async view(): Promise<AnomalySettingsView> {
    const { settings, isDefault } = await this.stored(this.dataSource.manager);
    return { settings, rulesText: anomalyRulesText(settings), isDefault };
  }

  async update(user: AuthenticatedUser, value: unknown): Promise<AnomalySettingsView> {
    const parsed = parseAnomalySettings(value);
    if (!parsed.ok) throw AppError.validation('异常检测设置不正确', parsed.errors);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT key FROM app_setting WHERE key = $1 FOR UPDATE`, [ANOMALY_SETTINGS_KEY]);
      const before = await this.get(manager);
      await manager.query(
        `INSERT INTO app_setting (key, value, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [ANOMALY_SETTINGS_KEY, JSON.stringify(parsed.settings), user.id],
      );
      await this.audit.record(
        user,
        {
          action: 'anomaly.settings.update',
          entityType: 'app_setting',
          entityId: ANOMALY_SETTINGS_KEY,
          before: { ...before },
          after: { ...parsed.settings },
        },
        manager,
      );
    });
    return { settings: parsed.settings, rulesText: anomalyRulesText(parsed.settings), isDefault: false };
  }

  /** A stored value that no longer validates (an older shape) falls back to the defaults rather than failing ingest. */
  private async stored(manager: EntityManager): Promise<{ settings: AnomalySettings; isDefault: boolean }> {
    const [row] = await manager.query(`SELECT value FROM app_setting WHERE key = $1`, [ANOMALY_SETTINGS_KEY]);
    if (!row) return { settings: DEFAULT_ANOMALY_SETTINGS, isDefault: true };
    const parsed = parseAnomalySettings(row.value);
    return parsed.ok
      ? { settings: parsed.settings, isDefault: false }
      : { settings: DEFAULT_ANOMALY_SETTINGS, isDefault: true };
  }
}
