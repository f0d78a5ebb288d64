import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfigOrExit, shanghaiDate } from '@app/core';
import { openDatabase } from '@app/database';
import { demoAccountsTable, seedDemo, seedDemoDecisions, seedDemoSubsidy } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createApiApp } from './bootstrap.js';

/** The demo's facility history starts here. */
const DEMO_HISTORY_FROM = '2022-01';
/** The demo's patrol records start in 2025, the first year a rating is computed (and confirmed) for. */
const DEMO_RATING_FROM = 2025;

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
      const today = shanghaiDate(new Date());
      const report = await seedDemo(connection.dataSource, { asOf: today });
      logger.log(`演示数据已写入，用时 ${report.elapsedMs} ms`);
      // Dashboards read snapshots: compute the demo's whole history once.
      const history = await backfillSnapshots(connection.dataSource, DEMO_HISTORY_FROM, today.slice(0, 7));
      logger.log(`已汇总 ${history.months} 个月的进度快照，用时 ${history.elapsedMs} ms`);
      const subsidy = await seedDemoSubsidy(connection.dataSource, { asOf: today });
      logger.log(
        `已导入市级平台演示记录 ${subsidy.platformRecords} 条；已确认补贴批次「${subsidy.confirmedRoundName}」，生成补贴批次草稿「${subsidy.roundName}」`,
      );
      // What the office would already have decided: the last two full months' rankings published, and the
      // property-company rating of the last full year confirmed, so that leadership's screens are not empty.
      const ratingYear = Number(today.slice(0, 4)) - 1;
      const decisions = await seedDemoDecisions(connection.dataSource, {
        asOf: today,
        ratingYear: ratingYear >= DEMO_RATING_FROM ? ratingYear : null,
      });
      logger.log(
        `已发布 ${decisions.publishedMonths.join('、')} 的区县排名` +
          (decisions.confirmedRatingYear ? `；已确认 ${decisions.confirmedRatingYear} 年度物业服务企业评价` : ''),
      );
    }
    demo = true;
  }
  const app = await createApiApp(config, connection);
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  logger.log(
    `数据库：${connection.embedded ? `嵌入式 PostgreSQL（${config.EMBEDDED_DB_DIR}）` : '外部 PostgreSQL'}；任务队列：${config.REDIS_URL ? 'BullMQ（Redis）' : '进程内'}`,
  );
  const banner = [
    `服务已启动：${url}`,
    `网页界面：${url}/`,
    `接口文档：${url}/api/docs`,
    `健康检查：${url}/api/health`,
  ];
  console.log(`\n${banner.join('\n')}\n${demo ? `\n${demoAccountsTable()}\n` : ''}`);
}

main().catch((error: Error) => {
  console.error(`启动失败 (start-up failed): ${error.message}`);
  process.exit(1);
});
