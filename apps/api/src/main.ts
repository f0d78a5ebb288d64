import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfigOrExit } from '@app/core';
import { openDatabase } from '@app/database';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  const config = loadAppConfigOrExit();
  const connection = await openDatabase(config);
  const app = await createApiApp(config, connection);
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  logger.log(
    `数据库：${connection.embedded ? `嵌入式 PostgreSQL（${config.EMBEDDED_DB_DIR}）` : '外部 PostgreSQL'}；任务队列：${config.REDIS_URL ? 'BullMQ（Redis）' : '进程内'}`,
  );
  logger.log(`服务已启动：${url}  接口文档：${url}/api/docs  健康检查：${url}/api/health`);
}

main().catch((error: Error) => {
  console.error(`启动失败 (start-up failed): ${error.message}`);
  process.exit(1);
});
