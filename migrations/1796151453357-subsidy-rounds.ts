import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subsidy rounds and their lines (issue 4 §5), and the office's service surveys for Ezhou's "三个5".
 *
 * A confirmed round is frozen: triggers refuse changing or deleting it or any of its lines, and refuse lines joining
 * it. Confirming sets the round's status, which the composite foreign key (round_id, round_status) cascades to every
 * line; the partial unique index on confirmed lines' facility_id then refuses a facility already paid by another
 * confirmed round, so of two concurrent confirmations sharing a facility exactly one commits. The round trigger also
 * refuses confirming a round whose total or line count differs from its lines.
 */

export class SubsidyRounds1796151453357 implements MigrationInterface {
  name = 'SubsidyRounds1796151453357';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "subsidy_round" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'draft\', "rate" jsonb NOT NULL, "ezhou_service_standard" boolean NOT NULL, "rules_text" character varying(2000) NOT NULL, "district_ids" integer array, "platform_import_id" integer, "total_fen" bigint NOT NULL, "line_count" integer NOT NULL, "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_by" integer, "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_subsidy_round_id_status" UNIQUE ("id", "status"), CONSTRAINT "UQ_subsidy_round_name" UNIQUE ("name"), CONSTRAINT "CHK_subsidy_round_totals" CHECK ("total_fen" >= 0 AND "line_count" >= 0), CONSTRAINT "CHK_subsidy_round_confirmed" CHECK (("status" = \'confirmed\') = ("confirmed_at" IS NOT NULL)), CONSTRAINT "CHK_subsidy_round_status" CHECK ("status" IN (\'draft\', \'confirmed\')), CONSTRAINT "PK_e44f1dbd956646ecc1283b207fe" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "subsidy_round_line" ("id" SERIAL NOT NULL, "round_id" integer NOT NULL, "round_status" character varying(10) NOT NULL DEFAULT \'draft\', "facility_id" integer NOT NULL, "district_id" integer NOT NULL, "amount_fen" bigint NOT NULL, "breakdown" jsonb NOT NULL, "rule_results" jsonb NOT NULL, "platform_record_id" integer, CONSTRAINT "UQ_subsidy_round_line_facility" UNIQUE ("round_id", "facility_id"), CONSTRAINT "CHK_subsidy_round_line_status" CHECK ("round_status" IN (\'draft\', \'confirmed\')), CONSTRAINT "CHK_subsidy_round_line_amount" CHECK ("amount_fen" >= 0), CONSTRAINT "PK_b1a0751047932d59a789cfcd959" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_subsidy_round_line_district" ON "subsidy_round_line"  ("round_id", "district_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_subsidy_round_line_confirmed_facility" ON "subsidy_round_line"  ("facility_id") WHERE "round_status" = \'confirmed\'',
    );
    await queryRunner.query(
      'CREATE TABLE "facility_service_survey" ("id" SERIAL NOT NULL, "facility_id" integer NOT NULL, "surveyed_on" date NOT NULL, "nearest_pile_distance_m" numeric(8,1) NOT NULL, "queue_minutes" numeric(6,1) NOT NULL, "note" character varying(200), "recorded_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_facility_service_survey_values" CHECK ("nearest_pile_distance_m" >= 0 AND "queue_minutes" >= 0), CONSTRAINT "PK_5c1f4f056da24ca88bfb2f31d6c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_facility_service_survey_facility" ON "facility_service_survey"  ("facility_id", "surveyed_on") ',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_round_line" ADD CONSTRAINT "FK_efa510e706db8c4f77e758d9100" FOREIGN KEY ("round_id", "round_status") REFERENCES "subsidy_round"("id","status") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_round_line" ADD CONSTRAINT "FK_d7b50a99e607c4dad55f25bccc2" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "subsidy_round_line" ADD CONSTRAINT "FK_3ce74c2b421bb594098e01e6f30" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "facility_service_survey" ADD CONSTRAINT "FK_3ac92c2d603147f9725caabc135" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // One function per table: PL/pgSQL resolves OLD's fields against the firing table.
    await queryRunner.query(`CREATE FUNCTION subsidy_round_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        line_total bigint;
        lines integer;
      BEGIN
        IF OLD.status = 'confirmed' THEN RAISE EXCEPTION '已确认的补贴批次不可修改或删除'; END IF;
        IF TG_OP = 'UPDATE' AND NEW.status = 'confirmed' THEN
          SELECT COALESCE(sum(l.amount_fen), 0), count(*) INTO line_total, lines
            FROM subsidy_round_line l WHERE l.round_id = NEW.id;
          IF NEW.total_fen <> line_total OR NEW.line_count <> lines THEN
            RAISE EXCEPTION '补贴批次合计金额或笔数与明细不符，不能确认';
          END IF;
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(`CREATE FUNCTION subsidy_round_line_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.round_status = 'confirmed' THEN
          RAISE EXCEPTION '已确认的补贴批次不能增加明细';
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.round_status = 'confirmed' THEN
          RAISE EXCEPTION '已确认的补贴批次不可修改或删除';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER subsidy_round_frozen BEFORE UPDATE OR DELETE ON "subsidy_round" FOR EACH ROW EXECUTE FUNCTION subsidy_round_is_frozen()',
    );
    await queryRunner.query(
      'CREATE TRIGGER subsidy_round_line_frozen BEFORE INSERT OR UPDATE OR DELETE ON "subsidy_round_line" FOR EACH ROW EXECUTE FUNCTION subsidy_round_line_is_frozen()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER subsidy_round_line_frozen ON "subsidy_round_line"');
    await queryRunner.query('DROP TRIGGER subsidy_round_frozen ON "subsidy_round"');
    await queryRunner.query('DROP FUNCTION subsidy_round_line_is_frozen()');
    await queryRunner.query('DROP FUNCTION subsidy_round_is_frozen()');
    await queryRunner.query('ALTER TABLE "facility_service_survey" DROP CONSTRAINT "FK_3ac92c2d603147f9725caabc135"');
    await queryRunner.query('ALTER TABLE "subsidy_round_line" DROP CONSTRAINT "FK_3ce74c2b421bb594098e01e6f30"');
    await queryRunner.query('ALTER TABLE "subsidy_round_line" DROP CONSTRAINT "FK_d7b50a99e607c4dad55f25bccc2"');
    await queryRunner.query('ALTER TABLE "subsidy_round_line" DROP CONSTRAINT "FK_efa510e706db8c4f77e758d9100"');
    await queryRunner.query('DROP INDEX "public"."IDX_facility_service_survey_facility"');
    await queryRunner.query('DROP TABLE "facility_service_survey"');
    await queryRunner.query('DROP INDEX "public"."UQ_subsidy_round_line_confirmed_facility"');
    await queryRunner.query('DROP INDEX "public"."IDX_subsidy_round_line_district"');
    await queryRunner.query('DROP TABLE "subsidy_round_line"');
    await queryRunner.query('DROP TABLE "subsidy_round"');
  }
}
