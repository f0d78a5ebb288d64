import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfigOrExit, shanghaiDate } from '@app/core';
import { openDatabase } from '@app/database';
import { demoAccountsTable, seedDemo } from '@app/demo';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  const config = loadAppConfigOrExit();
  const connection = await openDatabase(config);
  // The embedded default is a demo: seed it on its first start (an empty register), never over existing data.
  const seedWanted = config.SEED_DEMO ?? Boolean(connection.embedded);
  let demo = false;
  if (seedWanted) {
    const [{ count }] = await connection.dataSource.query(`SELECT count(*)::int AS count FROM district`);
    if (count === 0) {
      logger.log('首次启动：正在写入昆明市演示数据……');
      const report = await seedDemo(connection.dataSource, { asOf: shanghaiDate(new Date()) });
      logger.log(`演示数据已写入，用时 ${report.elapsedMs} ms`);
    }
    demo = true;
  }
  const app = await createApiApp(config, connection);
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  logger.log(
    `数据库：${connection.embedded ? `嵌入式 PostgreSQL（${config.EMBEDDED_DB_DIR}）` : '外部 PostgreSQL'}；任务队列：${config.REDIS_URL ? 'BullMQ（Redis）' : '进程内'}`,
  );
  const banner = [`服务已启动：${url}`, `接口文档：${url}/api/docs`, `健康检查：${url}/api/health`];
  console.log(`\n${banner.join('\n')}\n${demo ? `\n${demoAccountsTable()}\n` : ''}`);
}

main().catch((error: Error) => {
  console.error(`启动失败 (start-up failed): ${error.message}`);
  process.exit(1);
});
