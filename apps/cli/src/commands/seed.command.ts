import { AppConfig, shanghaiDate } from '@app/core';
import { openDatabase } from '@app/database';
import { demoAccountsTable, seedDemo, seedDemoSubsidy, seedReportTable } from '@app/demo';

/**
 * `seed`: inserts the Kunming demo as of today (Asia/Shanghai). Safe to repeat: existing rows are kept, so a second
 * run adds nothing.
 */
export async function seedCommand(config: AppConfig): Promise<number> {
  const db = await openDatabase(config, { runMigrations: true });
  try {
    const report = await seedDemo(db.dataSource, {
      asOf: shanghaiDate(new Date()),
      log: (message) => console.log(message),
    });
    const subsidy = await seedDemoSubsidy(db.dataSource, { asOf: report.asOf });
    console.log(
      subsidy.seeded
        ? `市级平台演示记录：${subsidy.platformRecords} 条；已确认补贴批次「${subsidy.confirmedRoundName}」：${subsidy.confirmedLines} 笔；补贴批次草稿「${subsidy.roundName}」：${subsidy.roundLines} 笔`
        : '市级平台演示记录已存在，未重复写入',
    );
    console.log(`\n${seedReportTable(report)}\n\n${demoAccountsTable(report.accounts)}`);
    return 0;
  } finally {
    await db.close();
  }
}
