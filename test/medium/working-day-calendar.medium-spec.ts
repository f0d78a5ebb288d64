import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '@app/core';
import { AuditModule } from '@app/auth';
import {
  CalendarNotCoveredError,
  createChinaWorkingDayCalendar,
  GridModule,
  WorkingDayCalendarRepository,
} from '@app/grid';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('working-day calendar in the database', () => {
  let db: TestDatabase;
  let repository: WorkingDayCalendarRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => db.dataSource.options,
          dataSourceFactory: async () => db.dataSource,
        }),
        ClockModule,
        AuditModule,
        GridModule,
      ],
    }).compile();
    repository = moduleRef.get(WorkingDayCalendarRepository);
  });
  afterAll(() => db.drop());

  it('is seeded by the migration with exactly the built-in 2022–2026 data', async () => {
    const fromDb = await repository.load();
    const builtIn = createChinaWorkingDayCalendar();
    expect(fromDb.coveredYears).toEqual([2022, 2023, 2024, 2025, 2026]);
    for (let day = Date.UTC(2022, 0, 1); day <= Date.UTC(2026, 11, 31); day += 86400000) {
      const date = new Date(day).toISOString().slice(0, 10);
      if (fromDb.isWorkingDay(date) !== builtIn.isWorkingDay(date)) throw new Error(`calendar differs on ${date}`);
    }
    // 2024 Spring Festival: Sun 02-04 was a swapped workday, 02-10..17 off, Sun 02-18 a swapped workday.
    expect(fromDb.isWorkingDay('2024-02-04')).toBe(true);
    expect(fromDb.isWorkingDay('2024-02-12')).toBe(false);
    expect(fromDb.addWorkingDays('2024-02-08', 2)).toBe('2024-02-18');
  });

  it('follows the office’s edits and refuses a year nobody maintained', async () => {
    await db.dataSource.query(
      `INSERT INTO calendar_day (day, kind, name) VALUES ('2026-12-31', 'holiday', '测试调整')`,
    );
    expect((await repository.load()).isWorkingDay('2026-12-31')).toBe(false);
    expect(() => createChinaWorkingDayCalendar().addWorkingDays('2026-12-31', 3)).toThrow(CalendarNotCoveredError);
    expect(() => createChinaWorkingDayCalendar().addWorkingDays('2026-12-31', 3)).toThrow(
      '工作日历未包含 2027 年的节假日安排',
    );
  });
});
