import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { JobQueue } from '@app/core';
import { Public } from '@app/auth';
import { DATABASE_CONNECTION, DatabaseConnection } from '@app/database';

@ApiTags('系统')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobQueue,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '健康检查：数据库与任务队列状态' })
  check() {
    return this.health.check([
      async () => {
        const result = await this.database.pingCheck('database', { timeout: 3000 });
        return { database: { ...result.database, mode: this.connection.embedded ? 'embedded' : 'external' } };
      },
      async () => {
        const indicator = this.indicators.check('queue');
        const mode = this.jobs.mode;
        return (await this.jobs.isHealthy())
          ? indicator.up({ mode })
          : indicator.down({ mode, message: 'Redis 不可用' });
      },
    ]);
  }
}
