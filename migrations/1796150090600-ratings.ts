import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Property-company ratings (issue 4 §6): safety patrol records, yearly rating rounds and their rows, and the complaint
 * workflow's missing pieces (the district a complaint concerns, which installation an obstruction was of, who
 * registered it, a reason for every decision). A decided complaint is final and a confirmed round frozen: triggers
 * refuse the change, one function per table (see the rankings migration for why).
 */

export class Ratings1796150090600 implements MigrationInterface {
  name = 'Ratings1796150090600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "safety_patrol" ("id" SERIAL NOT NULL, "community_id" integer NOT NULL, "property_company_id" integer NOT NULL, "patrolled_on" date NOT NULL, "inspector" character varying(50), "result" character varying(16) NOT NULL, "issues" character varying(1000), "rectified_on" date, "rectification_note" character varying(500), "recorded_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_safety_patrol_day" UNIQUE ("community_id", "patrolled_on"), CONSTRAINT "CHK_safety_patrol_rectified" CHECK ("rectified_on" IS NULL OR ("result" = \'issues_found\' AND "rectified_on" >= "patrolled_on")), CONSTRAINT "CHK_safety_patrol_issues" CHECK (("result" = \'issues_found\') = (length(trim(COALESCE("issues", \'\'))) > 0)), CONSTRAINT "CHK_safety_patrol_result" CHECK ("result" IN (\'no_issues\', \'issues_found\')), CONSTRAINT "PK_2b5039a98d4dbc76c6b50e11ae8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_safety_patrol_company_day" ON "safety_patrol"  ("property_company_id", "patrolled_on") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rating_round" ("id" SERIAL NOT NULL, "year" smallint NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'draft\', "settings" jsonb NOT NULL, "rules_text" character varying(2000) NOT NULL, "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_by" integer, "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_rating_round_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "CHK_rating_round_confirmed" CHECK (("status" = \'confirmed\') = ("confirmed_at" IS NOT NULL)), CONSTRAINT "CHK_rating_round_status" CHECK ("status" IN (\'draft\', \'confirmed\')), CONSTRAINT "PK_d71cd75bd8be52cab978debd8d0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_rating_round_confirmed_year" ON "rating_round"  ("year") WHERE "status" = \'confirmed\'',
    );
    await queryRunner.query(
      'CREATE TABLE "rating_row" ("id" SERIAL NOT NULL, "round_id" integer NOT NULL, "property_company_id" integer NOT NULL, "rank" integer, "communities" integer NOT NULL, "score" character varying(8), "score_numerator" bigint, "score_denominator" integer, "grade" character varying(1), "award_eligible" boolean NOT NULL, "breakdown" jsonb NOT NULL, "deductions" jsonb NOT NULL, "disqualification_reasons" jsonb NOT NULL, "evidence" jsonb NOT NULL, "ordered_by" character varying(24), "note" character varying(200), CONSTRAINT "UQ_rating_row_rank" UNIQUE ("round_id", "rank"), CONSTRAINT "UQ_rating_row_company" UNIQUE ("round_id", "property_company_id"), CONSTRAINT "CHK_rating_row_award" CHECK (NOT "award_eligible" OR "score" IS NOT NULL), CONSTRAINT "CHK_rating_row_rated" CHECK (("score" IS NULL) = ("grade" IS NULL) AND ("score" IS NULL) = ("rank" IS NULL) AND ("score" IS NULL) = ("score_numerator" IS NULL)), CONSTRAINT "CHK_rating_row_grade" CHECK ("grade" IS NULL OR "grade" IN (\'A\', \'B\', \'C\', \'D\')), CONSTRAINT "PK_2527d3ab677e95b9580ce7329b9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('ALTER TABLE "complaint" ADD "district_id" integer');
    await queryRunner.query('ALTER TABLE "complaint" ADD "facility_usage" character varying(8)');
    await queryRunner.query('ALTER TABLE "complaint" ADD "registered_by" integer');
    // Rows written before this migration: the district from the community; an obstruction of a self-use pile by its
    // description (the demo's wording), otherwise of a public facility.
    await queryRunner.query(
      'UPDATE "complaint" c SET "district_id" = m."district_id" FROM "community" m WHERE m."id" = c."community_id"',
    );
    await queryRunner.query(
      `UPDATE "complaint" SET "facility_usage" = CASE WHEN "description" LIKE '%自用%' THEN 'self_use' ELSE 'public' END WHERE "kind" = 'obstruction'`,
    );
    await queryRunner.query('CREATE INDEX "IDX_complaint_district" ON "complaint"  ("district_id") ');
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "CHK_complaint_obstruction_usage" CHECK ("kind" <> \'obstruction\' OR "facility_usage" IS NOT NULL)',
    );
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "CHK_complaint_facility_usage" CHECK ("facility_usage" IN (\'public\', \'self_use\'))',
    );
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "CHK_complaint_decision_note" CHECK ("status" = \'registered\' OR length(trim(COALESCE("decision_note", \'\'))) > 0)',
    );
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "CHK_complaint_decided_by" CHECK (("status" = \'registered\') = ("decided_by" IS NULL))',
    );
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "FK_6dab8ec209ff3ba11737a477c20" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "safety_patrol" ADD CONSTRAINT "FK_7529e75513da44cea4e4eeeda9a" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "safety_patrol" ADD CONSTRAINT "FK_9818296ed53586f2825108a43ed" FOREIGN KEY ("property_company_id") REFERENCES "property_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rating_row" ADD CONSTRAINT "FK_4372eba092ec4e48b46c8a86f91" FOREIGN KEY ("round_id") REFERENCES "rating_round"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rating_row" ADD CONSTRAINT "FK_a48a4f3914e0f41bdfca0685ce0" FOREIGN KEY ("property_company_id") REFERENCES "property_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(`CREATE FUNCTION complaint_decision_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'registered' THEN RAISE EXCEPTION '已认定的投诉不可修改或删除'; END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(`CREATE FUNCTION rating_round_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'confirmed' THEN RAISE EXCEPTION '已确认的物业服务企业评价不可修改或删除'; END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(`CREATE FUNCTION rating_row_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM rating_round r
                    WHERE r.id IN (NEW.round_id, OLD.round_id) AND r.status = 'confirmed') THEN
          RAISE EXCEPTION '已确认的物业服务企业评价不可修改或删除';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER complaint_decided BEFORE UPDATE OR DELETE ON "complaint" FOR EACH ROW EXECUTE FUNCTION complaint_decision_is_final()',
    );
    await queryRunner.query(
      'CREATE TRIGGER rating_round_frozen BEFORE UPDATE OR DELETE ON "rating_round" FOR EACH ROW EXECUTE FUNCTION rating_round_is_frozen()',
    );
    await queryRunner.query(
      'CREATE TRIGGER rating_row_frozen BEFORE INSERT OR UPDATE OR DELETE ON "rating_row" FOR EACH ROW EXECUTE FUNCTION rating_row_is_frozen()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER rating_row_frozen ON "rating_row"');
    await queryRunner.query('DROP TRIGGER rating_round_frozen ON "rating_round"');
    await queryRunner.query('DROP TRIGGER complaint_decided ON "complaint"');
    await queryRunner.query('DROP FUNCTION rating_row_is_frozen()');
    await queryRunner.query('DROP FUNCTION rating_round_is_frozen()');
    await queryRunner.query('DROP FUNCTION complaint_decision_is_final()');
    await queryRunner.query('ALTER TABLE "rating_row" DROP CONSTRAINT "FK_a48a4f3914e0f41bdfca0685ce0"');
    await queryRunner.query('ALTER TABLE "rating_row" DROP CONSTRAINT "FK_4372eba092ec4e48b46c8a86f91"');
    await queryRunner.query('ALTER TABLE "safety_patrol" DROP CONSTRAINT "FK_9818296ed53586f2825108a43ed"');
    await queryRunner.query('ALTER TABLE "safety_patrol" DROP CONSTRAINT "FK_7529e75513da44cea4e4eeeda9a"');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "FK_6dab8ec209ff3ba11737a477c20"');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "CHK_complaint_decided_by"');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "CHK_complaint_decision_note"');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "CHK_complaint_facility_usage"');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "CHK_complaint_obstruction_usage"');
    await queryRunner.query('DROP INDEX "public"."IDX_complaint_district"');
    await queryRunner.query('ALTER TABLE "complaint" DROP COLUMN "registered_by"');
    await queryRunner.query('ALTER TABLE "complaint" DROP COLUMN "facility_usage"');
    await queryRunner.query('ALTER TABLE "complaint" DROP COLUMN "district_id"');
    await queryRunner.query('DROP TABLE "rating_row"');
    await queryRunner.query('DROP INDEX "public"."UQ_rating_round_confirmed_year"');
    await queryRunner.query('DROP TABLE "rating_round"');
    await queryRunner.query('DROP INDEX "public"."IDX_safety_patrol_company_day"');
    await queryRunner.query('DROP TABLE "safety_patrol"');
  }
}
