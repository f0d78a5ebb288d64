import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConnection } from './database-connection.js';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * Hands the DataSource that main.ts opened before Nest booted (so a bad database stops the process with a clear
 * message before any module starts) to @nestjs/typeorm, which provides DataSource and @InjectRepository.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forConnection(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => connection.dataSource.options,
          dataSourceFactory: async () => connection.dataSource,
        }),
      ],
      providers: [{ provide: DATABASE_CONNECTION, useValue: connection }, DatabaseLifecycle],
      exports: [DATABASE_CONNECTION, TypeOrmModule],
    };
  }
}
