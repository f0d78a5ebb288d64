import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, ClockModule, JobsModule } from '@app/core';
import { DatabaseConnection, DatabaseModule } from '@app/database';
import { AuditModule } from '@app/auth';
import { NotifyModule } from '@app/notify';
import { ProgressModule } from '@app/progress';
import { ExportRelayModule, ExportsModule } from '@app/exports';
import { CalendarSchedulingModule, ReportingCalendarModule, ReportingModule, UploadRelayModule } from '@app/reporting';

/** No controllers: BullMQ processors and the @nestjs/schedule crons, which only enqueue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, connection: DatabaseConnection): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forConnection(connection),
        JobsModule.forRoot({
          redisUrl: config.REDIS_URL,
          prefix: config.QUEUE_PREFIX,
          consume: true,
          lockDurationMs: config.JOB_LOCK_MS,
        }),
        ClockModule,
        AuditModule,
        NotifyModule,
        ReportingCalendarModule,
        ReportingModule,
        ProgressModule,
        CalendarSchedulingModule,
        UploadRelayModule,
        ExportsModule,
        ExportRelayModule,
      ],
    };
  }
}
