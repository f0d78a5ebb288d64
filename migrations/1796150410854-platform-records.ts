import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Municipal platform records (issue 4 §4): imports, their facility records and monthly kWh, and the keys the
 * platform pushes with. An import is history: a trigger refuses changing or deleting an import, a record or a
 * month row (one function serves the three tables: it reads no column).
 */

const IMMUTABLE_TABLES = ['platform_import', 'platform_facility_record', 'platform_monthly_energy'];

export class PlatformRecords1796150410854 implements MigrationInterface {
  name = 'PlatformRecords1796150410854';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform_api_key" ("id" SERIAL NOT NULL, "name" character varying(50) NOT NULL, "key_prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" integer, CONSTRAINT "UQ_platform_api_key_hash" UNIQUE ("key_hash"), CONSTRAINT "PK_660ab7ac1bfd1c87965adf6d86f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "platform_import" ("id" SERIAL NOT NULL, "source" character varying(8) NOT NULL, "scope" character varying(12) NOT NULL, "file_name" character varying(255), "sha256" character(64) NOT NULL, "record_count" integer NOT NULL, "monthly_row_count" integer NOT NULL, "imported_by" integer, "api_key_id" integer, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_platform_import_counts" CHECK ("record_count" >= 0 AND "monthly_row_count" >= 0), CONSTRAINT "CHK_platform_import_api_key" CHECK (("source" = \'api\') = ("api_key_id" IS NOT NULL)), CONSTRAINT "CHK_platform_import_scope" CHECK ("scope" IN (\'full\', \'incremental\')), CONSTRAINT "CHK_platform_import_source" CHECK ("source" IN (\'xlsx\', \'csv\', \'api\', \'demo\')), CONSTRAINT "PK_6afda8eba832fc0da6d5559b9a7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_platform_import_file_sha256" ON "platform_import"  ("sha256") WHERE "source" IN (\'xlsx\', \'csv\')',
    );
    await queryRunner.query(
      'CREATE TABLE "platform_facility_record" ("id" SERIAL NOT NULL, "import_id" integer NOT NULL, "platform_id" character varying(50) NOT NULL, "station_name" character varying(100), "district_id" integer, "connected_on" date NOT NULL, "operator_name" character varying(100), "operator_credit_code" character varying(18), "ac_piles" integer NOT NULL, "dc_piles" integer NOT NULL, "total_kw" numeric(12,3) NOT NULL, CONSTRAINT "UQ_platform_facility_record_import_platform_id" UNIQUE ("import_id", "platform_id"), CONSTRAINT "CHK_platform_facility_record_piles" CHECK ("ac_piles" >= 0 AND "dc_piles" >= 0 AND "total_kw" >= 0), CONSTRAINT "PK_1dbe365f19db256952f199f2181" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_platform_facility_record_platform_id" ON "platform_facility_record"  ("platform_id", "import_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "platform_monthly_energy" ("id" SERIAL NOT NULL, "record_id" integer NOT NULL, "month" character(7) NOT NULL, "charged_kwh" numeric(14,3) NOT NULL, CONSTRAINT "UQ_platform_monthly_energy_record_month" UNIQUE ("record_id", "month"), CONSTRAINT "CHK_platform_monthly_energy_month" CHECK ("month" ~ \'^[0-9]{4}-(0[1-9]|1[0-2])$\'), CONSTRAINT "CHK_platform_monthly_energy_kwh" CHECK ("charged_kwh" >= 0), CONSTRAINT "PK_369b3534aa88d4f830d7f19bf5b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "platform_import" ADD CONSTRAINT "FK_029df6103f70fb8a7b22fe97c5b" FOREIGN KEY ("api_key_id") REFERENCES "platform_api_key"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "platform_facility_record" ADD CONSTRAINT "FK_fba148bb43fc21d85f95e9fae31" FOREIGN KEY ("import_id") REFERENCES "platform_import"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "platform_facility_record" ADD CONSTRAINT "FK_fda7b12710e68615c4f365896ba" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "platform_monthly_energy" ADD CONSTRAINT "FK_3f8dc24bbd6d2295db7a7f2b4f9" FOREIGN KEY ("record_id") REFERENCES "platform_facility_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(`CREATE FUNCTION platform_history_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '市级平台导入记录不可修改或删除 (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    for (const table of IMMUTABLE_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION platform_history_is_immutable()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of IMMUTABLE_TABLES) await queryRunner.query(`DROP TRIGGER ${table}_immutable ON "${table}"`);
    await queryRunner.query('DROP FUNCTION platform_history_is_immutable()');
    await queryRunner.query('ALTER TABLE "platform_monthly_energy" DROP CONSTRAINT "FK_3f8dc24bbd6d2295db7a7f2b4f9"');
    await queryRunner.query('ALTER TABLE "platform_facility_record" DROP CONSTRAINT "FK_fda7b12710e68615c4f365896ba"');
    await queryRunner.query('ALTER TABLE "platform_facility_record" DROP CONSTRAINT "FK_fba148bb43fc21d85f95e9fae31"');
    await queryRunner.query('ALTER TABLE "platform_import" DROP CONSTRAINT "FK_029df6103f70fb8a7b22fe97c5b"');
    await queryRunner.query('DROP TABLE "platform_monthly_energy"');
    await queryRunner.query('DROP INDEX "public"."IDX_platform_facility_record_platform_id"');
    await queryRunner.query('DROP TABLE "platform_facility_record"');
    await queryRunner.query('DROP INDEX "public"."UQ_platform_import_file_sha256"');
    await queryRunner.query('DROP TABLE "platform_import"');
    await queryRunner.query('DROP TABLE "platform_api_key"');
  }
}
