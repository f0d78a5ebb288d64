import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4 §8: anomaly flags of report versions. History like the versions: no flag is deleted and none of what it
 * recorded changes (the existing report_history_is_immutable() refuses); the office's confirmation is written
 * once (anomaly_flag_confirm_once() refuses a second).
 */
export class AnomalyFlags1796151845701 implements MigrationInterface {
  name = 'AnomalyFlags1796151845701';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "anomaly_flag" ("id" SERIAL NOT NULL, "version_id" integer NOT NULL, "district_id" integer NOT NULL, "month" character(7) NOT NULL, "kind" character varying(16) NOT NULL, "subject" character varying(10) NOT NULL, "subject_code" character varying(24) NOT NULL, "subject_name" character varying(100) NOT NULL, "metric" character varying(40) NOT NULL, "previous_value" character varying(24), "current_value" character varying(24) NOT NULL, "threshold" character varying(24), "figures" jsonb NOT NULL, "explanation" character varying(1000) NOT NULL, "remarks" jsonb NOT NULL, "explained" boolean NOT NULL, "rules_text" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_by" integer, "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmation_note" character varying(500), CONSTRAINT "CHK_anomaly_flag_confirmed" CHECK (("confirmed_at" IS NULL) = ("confirmed_by" IS NULL) AND ("confirmed_at" IS NULL OR length(trim(COALESCE("confirmation_note", \'\'))) > 0)), CONSTRAINT "CHK_anomaly_flag_metric" CHECK ("metric" IN (\'publicPiles\', \'publicKw\', \'builtPublicFacilities\', \'coveredEligible\', \'acPiles\', \'dcPiles\', \'totalKw\', \'kwPerPublicPile\', \'publicPilesPerCoveredCommunity\')), CONSTRAINT "CHK_anomaly_flag_subject" CHECK ("subject" IN (\'district\', \'facility\')), CONSTRAINT "CHK_anomaly_flag_kind" CHECK ("kind" IN (\'cumulative_drop\', \'month_jump\', \'peer_outlier\')), CONSTRAINT "PK_e04cb5030c6523e586bd102b82f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_anomaly_flag_month_district" ON "anomaly_flag"  ("month", "district_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_anomaly_flag_version" ON "anomaly_flag"  ("version_id") ');
    await queryRunner.query(
      'ALTER TABLE "anomaly_flag" ADD CONSTRAINT "FK_98b400976d84ce39c100b914540" FOREIGN KEY ("version_id") REFERENCES "report_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "anomaly_flag" ADD CONSTRAINT "FK_fb953a947f15147942a70d851b6" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "anomaly_flag" ADD CONSTRAINT "FK_6047b32a2a072f05b78c5da11e2" FOREIGN KEY ("confirmed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'CREATE TRIGGER anomaly_flag_no_delete BEFORE DELETE ON "anomaly_flag" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()',
    );
    await queryRunner.query(
      'CREATE TRIGGER anomaly_flag_fixed BEFORE UPDATE OF "version_id", "district_id", "month", "kind", "subject", "subject_code", "subject_name", "metric", "previous_value", "current_value", "threshold", "figures", "explanation", "remarks", "explained", "rules_text", "created_at" ON "anomaly_flag" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()',
    );
    await queryRunner.query(`CREATE FUNCTION anomaly_flag_confirm_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.confirmed_at IS NOT NULL THEN RAISE EXCEPTION '已核实的异常标记不可再修改'; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER anomaly_flag_confirmed_once BEFORE UPDATE OF "confirmed_by", "confirmed_at", "confirmation_note" ON "anomaly_flag" FOR EACH ROW EXECUTE FUNCTION anomaly_flag_confirm_once()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER anomaly_flag_confirmed_once ON "anomaly_flag"');
    await queryRunner.query('DROP FUNCTION anomaly_flag_confirm_once()');
    await queryRunner.query('DROP TRIGGER anomaly_flag_fixed ON "anomaly_flag"');
    await queryRunner.query('DROP TRIGGER anomaly_flag_no_delete ON "anomaly_flag"');
    await queryRunner.query('ALTER TABLE "anomaly_flag" DROP CONSTRAINT "FK_6047b32a2a072f05b78c5da11e2"');
    await queryRunner.query('ALTER TABLE "anomaly_flag" DROP CONSTRAINT "FK_fb953a947f15147942a70d851b6"');
    await queryRunner.query('ALTER TABLE "anomaly_flag" DROP CONSTRAINT "FK_98b400976d84ce39c100b914540"');
    await queryRunner.query('DROP INDEX "public"."IDX_anomaly_flag_version"');
    await queryRunner.query('DROP INDEX "public"."IDX_anomaly_flag_month_district"');
    await queryRunner.query('DROP TABLE "anomaly_flag"');
  }
}
