import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppSetting } from '@app/core';
import { CALENDAR_SETTINGS_KEY } from './calendar-settings.js';

/** The calendar's row of app_setting. Queries only (STYLE habit 2). */
@Injectable()
export class CalendarSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(manager: EntityManager = this.dataSource.manager): Promise<AppSetting | null> {
    return manager.getRepository(AppSetting).findOne({ where: { key: CALENDAR_SETTINGS_KEY } });
  }

  /** Reads the row under a lock, so two concurrent edits are audited in the order they were applied. */
  findForUpdate(manager: EntityManager): Promise<AppSetting | null> {
    return manager
      .getRepository(AppSetting)
      .findOne({ where: { key: CALENDAR_SETTINGS_KEY }, lock: { mode: 'pessimistic_write' } });
  }

  async save(value: Record<string, unknown>, updatedBy: number, manager: EntityManager): Promise<AppSetting> {
    return manager.getRepository(AppSetting).save({ key: CALENDAR_SETTINGS_KEY, value, updatedBy });
  }
}
