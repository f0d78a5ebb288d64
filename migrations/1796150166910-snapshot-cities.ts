import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots for more than one city (issue 4, scale: a province or the nation is a sum of city rows): every snapshot
 * row carries its city, and the city row is unique per month, plan and city. Existing district rows take their
 * district's city; existing city rows belonged to the only city there was (the lowest id, should there be several).
 * The freeze trigger is suspended for the backfill only: it adds a column, it changes no figure.
 */
export class SnapshotCities1796150166910 implements MigrationInterface {
  name = 'SnapshotCities1796150166910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."UQ_progress_snapshot_city"');
    await queryRunner.query('ALTER TABLE "progress_snapshot" ADD "city_id" integer');
    await queryRunner.query('ALTER TABLE "progress_snapshot" DISABLE TRIGGER progress_snapshot_frozen');
    await queryRunner.query(
      `UPDATE "progress_snapshot" s SET "city_id" = COALESCE(
         (SELECT d.city_id FROM district d WHERE d.id = s.district_id), (SELECT min(id) FROM city))`,
    );
    await queryRunner.query('ALTER TABLE "progress_snapshot" ENABLE TRIGGER progress_snapshot_frozen');
    await queryRunner.query('ALTER TABLE "progress_snapshot" ALTER COLUMN "city_id" SET NOT NULL');
    await queryRunner.query(
      'CREATE INDEX "IDX_progress_snapshot_city_plan_month" ON "progress_snapshot"  ("city_id", "plan_id", "month") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_progress_snapshot_city" ON "progress_snapshot"  ("city_id", "plan_id", "month") WHERE "district_id" IS NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_snapshot" ADD CONSTRAINT "FK_cf8985d90c55a32568016f88eff" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  /** Keeps the lowest city's city rows only: the old schema had room for one city. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "progress_snapshot" DROP CONSTRAINT "FK_cf8985d90c55a32568016f88eff"');
    await queryRunner.query('DROP INDEX "public"."UQ_progress_snapshot_city"');
    await queryRunner.query('DROP INDEX "public"."IDX_progress_snapshot_city_plan_month"');
    await queryRunner.query('ALTER TABLE "progress_snapshot" DISABLE TRIGGER progress_snapshot_frozen');
    await queryRunner.query(
      'DELETE FROM "progress_snapshot" WHERE "district_id" IS NULL AND "city_id" <> (SELECT min(id) FROM city)',
    );
    await queryRunner.query('ALTER TABLE "progress_snapshot" ENABLE TRIGGER progress_snapshot_frozen');
    await queryRunner.query('ALTER TABLE "progress_snapshot" DROP COLUMN "city_id"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_progress_snapshot_city" ON "progress_snapshot" USING btree ("month", "plan_id") WHERE (district_id IS NULL)',
    );
  }
}
