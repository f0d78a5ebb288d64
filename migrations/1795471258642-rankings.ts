import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rankings and their rows. Published means frozen (SPEC): triggers refuse changing or removing a published ranking
 * or its rows, and changing or removing a frozen progress snapshot.
 */

export class Rankings1795471258642 implements MigrationInterface {
  name = 'Rankings1795471258642';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "ranking" ("id" SERIAL NOT NULL, "month" character(7) NOT NULL, "plan_id" integer NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'draft\', "weights" jsonb NOT NULL, "span_months" integer NOT NULL, "rules_text" character varying(1000) NOT NULL, "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" integer, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_ranking_published" CHECK (("status" = \'published\') = ("published_at" IS NOT NULL)), CONSTRAINT "CHK_ranking_status" CHECK ("status" IN (\'draft\', \'published\')), CONSTRAINT "PK_bf82b8f271e50232e6a3fcb09a9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_ranking_published_month" ON "ranking"  ("month") WHERE "status" = \'published\'',
    );
    await queryRunner.query(
      'CREATE TABLE "ranking_row" ("id" SERIAL NOT NULL, "ranking_id" integer NOT NULL, "district_id" integer NOT NULL, "rank" integer NOT NULL, "previous_rank" integer, "rank_change" integer, "composite_exact" bigint NOT NULL, "composite_score" character varying(8) NOT NULL, "breakdown" jsonb NOT NULL, "ordered_by" character varying(20), CONSTRAINT "UQ_ranking_row_rank" UNIQUE ("ranking_id", "rank"), CONSTRAINT "UQ_ranking_row_district" UNIQUE ("ranking_id", "district_id"), CONSTRAINT "PK_4dc6f0effd30367206d3e936d03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking" ADD CONSTRAINT "FK_067c0fe48f092158ffeaf94baff" FOREIGN KEY ("plan_id") REFERENCES "target_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_row" ADD CONSTRAINT "FK_0e59e459a182bb8b566caf10d86" FOREIGN KEY ("ranking_id") REFERENCES "ranking"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_row" ADD CONSTRAINT "FK_404dfc15bf108608266f48ca72b" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // One function per table: PL/pgSQL resolves OLD's fields against the firing table, so a shared function that
    // names ranking.status fails on progress_snapshot.
    await queryRunner.query(`CREATE FUNCTION ranking_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN RAISE EXCEPTION '已发布的排名不可修改或删除'; END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(`CREATE FUNCTION ranking_row_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ranking r
                    WHERE r.id IN (NEW.ranking_id, OLD.ranking_id) AND r.status = 'published') THEN
          RAISE EXCEPTION '已发布的排名不可修改或删除';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(`CREATE FUNCTION progress_snapshot_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.frozen THEN RAISE EXCEPTION '已发布月份的进度快照不可修改或删除'; END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER ranking_frozen BEFORE UPDATE OR DELETE ON "ranking" FOR EACH ROW EXECUTE FUNCTION ranking_is_frozen()',
    );
    await queryRunner.query(
      'CREATE TRIGGER ranking_row_frozen BEFORE INSERT OR UPDATE OR DELETE ON "ranking_row" FOR EACH ROW EXECUTE FUNCTION ranking_row_is_frozen()',
    );
    await queryRunner.query(
      'CREATE TRIGGER progress_snapshot_frozen BEFORE UPDATE OR DELETE ON "progress_snapshot" FOR EACH ROW EXECUTE FUNCTION progress_snapshot_is_frozen()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER progress_snapshot_frozen ON "progress_snapshot"');
    await queryRunner.query('DROP TRIGGER ranking_row_frozen ON "ranking_row"');
    await queryRunner.query('DROP TRIGGER ranking_frozen ON "ranking"');
    await queryRunner.query('DROP FUNCTION progress_snapshot_is_frozen()');
    await queryRunner.query('DROP FUNCTION ranking_row_is_frozen()');
    await queryRunner.query('DROP FUNCTION ranking_is_frozen()');
    await queryRunner.query('ALTER TABLE "ranking_row" DROP CONSTRAINT "FK_404dfc15bf108608266f48ca72b"');
    await queryRunner.query('ALTER TABLE "ranking_row" DROP CONSTRAINT "FK_0e59e459a182bb8b566caf10d86"');
    await queryRunner.query('ALTER TABLE "ranking" DROP CONSTRAINT "FK_067c0fe48f092158ffeaf94baff"');
    await queryRunner.query('DROP TABLE "ranking_row"');
    await queryRunner.query('DROP INDEX "public"."UQ_ranking_published_month"');
    await queryRunner.query('DROP TABLE "ranking"');
  }
}
