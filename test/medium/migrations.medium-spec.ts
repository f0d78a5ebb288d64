import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ALL_MIGRATIONS } from '@app/migrations';
import {
  ALL_ENTITIES,
  buildDataSourceOptions,
  createDataSource,
  createScratchDatabase,
  EmbeddedPostgres,
  pendingSchemaChanges,
} from '@app/database';
import { TEST_DATABASE_URL } from '../support/test-env';

/** Tables the application owns, read from the catalogue. */
async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

const EXPECTED_TABLES = [
  'anomaly_flag',
  'app_setting',
  'app_user',
  'audit_event',
  'calendar_day',
  'calendar_step_run',
  'calendar_year',
  'city',
  'community',
  'community_eligibility',
  'complaint',
  'data_export',
  'data_export_chunk',
  'district',
  'district_report',
  'district_target',
  'facility',
  'facility_service_survey',
  'nearby_coverage',
  'notification',
  'operator_enterprise',
  'pilot_designation',
  'platform_api_key',
  'platform_facility_record',
  'platform_import',
  'platform_monthly_energy',
  'progress_comment',
  'progress_snapshot',
  'property_company',
  'ranking',
  'ranking_row',
  'rating_round',
  'rating_row',
  'report_community_row',
  'report_facility_row',
  'report_upload',
  'report_version',
  'reporting_period',
  'safety_patrol',
  'schema_migration',
  'street',
  'subsidy_round',
  'subsidy_round_line',
  'target_plan',
  'webhook_delivery',
  'webhook_endpoint',
];

/** Up, check against the entities, all the way down, and up again: the same on both engines. */
async function exerciseMigrations(url: string): Promise<void> {
  const dataSource = createDataSource(url, 1);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(ALL_MIGRATIONS.map((m) => m.name));
    expect(await userTables(dataSource)).toEqual(EXPECTED_TABLES);
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });

    for (let i = 0; i < ALL_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await userTables(dataSource)).toEqual(['schema_migration']);
    const leftovers: unknown[] = await dataSource.query(
      `SELECT proname FROM pg_proc WHERE proname IN ('audit_event_is_append_only', 'is_valid_credit_code', 'report_history_is_immutable', 'ranking_is_frozen', 'ranking_row_is_frozen', 'progress_snapshot_is_frozen', 'platform_history_is_immutable', 'subsidy_round_is_frozen', 'subsidy_round_line_is_frozen', 'complaint_decision_is_final', 'rating_round_is_frozen', 'rating_row_is_frozen', 'anomaly_flag_confirm_once')`,
    );
    expect(leftovers).toEqual([]);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
  } finally {
    await dataSource.destroy();
  }
}

describe('migrations', () => {
  it('run up and down cleanly on real PostgreSQL and match the entities', async () => {
    const scratch = await createScratchDatabase(TEST_DATABASE_URL, 'evc_mig');
    try {
      await exerciseMigrations(scratch.url);
    } finally {
      await scratch.drop();
    }
  });

  it('run up and down cleanly on the embedded default (PGlite) and match the entities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evc-embedded-'));
    const embedded = new EmbeddedPostgres({ dataDir: dir, port: 55000 + Math.floor(Math.random() * 4000) });
    await embedded.start();
    try {
      await exerciseMigrations(embedded.url);
    } finally {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the drift check', () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    beforeAll(async () => {
      scratch = await createScratchDatabase(TEST_DATABASE_URL, 'evc_drift');
      const dataSource = createDataSource(scratch.url, 1);
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
    });
    afterAll(() => scratch.drop());

    it('fails when an entity is added without a migration', async () => {
      @Entity('drift_probe')
      class DriftProbe {
        @PrimaryGeneratedColumn() id!: number;
        @Column({ type: 'varchar', length: 10 }) label!: string;
      }
      const dataSource = new DataSource({
        ...buildDataSourceOptions(scratch.url, 1),
        entities: [...ALL_ENTITIES, DriftProbe],
      } as never);
      await dataSource.initialize();
      try {
        const { up } = await pendingSchemaChanges(dataSource);
        expect(up).toHaveLength(1);
        expect(up[0]).toMatch(
          /^CREATE TABLE "drift_probe" \("id" SERIAL NOT NULL, "label" character varying\(10\) NOT NULL/,
        );
      } finally {
        await dataSource.destroy();
      }
    });

    it('fails when the database lacks a column an entity declares', async () => {
      const dataSource = createDataSource(scratch.url, 1);
      await dataSource.initialize();
      try {
        await dataSource.query('ALTER TABLE "community" DROP COLUMN "address"');
        const { up } = await pendingSchemaChanges(dataSource);
        expect(up).toEqual(['ALTER TABLE "community" ADD "address" character varying(200)']);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
