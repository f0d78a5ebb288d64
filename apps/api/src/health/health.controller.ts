import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { JobQueue } from '@app/core';
import { Public } from '@app/auth';
import { DATABASE_CONNECTION, DatabaseConnection } from '@app/database';

/** Only the queue is down: the API still takes uploads (they wait in PostgreSQL). */
interface DegradedHealth extends Omit<HealthCheckResult, 'status'> {
  status: 'degraded';
  message: string;
}

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
  @ApiOperation({
    summary: '健康检查：数据库与任务队列状态',
    description:
      '数据库不可用时返回 503；仅任务队列不可用时返回 200 且 status 为 degraded（上传仍会被接收并保存，队列恢复后自动处理）。',
  })
  async check(): Promise<HealthCheckResult | DegradedHealth> {
    try {
      return await this.probe();
    } catch (error) {
      const body = error instanceof ServiceUnavailableException ? (error.getResponse() as HealthCheckResult) : null;
      const failing = body ? Object.keys(body.error ?? {}) : [];
      if (body && failing.length === 1 && failing[0] === 'queue') {
        return { ...body, status: 'degraded', message: '任务队列不可用：上传仍会被接收并保存，队列恢复后自动处理' };
      }
      throw error;
    }
  }

  private probe(): Promise<HealthCheckResult> {
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
