import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfigOrExit } from '@app/core';
import { openDatabase } from '@app/database';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadAppConfigOrExit();
  if (!config.REDIS_URL) {
    console.error('配置错误：worker 需要 REDIS_URL；未设置 Redis 时任务在 API 进程内运行，无需单独启动 worker。');
    process.exit(78);
  }
  if (!config.DATABASE_URL) {
    console.error('配置错误：worker 需要 DATABASE_URL（嵌入式数据库只供单进程演示使用）。');
    process.exit(78);
  }
  const connection = await openDatabase(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, connection));
  app.enableShutdownHooks();
  await app.init();
  new Logger('Worker').log(`任务处理进程已启动 (pid ${process.pid})`);
}

main().catch((error: Error) => {
  console.error(`启动失败 (start-up failed): ${error.message}`);
  process.exit(1);
});
