import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig, JobsModule } from '@app/core';
import { DatabaseConnection, DatabaseModule } from '@app/database';
import { AuthGuard, AuthModule } from '@app/auth';
import { OrgModule } from '@app/org';
import { AppExceptionFilter } from './http/app-exception.filter.js';
import { HealthController } from './health/health.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { OrgController } from './org/org.controller.js';

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
        OrgModule,
      ],
      controllers: [HealthController, AuthController, OrgController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: AppExceptionFilter },
      ],
    };
  }
}
