import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseConnection } from './database-connection.js';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * Provides the DataSource opened before Nest boots (main.ts opens it, so that a bad database stops the process
 * with a clear message before any module starts). Repositories inject DataSource and call getRepository.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forConnection(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_CONNECTION, useValue: connection },
        { provide: DataSource, useValue: connection.dataSource },
        DatabaseLifecycle,
      ],
      exports: [DataSource, DATABASE_CONNECTION],
    };
  }
}
