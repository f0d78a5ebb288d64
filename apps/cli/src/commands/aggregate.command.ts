import { AppConfig, shanghaiMonth } from '@app/core';
import { openDatabase } from '@app/database';
import { backfillSnapshots } from '@app/progress';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `aggregate [from] [to]`: recompute progress snapshots (default: the current month). Frozen months are kept. */
export async function aggregateCommand(config: AppConfig, args: string[]): Promise<number> {
  const current = shanghaiMonth(new Date());
  const [from = current, to = from === current ? current : from] = args;
  if (!MONTH.test(from) || !MONTH.test(to) || to < from) {
    console.error('用法 (usage): aggregate [YYYY-MM] [YYYY-MM]，起始月份不能晚于结束月份');
    return 2;
  }
  const db = await openDatabase(config, { runMigrations: false });
  try {
    const result = await backfillSnapshots(db.dataSource, from, to, (message) => console.log(message));
    console.log(`已汇总 ${result.months} 个月，写入 ${result.rows} 行快照，用时 ${result.elapsedMs} ms`);
    return 0;
  } finally {
    await db.close();
  }
}
