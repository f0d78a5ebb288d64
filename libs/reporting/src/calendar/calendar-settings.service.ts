import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@app/core';
import { AuditService } from '@app/auth';
import { CalendarSettings, parseCalendarSettings, settingsFromStored } from './calendar-settings.js';
import { CalendarSettingsRepository } from './calendar-settings.repository.js';

export interface CalendarSettingsView {
  settings: CalendarSettings;
  /** No office change yet: the built-in defaults (Kunming: the 25th, reminders on the 20th and 24th). */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: number | null;
}

/** The monthly calendar's settings: defaults in code, the office's changes in app_setting, validated both ways. */
@Injectable()
export class CalendarSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CalendarSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Pass the transaction's manager when inside one (the embedded database has a single connection). */
  async get(manager?: EntityManager): Promise<CalendarSettings> {
    const row = await this.repository.find(manager);
    return settingsFromStored(row?.value);
  }

  async view(): Promise<CalendarSettingsView> {
    const row = await this.repository.find();
    return {
      settings: settingsFromStored(row?.value),
      isDefault: !row,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  }

  /**
   * Replaces the settings (validated, Chinese errors). They shape the periods opened from now on; a period already
   * open keeps its deadline unless the office changes that period's deadline.
   */
  async update(user: AuthenticatedUser, input: unknown): Promise<CalendarSettingsView> {
    const settings = parseCalendarSettings(input);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.repository.findForUpdate(manager);
      const saved = await this.repository.save({ ...settings }, user.id, manager);
      await this.audit.record(
        user,
        {
          action: 'calendar.settings.update',
          entityType: 'app_setting',
          entityId: saved.key,
          before: { ...settingsFromStored(before?.value) },
          after: { ...settings },
        },
        manager,
      );
      return { settings, isDefault: false, updatedAt: saved.updatedAt, updatedBy: user.id };
    });
  }
}
