import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { AppConfig } from '@app/core';
import {
  createDataSource,
  createScratchDatabase,
  EmbeddedPostgres,
  findPackageRoot,
  openDatabase,
  pendingSchemaChanges,
} from '@app/database';

/** `migrate [up|down|status|check|generate Name]` */
export async function migrateCommand(config: AppConfig, args: string[]): Promise<number> {
  const [action = 'up', name] = args;
  switch (action) {
    case 'up': {
      const db = await openDatabase(config, { runMigrations: true });
      console.log('数据库迁移已是最新 (migrations are up to date)');
      await db.close();
      return 0;
    }
    case 'down': {
      const db = await openDatabase(config, { runMigrations: false }).catch(async () =>
        openDatabase(config, { runMigrations: true }),
      );
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      console.log('已回滚最后一个迁移 (reverted the last migration)');
      await db.close();
      return 0;
    }
    case 'status': {
      const db = await openDatabase(config, { runMigrations: false }).catch(() => null);
      if (!db) {
        console.log('有未执行的迁移 (pending migrations exist)');
        return 1;
      }
      console.log('没有未执行的迁移 (no pending migrations)');
      await db.close();
      return 0;
    }
    case 'check':
    case 'generate': {
      if (action === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
        console.error('用法 (usage): migrate generate PascalCaseName');
        return 2;
      }
      const { up, down } = await diffAgainstEntities(config);
      if (up.length === 0) {
        console.log('实体与迁移一致 (entities match the migrations)');
        return 0;
      }
      if (action === 'check') {
        console.error('实体与迁移不一致，需要新的迁移 (entities differ from migrations):\n' + up.join(';\n'));
        return 1;
      }
      const timestamp = Date.now();
      const file = join(findPackageRoot(__dirname), 'migrations', `${timestamp}-${kebab(name!)}.ts`);
      const className = `${name}${timestamp}`;
      writeFileSync(file, renderMigration(className, up, down));
      registerMigration(
        join(findPackageRoot(__dirname), 'migrations', 'index.ts'),
        className,
        `${timestamp}-${kebab(name!)}`,
      );
      console.log(`已生成 ${file} 并加入 migrations/index.ts：请人工审阅 (review it before committing)`);
      return 0;
    }
    default:
      console.error(`未知的迁移操作 (unknown action): ${action}`);
      return 2;
  }
}

/** Runs every migration on a scratch database and asks TypeORM what the entities still need. */
async function diffAgainstEntities(config: AppConfig): Promise<{ up: string[]; down: string[] }> {
  if (config.DATABASE_URL) {
    const scratch = await createScratchDatabase(config.DATABASE_URL, 'evc_migration_check');
    try {
      return await diffOn(scratch.url);
    } finally {
      await scratch.drop();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'evc-migration-'));
  const embedded = new EmbeddedPostgres({ dataDir: dir, port: config.EMBEDDED_DB_PORT + 1 });
  await embedded.start();
  try {
    return await diffOn(embedded.url);
  } finally {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function diffOn(url: string): Promise<{ up: string[]; down: string[] }> {
  const dataSource = createDataSource(url, 1);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return await pendingSchemaChanges(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Appends the new migration to the ordered list in migrations/index.ts. */
function registerMigration(indexFile: string, className: string, fileBase: string): void {
  const source = readFileSync(indexFile, 'utf8');
  const lastImport = source.lastIndexOf('\nimport ');
  const endOfImports = source.indexOf('\n', lastImport + 1);
  const withImport = `${source.slice(0, endOfImports + 1)}import { ${className} } from './${fileBase}.js';\n${source.slice(endOfImports + 1)}`;
  const close = withImport.lastIndexOf('];');
  const before = withImport.slice(0, close).replace(/,?\s*$/, '');
  writeFileSync(indexFile, `${before},\n  ${className},\n${withImport.slice(close)}`);
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function renderMigration(className: string, up: string[], down: string[]): string {
  const q = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map(q).join('\n')}
  }
}
`;
}
