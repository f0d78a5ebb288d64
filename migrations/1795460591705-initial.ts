import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial schema: organisation (city, district, street, community with eligibility history, facilities,
 * property companies, operator registry), targets and pilots, the monthly reporting records, complaints, the
 * working-day calendar, users and the audit trail. Generated from the entities by `migrate generate`, then
 * reviewed; the audit trigger below is hand-written (TypeORM has no notion of triggers).
 */

export class Initial1795460591705 implements MigrationInterface {
  name = 'Initial1795460591705';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "city" ("id" SERIAL NOT NULL, "code" character varying(12) NOT NULL, "name" character varying(50) NOT NULL, "province_code" character varying(12) NOT NULL, "province_name" character varying(50) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_city_code" UNIQUE ("code"), CONSTRAINT "PK_b222f51ce26f7e5ca86944a6739" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "district" ("id" SERIAL NOT NULL, "code" character varying(12) NOT NULL, "name" character varying(50) NOT NULL, "city_id" integer NOT NULL, "tier" character varying(1) NOT NULL, "kind" character varying(16) NOT NULL, "sort_order" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_district_code" UNIQUE ("code"), CONSTRAINT "CHK_district_kind" CHECK ("kind" IN (\'district\', \'county\', \'county_city\', \'park\')), CONSTRAINT "CHK_district_tier" CHECK ("tier" IN (\'A\', \'B\', \'C\')), CONSTRAINT "PK_ee5cb6fd5223164bb87ea693f1e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_district_city_name" ON "district"  ("city_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "street" ("id" SERIAL NOT NULL, "code" character varying(16) NOT NULL, "name" character varying(50) NOT NULL, "kind" character varying(8) NOT NULL, "district_id" integer NOT NULL, CONSTRAINT "UQ_street_code" UNIQUE ("code"), CONSTRAINT "CHK_street_kind" CHECK ("kind" IN (\'street\', \'town\')), CONSTRAINT "PK_5629a676c74c04f5845b964469c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_street_district_name" ON "street"  ("district_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "property_company" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "credit_code" character varying(18), "contact_person" character varying(30), "contact_phone" character varying(30), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_property_company_credit_code" UNIQUE ("credit_code"), CONSTRAINT "UQ_property_company_name" UNIQUE ("name"), CONSTRAINT "PK_3cb2240ce1994061e5367855b33" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "operator_enterprise" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "credit_code" character varying(18) NOT NULL, "listed_on" date NOT NULL, "status" character varying(8) NOT NULL DEFAULT \'listed\', "contact_person" character varying(30), "contact_phone" character varying(30), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_operator_enterprise_credit_code" UNIQUE ("credit_code"), CONSTRAINT "UQ_operator_enterprise_name" UNIQUE ("name"), CONSTRAINT "CHK_operator_enterprise_status" CHECK ("status" IN (\'listed\', \'removed\')), CONSTRAINT "PK_3bf1b4a3ad9b6443c5a99340b33" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "community" ("id" SERIAL NOT NULL, "code" character varying(24) NOT NULL, "name" character varying(100) NOT NULL, "district_id" integer NOT NULL, "street_id" integer, "address" character varying(200), "garage_type" character varying(16) NOT NULL, "renovation_year" smallint, "property_company_id" integer, "households" integer, "parking_spaces" integer, "longitude" numeric(9,6), "latitude" numeric(9,6), "registered_on" date NOT NULL, "removed_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_community_code" UNIQUE ("code"), CONSTRAINT "CHK_community_counts" CHECK (("households" IS NULL OR "households" >= 0) AND ("parking_spaces" IS NULL OR "parking_spaces" >= 0)), CONSTRAINT "CHK_community_register_dates" CHECK ("removed_on" IS NULL OR "removed_on" > "registered_on"), CONSTRAINT "CHK_community_garage_type" CHECK ("garage_type" IN (\'surface\', \'underground\', \'semi_underground\', \'high_rise\', \'mixed\', \'none\')), CONSTRAINT "PK_cae794115a383328e8923de4193" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_community_district" ON "community"  ("district_id") ');
    await queryRunner.query(
      'CREATE TABLE "community_eligibility" ("id" BIGSERIAL NOT NULL, "community_id" integer NOT NULL, "effective_from" date NOT NULL, "resident_demand" boolean NOT NULL, "parking_available" boolean NOT NULL, "capacity_sufficient" boolean NOT NULL, "capacity_solution_agreed" boolean NOT NULL DEFAULT false, "fire_safety_required" boolean NOT NULL, "fire_safety_complete" boolean, "eligible" boolean NOT NULL, "ineligible_reason" character varying(500), "source" character varying(8) NOT NULL, "report_version_id" integer, "recorded_by" integer, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_community_eligibility_reason" CHECK ("eligible" OR length(trim(COALESCE("ineligible_reason", \'\'))) > 0), CONSTRAINT "CHK_community_eligibility_verdict" CHECK ("eligible" = ("resident_demand" AND "parking_available" AND ("capacity_sufficient" OR "capacity_solution_agreed") AND (NOT "fire_safety_required" OR COALESCE("fire_safety_complete", false)))), CONSTRAINT "CHK_community_eligibility_source" CHECK ("source" IN (\'seed\', \'report\', \'manual\')), CONSTRAINT "PK_5d5db1d1b034822a1d97b3eac39" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_community_eligibility_effective" ON "community_eligibility"  ("community_id", "effective_from") ',
    );
    await queryRunner.query(
      'CREATE TABLE "facility" ("id" SERIAL NOT NULL, "code" character varying(24) NOT NULL, "name" character varying(100), "community_id" integer NOT NULL, "usage" character varying(8) NOT NULL, "operator_id" integer, "property_company_id" integer, "ac_piles" integer NOT NULL DEFAULT \'0\', "dc_piles" integer NOT NULL DEFAULT \'0\', "total_kw" numeric(12,3) NOT NULL DEFAULT \'0\', "service_fee_yuan_per_kwh" numeric(8,4), "platform_id" character varying(50), "longitude" numeric(9,6), "latitude" numeric(9,6), "surveyed_on" date, "agreement_on" date, "grid_applied_on" date, "grid_accepted_on" date, "supply_plan_replied_on" date, "construction_started_on" date, "construction_completed_on" date, "meter_installed_on" date, "accepted_on" date, "platform_connected_on" date, "retired_on" date, "retired_reason" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_facility_platform_id" UNIQUE ("platform_id"), CONSTRAINT "UQ_facility_code" UNIQUE ("code"), CONSTRAINT "CHK_facility_retired" CHECK ("retired_on" IS NULL OR length(trim(COALESCE("retired_reason", \'\'))) > 0), CONSTRAINT "CHK_facility_fee" CHECK ("service_fee_yuan_per_kwh" IS NULL OR "service_fee_yuan_per_kwh" >= 0), CONSTRAINT "CHK_facility_piles" CHECK ("ac_piles" >= 0 AND "dc_piles" >= 0 AND "total_kw" >= 0), CONSTRAINT "CHK_facility_usage" CHECK ("usage" IN (\'public\', \'self_use\')), CONSTRAINT "PK_07c6c82781d105a680b5c265be6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_facility_community" ON "facility"  ("community_id") ');
    await queryRunner.query(
      'CREATE TABLE "nearby_coverage" ("id" SERIAL NOT NULL, "community_id" integer NOT NULL, "facility_id" integer NOT NULL, "distance_m" integer NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_nearby_coverage_dates" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from"), CONSTRAINT "CHK_nearby_coverage_distance" CHECK ("distance_m" >= 0 AND "distance_m" <= 1000), CONSTRAINT "PK_4c3f7e19efbe42df0968483495a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_nearby_coverage" ON "nearby_coverage"  ("community_id", "facility_id", "valid_from") ',
    );
    await queryRunner.query(
      'CREATE TABLE "target_plan" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "kind" character varying(16) NOT NULL, "start_month" character(7) NOT NULL, "end_month" character(7) NOT NULL, "basis" character varying(200), "description" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_target_plan_code" UNIQUE ("code"), CONSTRAINT "CHK_target_plan_months" CHECK ("start_month" ~ \'^\\d{4}-(0[1-9]|1[0-2])$\' AND "end_month" ~ \'^\\d{4}-(0[1-9]|1[0-2])$\' AND "end_month" >= "start_month"), CONSTRAINT "CHK_target_plan_kind" CHECK ("kind" IN (\'pilot_count\', \'coverage_ratio\', \'covered_count\')), CONSTRAINT "PK_f71740fb10898acc8595d41df89" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "district_target" ("id" SERIAL NOT NULL, "plan_id" integer NOT NULL, "district_id" integer NOT NULL, "target_count" integer, "target_ratio" numeric(5,4), CONSTRAINT "CHK_district_target_ratio" CHECK ("target_ratio" IS NULL OR ("target_ratio" >= 0 AND "target_ratio" <= 1)), CONSTRAINT "CHK_district_target_count" CHECK ("target_count" IS NULL OR "target_count" >= 0), CONSTRAINT "CHK_district_target_value" CHECK (("target_count" IS NULL) <> ("target_ratio" IS NULL)), CONSTRAINT "PK_8dd963bb110e7e29b12c42befa2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_district_target_plan_district" ON "district_target"  ("plan_id", "district_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "pilot_designation" ("id" SERIAL NOT NULL, "plan_id" integer NOT NULL, "community_id" integer NOT NULL, "designated_on" date NOT NULL, "evaluated_on" date, "evaluation_panel" character varying(200), "evaluation_result" character varying(8), "evaluation_note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_pilot_designation_evaluation" CHECK (("evaluation_result" IS NULL) = ("evaluated_on" IS NULL)), CONSTRAINT "CHK_pilot_designation_result" CHECK ("evaluation_result" IS NULL OR "evaluation_result" IN (\'passed\', \'failed\')), CONSTRAINT "PK_0eaf39debdb6b7532f7e8b53185" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_pilot_designation_plan_community" ON "pilot_designation"  ("plan_id", "community_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "reporting_period" ("id" SERIAL NOT NULL, "month" character(7) NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(8) NOT NULL DEFAULT \'open\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_reporting_period_month" UNIQUE ("month"), CONSTRAINT "CHK_reporting_period_window" CHECK ("deadline_at" > "opens_at"), CONSTRAINT "CHK_reporting_period_month" CHECK ("month" ~ \'^\\d{4}-(0[1-9]|1[0-2])$\'), CONSTRAINT "CHK_reporting_period_status" CHECK ("status" IN (\'open\', \'closed\')), CONSTRAINT "PK_273d2b68dc1854618ec53e144d0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" SERIAL NOT NULL, "username" character varying(50) NOT NULL, "display_name" character varying(50) NOT NULL, "password_hash" character varying(200) NOT NULL, "role" character varying(8) NOT NULL, "district_id" integer, "disabled" boolean NOT NULL DEFAULT false, "password_changed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_app_user_username" UNIQUE ("username"), CONSTRAINT "CHK_app_user_district_scope" CHECK (("role" = \'district\') = ("district_id" IS NOT NULL)), CONSTRAINT "CHK_app_user_role" CHECK ("role" IN (\'office\', \'district\', \'leader\')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" integer, "actor_name" character varying(50), "actor_role" character varying(8), "district_id" integer, "action" character varying(60) NOT NULL, "entity_type" character varying(60) NOT NULL, "entity_id" character varying(60), "before" jsonb, "after" jsonb, "ip" character varying(45), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_audit_event_entity" ON "audit_event"  ("entity_type", "entity_id") ');
    await queryRunner.query('CREATE INDEX "IDX_audit_event_occurred" ON "audit_event"  ("occurred_at") ');
    await queryRunner.query(
      'CREATE TABLE "report_upload" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" integer NOT NULL, "uploaded_by" integer NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "file_name" character varying(255) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "status" character varying(12) NOT NULL DEFAULT \'received\', "error_count" integer NOT NULL DEFAULT \'0\', "errors" jsonb, "version_id" integer, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_report_upload_size" CHECK ("size_bytes" >= 0 AND "size_bytes" = octet_length("content")), CONSTRAINT "CHK_report_upload_sha256" CHECK ("sha256" ~ \'^[0-9a-f]{64}$\'), CONSTRAINT "CHK_report_upload_status" CHECK ("status" IN (\'received\', \'queued\', \'processing\', \'accepted\', \'rejected\', \'duplicate\')), CONSTRAINT "PK_4c44f09cbfec178c688dcac299f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_report_upload_pending" ON "report_upload"  ("status", "received_at") ');
    await queryRunner.query('CREATE INDEX "IDX_report_upload_report_sha" ON "report_upload"  ("report_id", "sha256") ');
    await queryRunner.query(
      'CREATE TABLE "report_version" ("id" SERIAL NOT NULL, "report_id" integer NOT NULL, "version_no" integer NOT NULL, "upload_id" uuid NOT NULL, "template_version" character varying(20) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_by" integer NOT NULL, "on_time" boolean NOT NULL, "state" character varying(12) NOT NULL DEFAULT \'submitted\', "review_comment" character varying(1000), "reviewed_by" integer, "reviewed_at" TIMESTAMP WITH TIME ZONE, "community_row_count" integer NOT NULL DEFAULT \'0\', "facility_row_count" integer NOT NULL DEFAULT \'0\', CONSTRAINT "UQ_report_version_upload_id" UNIQUE ("upload_id"), CONSTRAINT "CHK_report_version_returned_comment" CHECK ("state" <> \'returned\' OR length(trim(COALESCE("review_comment", \'\'))) > 0), CONSTRAINT "CHK_report_version_no" CHECK ("version_no" >= 1), CONSTRAINT "CHK_report_version_state" CHECK ("state" IN (\'submitted\', \'accepted\', \'returned\', \'superseded\')), CONSTRAINT "PK_8004087a0a3c02b7b0843d5a5a9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_report_version_no" ON "report_version"  ("report_id", "version_no") ',
    );
    await queryRunner.query(
      'CREATE TABLE "district_report" ("id" SERIAL NOT NULL, "period_id" integer NOT NULL, "district_id" integer NOT NULL, "state" character varying(16) NOT NULL DEFAULT \'not_submitted\', "overdue" boolean NOT NULL DEFAULT false, "version_count" integer NOT NULL DEFAULT \'0\', "first_submitted_at" TIMESTAMP WITH TIME ZONE, "last_submitted_at" TIMESTAMP WITH TIME ZONE, "accepted_version_id" integer, "accepted_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_district_report_version_count" CHECK ("version_count" >= 0), CONSTRAINT "CHK_district_report_state" CHECK ("state" IN (\'not_submitted\', \'submitted\', \'returned\', \'resubmitted\', \'accepted\')), CONSTRAINT "PK_09a12abc4f1729ee5fd11257145" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_district_report_period_district" ON "district_report"  ("period_id", "district_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "report_community_row" ("id" BIGSERIAL NOT NULL, "version_id" integer NOT NULL, "row_no" integer NOT NULL, "community_id" integer NOT NULL, "resident_demand" boolean NOT NULL, "parking_available" boolean NOT NULL, "capacity_sufficient" boolean NOT NULL, "capacity_solution_agreed" boolean NOT NULL, "fire_safety_complete" boolean, "eligible" boolean NOT NULL, "ineligible_reason" character varying(500), "pilot" boolean NOT NULL DEFAULT false, "nearby_facility_code" character varying(24), "nearby_distance_m" integer, "remark" character varying(500), CONSTRAINT "PK_3ec800c0f748d2f660ae450544a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_report_community_row" ON "report_community_row"  ("version_id", "community_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "report_facility_row" ("id" BIGSERIAL NOT NULL, "version_id" integer NOT NULL, "row_no" integer NOT NULL, "facility_code" character varying(24), "community_id" integer NOT NULL, "name" character varying(100), "usage" character varying(8) NOT NULL, "operator_id" integer, "property_company_id" integer, "ac_piles" integer NOT NULL, "dc_piles" integer NOT NULL, "total_kw" numeric(12,3) NOT NULL, "service_fee_yuan_per_kwh" numeric(8,4), "platform_id" character varying(50), "surveyed_on" date, "agreement_on" date, "grid_applied_on" date, "grid_accepted_on" date, "supply_plan_replied_on" date, "construction_started_on" date, "construction_completed_on" date, "meter_installed_on" date, "accepted_on" date, "platform_connected_on" date, "retired_on" date, "retired_reason" character varying(200), "remark" character varying(500), CONSTRAINT "CHK_report_facility_row_piles" CHECK ("ac_piles" >= 0 AND "dc_piles" >= 0 AND "total_kw" >= 0), CONSTRAINT "CHK_report_facility_row_usage" CHECK ("usage" IN (\'public\', \'self_use\')), CONSTRAINT "PK_d54084da4425421c173e1742a49" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_report_facility_row_version" ON "report_facility_row"  ("version_id") ');
    await queryRunner.query(
      'CREATE TABLE "complaint" ("id" SERIAL NOT NULL, "property_company_id" integer NOT NULL, "community_id" integer, "kind" character varying(12) NOT NULL, "received_on" date NOT NULL, "description" character varying(2000) NOT NULL, "status" character varying(12) NOT NULL DEFAULT \'registered\', "decided_by" integer, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_complaint_decision" CHECK (("status" = \'registered\') = ("decided_at" IS NULL)), CONSTRAINT "CHK_complaint_status" CHECK ("status" IN (\'registered\', \'confirmed\', \'dismissed\')), CONSTRAINT "CHK_complaint_kind" CHECK ("kind" IN (\'obstruction\', \'other\')), CONSTRAINT "PK_a9c8dbc2ab4988edcc2ff0a7337" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_complaint_company" ON "complaint"  ("property_company_id") ');
    await queryRunner.query(
      'CREATE TABLE "calendar_day" ("day" date NOT NULL, "kind" character varying(8) NOT NULL, "name" character varying(20) NOT NULL, "updated_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_calendar_day_kind" CHECK ("kind" IN (\'holiday\', \'workday\')), CONSTRAINT "PK_0f0fd32432f4e23544a28c0562b" PRIMARY KEY ("day"))',
    );
    await queryRunner.query(
      'ALTER TABLE "district" ADD CONSTRAINT "FK_0364a9a27eee3d5294627fdd659" FOREIGN KEY ("city_id") REFERENCES "city"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "street" ADD CONSTRAINT "FK_c0f39b8ca2ea4b238a51e2e97e0" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "community" ADD CONSTRAINT "FK_ef98d13716ddcc3403f6971fdbc" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "community" ADD CONSTRAINT "FK_e62f1d0a841557560335b846ac4" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "community" ADD CONSTRAINT "FK_0401fda5461629ce1d863424d72" FOREIGN KEY ("property_company_id") REFERENCES "property_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "community_eligibility" ADD CONSTRAINT "FK_a7af9b78f9c50909940a82c4e42" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "facility" ADD CONSTRAINT "FK_a71a384086a29ed9576eb21e011" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "facility" ADD CONSTRAINT "FK_d7759712ea980551e89fd0962f6" FOREIGN KEY ("operator_id") REFERENCES "operator_enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "facility" ADD CONSTRAINT "FK_4bcd96e6c5d892003c8c0cc8f4e" FOREIGN KEY ("property_company_id") REFERENCES "property_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "nearby_coverage" ADD CONSTRAINT "FK_726409440f336b32254207b40f6" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "nearby_coverage" ADD CONSTRAINT "FK_3b1774edf11c385fbcc7a8825ee" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "district_target" ADD CONSTRAINT "FK_8e8edf276ee56d1a532e1ddf021" FOREIGN KEY ("plan_id") REFERENCES "target_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "district_target" ADD CONSTRAINT "FK_71fd35e4ab12714cda15a805a63" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_designation" ADD CONSTRAINT "FK_6ec64a2a9ff76795b49bd5f237e" FOREIGN KEY ("plan_id") REFERENCES "target_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "pilot_designation" ADD CONSTRAINT "FK_29b57d159489f11342413d58fb8" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD CONSTRAINT "FK_9947e925c7c9fdbdc0ff7862bfa" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_upload" ADD CONSTRAINT "FK_9e82e1c724580539dcc5d80e935" FOREIGN KEY ("report_id") REFERENCES "district_report"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_upload" ADD CONSTRAINT "FK_612c5f87509e7e88e4986215c2d" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_upload" ADD CONSTRAINT "FK_b29ae62592a56253ac12fc35065" FOREIGN KEY ("version_id") REFERENCES "report_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_version" ADD CONSTRAINT "FK_5dbfbc354df1bb50f95cbe0f613" FOREIGN KEY ("report_id") REFERENCES "district_report"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_version" ADD CONSTRAINT "FK_e0adaa854d6d7becde8babc4d38" FOREIGN KEY ("upload_id") REFERENCES "report_upload"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_version" ADD CONSTRAINT "FK_15d6216527e3b024b0f0599403f" FOREIGN KEY ("submitted_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_version" ADD CONSTRAINT "FK_36609ba7670148abe8e00856546" FOREIGN KEY ("reviewed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "district_report" ADD CONSTRAINT "FK_aeac1a8087d5d68e434e2348929" FOREIGN KEY ("period_id") REFERENCES "reporting_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "district_report" ADD CONSTRAINT "FK_eddbdb58ccf589b3c6c12fdb2ed" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "district_report" ADD CONSTRAINT "FK_32a3ab5d386f72fe1647ef56df7" FOREIGN KEY ("accepted_version_id") REFERENCES "report_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_community_row" ADD CONSTRAINT "FK_093ba999ab0a6c9deb0e5a4576e" FOREIGN KEY ("version_id") REFERENCES "report_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_community_row" ADD CONSTRAINT "FK_be8162b585dd0734747bcaac15d" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_facility_row" ADD CONSTRAINT "FK_df5285d5ccfdf16513b23ccdf93" FOREIGN KEY ("version_id") REFERENCES "report_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "report_facility_row" ADD CONSTRAINT "FK_052ecd6788389544670152451bb" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "FK_d03ce184f00c77d9491196d0d6b" FOREIGN KEY ("property_company_id") REFERENCES "property_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "complaint" ADD CONSTRAINT "FK_598b57a11f126b2be0ae4fff955" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // Audit rows are evidence: nobody, not even the application's own role, may change or remove one.
    await queryRunner.query(`CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '审计记录不可修改或删除 (audit_event is append-only)';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_event_no_truncate ON "audit_event"');
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON "audit_event"');
    await queryRunner.query('DROP FUNCTION audit_event_is_append_only()');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "FK_598b57a11f126b2be0ae4fff955"');
    await queryRunner.query('ALTER TABLE "complaint" DROP CONSTRAINT "FK_d03ce184f00c77d9491196d0d6b"');
    await queryRunner.query('ALTER TABLE "report_facility_row" DROP CONSTRAINT "FK_052ecd6788389544670152451bb"');
    await queryRunner.query('ALTER TABLE "report_facility_row" DROP CONSTRAINT "FK_df5285d5ccfdf16513b23ccdf93"');
    await queryRunner.query('ALTER TABLE "report_community_row" DROP CONSTRAINT "FK_be8162b585dd0734747bcaac15d"');
    await queryRunner.query('ALTER TABLE "report_community_row" DROP CONSTRAINT "FK_093ba999ab0a6c9deb0e5a4576e"');
    await queryRunner.query('ALTER TABLE "district_report" DROP CONSTRAINT "FK_32a3ab5d386f72fe1647ef56df7"');
    await queryRunner.query('ALTER TABLE "district_report" DROP CONSTRAINT "FK_eddbdb58ccf589b3c6c12fdb2ed"');
    await queryRunner.query('ALTER TABLE "district_report" DROP CONSTRAINT "FK_aeac1a8087d5d68e434e2348929"');
    await queryRunner.query('ALTER TABLE "report_version" DROP CONSTRAINT "FK_36609ba7670148abe8e00856546"');
    await queryRunner.query('ALTER TABLE "report_version" DROP CONSTRAINT "FK_15d6216527e3b024b0f0599403f"');
    await queryRunner.query('ALTER TABLE "report_version" DROP CONSTRAINT "FK_e0adaa854d6d7becde8babc4d38"');
    await queryRunner.query('ALTER TABLE "report_version" DROP CONSTRAINT "FK_5dbfbc354df1bb50f95cbe0f613"');
    await queryRunner.query('ALTER TABLE "report_upload" DROP CONSTRAINT "FK_b29ae62592a56253ac12fc35065"');
    await queryRunner.query('ALTER TABLE "report_upload" DROP CONSTRAINT "FK_612c5f87509e7e88e4986215c2d"');
    await queryRunner.query('ALTER TABLE "report_upload" DROP CONSTRAINT "FK_9e82e1c724580539dcc5d80e935"');
    await queryRunner.query('ALTER TABLE "app_user" DROP CONSTRAINT "FK_9947e925c7c9fdbdc0ff7862bfa"');
    await queryRunner.query('ALTER TABLE "pilot_designation" DROP CONSTRAINT "FK_29b57d159489f11342413d58fb8"');
    await queryRunner.query('ALTER TABLE "pilot_designation" DROP CONSTRAINT "FK_6ec64a2a9ff76795b49bd5f237e"');
    await queryRunner.query('ALTER TABLE "district_target" DROP CONSTRAINT "FK_71fd35e4ab12714cda15a805a63"');
    await queryRunner.query('ALTER TABLE "district_target" DROP CONSTRAINT "FK_8e8edf276ee56d1a532e1ddf021"');
    await queryRunner.query('ALTER TABLE "nearby_coverage" DROP CONSTRAINT "FK_3b1774edf11c385fbcc7a8825ee"');
    await queryRunner.query('ALTER TABLE "nearby_coverage" DROP CONSTRAINT "FK_726409440f336b32254207b40f6"');
    await queryRunner.query('ALTER TABLE "facility" DROP CONSTRAINT "FK_4bcd96e6c5d892003c8c0cc8f4e"');
    await queryRunner.query('ALTER TABLE "facility" DROP CONSTRAINT "FK_d7759712ea980551e89fd0962f6"');
    await queryRunner.query('ALTER TABLE "facility" DROP CONSTRAINT "FK_a71a384086a29ed9576eb21e011"');
    await queryRunner.query('ALTER TABLE "community_eligibility" DROP CONSTRAINT "FK_a7af9b78f9c50909940a82c4e42"');
    await queryRunner.query('ALTER TABLE "community" DROP CONSTRAINT "FK_0401fda5461629ce1d863424d72"');
    await queryRunner.query('ALTER TABLE "community" DROP CONSTRAINT "FK_e62f1d0a841557560335b846ac4"');
    await queryRunner.query('ALTER TABLE "community" DROP CONSTRAINT "FK_ef98d13716ddcc3403f6971fdbc"');
    await queryRunner.query('ALTER TABLE "street" DROP CONSTRAINT "FK_c0f39b8ca2ea4b238a51e2e97e0"');
    await queryRunner.query('ALTER TABLE "district" DROP CONSTRAINT "FK_0364a9a27eee3d5294627fdd659"');
    await queryRunner.query('DROP TABLE "calendar_day"');
    await queryRunner.query('DROP INDEX "public"."IDX_complaint_company"');
    await queryRunner.query('DROP TABLE "complaint"');
    await queryRunner.query('DROP INDEX "public"."IDX_report_facility_row_version"');
    await queryRunner.query('DROP TABLE "report_facility_row"');
    await queryRunner.query('DROP INDEX "public"."UQ_report_community_row"');
    await queryRunner.query('DROP TABLE "report_community_row"');
    await queryRunner.query('DROP INDEX "public"."UQ_district_report_period_district"');
    await queryRunner.query('DROP TABLE "district_report"');
    await queryRunner.query('DROP INDEX "public"."UQ_report_version_no"');
    await queryRunner.query('DROP TABLE "report_version"');
    await queryRunner.query('DROP INDEX "public"."IDX_report_upload_report_sha"');
    await queryRunner.query('DROP INDEX "public"."IDX_report_upload_pending"');
    await queryRunner.query('DROP TABLE "report_upload"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_occurred"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_entity"');
    await queryRunner.query('DROP TABLE "audit_event"');
    await queryRunner.query('DROP TABLE "app_user"');
    await queryRunner.query('DROP TABLE "reporting_period"');
    await queryRunner.query('DROP INDEX "public"."UQ_pilot_designation_plan_community"');
    await queryRunner.query('DROP TABLE "pilot_designation"');
    await queryRunner.query('DROP INDEX "public"."UQ_district_target_plan_district"');
    await queryRunner.query('DROP TABLE "district_target"');
    await queryRunner.query('DROP TABLE "target_plan"');
    await queryRunner.query('DROP INDEX "public"."UQ_nearby_coverage"');
    await queryRunner.query('DROP TABLE "nearby_coverage"');
    await queryRunner.query('DROP INDEX "public"."IDX_facility_community"');
    await queryRunner.query('DROP TABLE "facility"');
    await queryRunner.query('DROP INDEX "public"."UQ_community_eligibility_effective"');
    await queryRunner.query('DROP TABLE "community_eligibility"');
    await queryRunner.query('DROP INDEX "public"."IDX_community_district"');
    await queryRunner.query('DROP TABLE "community"');
    await queryRunner.query('DROP TABLE "operator_enterprise"');
    await queryRunner.query('DROP TABLE "property_company"');
    await queryRunner.query('DROP INDEX "public"."UQ_street_district_name"');
    await queryRunner.query('DROP TABLE "street"');
    await queryRunner.query('DROP INDEX "public"."UQ_district_city_name"');
    await queryRunner.query('DROP TABLE "district"');
    await queryRunner.query('DROP TABLE "city"');
  }
}
