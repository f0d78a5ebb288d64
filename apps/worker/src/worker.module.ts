import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ClockModule, JobsModule } from '@app/core';
import { DatabaseConnection, DatabaseModule } from '@app/database';
import { NotifyModule } from '@app/notify';
import { ProgressModule } from '@app/progress';
import { ReportingCalendarModule, ReportingModule } from '@app/reporting';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { WorkerAuditModule } from './worker-audit.module.js';

/** No controllers: BullMQ processors and the @nestjs/schedule crons, which only enqueue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, connection: DatabaseConnection): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DatabaseModule.forConnection(connection),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, consume: true }),
        ClockModule,
        WorkerAuditModule,
        NotifyModule,
        ReportingCalendarModule,
        ReportingModule,
        ProgressModule,
        SchedulingModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
