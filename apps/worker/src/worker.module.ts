import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobsModule } from '@app/core';
import { DatabaseConnection, DatabaseModule } from '@app/database';

/** No controllers: BullMQ processors and (later) the @nestjs/schedule calendar, which only enqueues. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, connection: DatabaseConnection): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DatabaseModule.forConnection(connection),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, consume: true }),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
    };
  }
}
