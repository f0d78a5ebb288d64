import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, AppConfigModule, ClockModule, JobsModule } from '@app/core';
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
import { ProgressCommentController } from './progress/progress-comment.controller.js';
import { RankingModule } from '@app/ranking';
import { PlatformModule } from '@app/platform';
import { SubsidyModule } from '@app/subsidy';
import { SubsidyController } from './subsidy/subsidy.controller.js';
import { PlatformController } from './platform/platform.controller.js';
import { PlatformKeyGuard } from './platform/platform-key.guard.js';
import { GridModule } from '@app/grid';
import { RatingModule } from '@app/rating';
import { GridController, WorkingCalendarController } from './grid/grid.controller.js';
import { ComplaintController, PatrolController, RatingController } from './rating/rating.controller.js';
import { AuditController } from './auth/audit.controller.js';
import { ThrottlerModule } from '@nestjs/throttler';
import { ExportRelayModule, ExportsModule } from '@app/exports';
import { ExportsController } from './exports/exports.controller.js';
import { BulletinController } from './exports/bulletin.controller.js';
import { LoginThrottlerGuard } from './auth/login-throttler.guard.js';

/** HTTP only: controllers and wiring. Jobs are enqueued here and run by apps/worker (or in-process). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, connection: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
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
        PlatformModule,
        SubsidyModule,
        GridModule,
        RatingModule,
        ExportsModule,
        // In the in-process mode (no REDIS_URL) there is no worker, so this process runs the crons.
        ...(config.REDIS_URL ? [] : [CalendarSchedulingModule, UploadRelayModule, ExportRelayModule]),
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
        PlatformController,
        SubsidyController,
        WorkingCalendarController,
        GridController,
        ComplaintController,
        PatrolController,
        RatingController,
        ProgressCommentController,
        ExportsController,
        BulletinController,
      ],
      providers: [
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        LoginThrottlerGuard,
        PlatformKeyGuard,
      ],
    };
  }
}
