import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig, ClockModule, JobsModule } from '@app/core';
import { DatabaseConnection, DatabaseModule } from '@app/database';
import { AuthGuard, AuthModule } from '@app/auth';
import { OrgModule } from '@app/org';
import { NotifyModule } from '@app/notify';
import { CalendarSchedulingModule, ReportingCalendarModule, ReportingModule, UploadRelayModule } from '@app/reporting';
import { ProgressModule } from '@app/progress';
import { AppExceptionFilter } from './http/app-exception.filter.js';
import { HealthController } from './health/health.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { OrgController } from './org/org.controller.js';
import { NotificationController } from './notify/notification.controller.js';
import { WebhookEndpointController } from './notify/webhook-endpoint.controller.js';
import { CalendarController } from './notify/calendar.controller.js';
import { ReportingController } from './reporting/reporting.controller.js';
import { AnomalyController } from './reporting/anomaly.controller.js';
import { UsersController } from './auth/users.controller.js';
import { ProgressController } from './progress/progress.controller.js';
import { RankingController } from './ranking/ranking.controller.js';
import { RankingModule } from '@app/ranking';
import { AuditController } from './auth/audit.controller.js';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoginThrottlerGuard } from './auth/login-throttler.guard.js';

/** HTTP only: controllers and wiring. Jobs are enqueued here and run by apps/worker (or in-process). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, connection: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forConnection(connection),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        AuthModule.forRoot(config),
        TerminusModule,
        ThrottlerModule.forRoot([{ limit: 10, ttl: 60_000 }]),
        OrgModule,
        ClockModule,
        NotifyModule,
        ReportingCalendarModule,
        ReportingModule,
        ProgressModule,
        RankingModule,
        // In the in-process mode (no REDIS_URL) there is no worker, so this process runs the crons.
        ...(config.REDIS_URL ? [] : [CalendarSchedulingModule, UploadRelayModule]),
      ],
      controllers: [
        HealthController,
        AuthController,
        OrgController,
        NotificationController,
        WebhookEndpointController,
        CalendarController,
        ReportingController,
        AnomalyController,
        UsersController,
        AuditController,
        ProgressController,
        RankingController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        LoginThrottlerGuard,
      ],
    };
  }
}
