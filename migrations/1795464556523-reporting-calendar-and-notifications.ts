import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly calendar's step log (each scheduled step runs once), run-time settings, the in-app inbox and the
 * group-robot webhooks (企业微信 / 钉钉) with their delivery records.
 */

export class ReportingCalendarAndNotifications1795464556523 implements MigrationInterface {
  name = 'ReportingCalendarAndNotifications1795464556523';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "app_setting" ("key" character varying(80) NOT NULL, "value" jsonb NOT NULL, "updated_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_app_setting_key" CHECK ("key" ~ \'^[a-z][a-z0-9_.-]*$\'), CONSTRAINT "PK_0d66bfb0d9f93124a4549d21af0" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "calendar_step_run" ("id" SERIAL NOT NULL, "step_key" character varying(80) NOT NULL, "step" character varying(16) NOT NULL, "month" character(7) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "outcome" jsonb, CONSTRAINT "UQ_calendar_step_run_key" UNIQUE ("step_key"), CONSTRAINT "CHK_calendar_step_run_step" CHECK ("step" IN (\'open_period\', \'remind\', \'mark_overdue\', \'escalate\')), CONSTRAINT "PK_37ff413fa932743c4ff1a1054c8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "notification" ("id" BIGSERIAL NOT NULL, "user_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(120) NOT NULL, "body" character varying(2000) NOT NULL, "link" character varying(200), "district_id" integer, "month" character(7), "dedupe_key" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_notification_dedupe" UNIQUE ("user_id", "dedupe_key"), CONSTRAINT "CHK_notification_kind" CHECK ("kind" IN (\'period_opened\', \'reminder\', \'overdue\', \'escalation\', \'upload_rejected\', \'upload_accepted\', \'report_returned\', \'report_accepted\')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_notification_inbox" ON "notification"  ("user_id", "read_at", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_endpoint" ("id" SERIAL NOT NULL, "name" character varying(60) NOT NULL, "kind" character varying(10) NOT NULL, "url" character varying(500) NOT NULL, "secret" character varying(200), "district_id" integer, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_webhook_endpoint_url" CHECK ("url" ~ \'^https?://\'), CONSTRAINT "CHK_webhook_endpoint_kind" CHECK ("kind" IN (\'wecom\', \'dingtalk\')), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_delivery" ("id" BIGSERIAL NOT NULL, "endpoint_id" integer NOT NULL, "dedupe_key" character varying(120) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(8) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_webhook_delivery_dedupe" UNIQUE ("endpoint_id", "dedupe_key"), CONSTRAINT "CHK_webhook_delivery_status" CHECK ("status" IN (\'pending\', \'sent\', \'failed\')), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_webhook_delivery_status" ON "webhook_delivery"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_7da14b449d01a2344df71e33d48" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_f53f5aec02217a54927b13e39d9" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_f53f5aec02217a54927b13e39d9"');
    await queryRunner.query('ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_7da14b449d01a2344df71e33d48"');
    await queryRunner.query('ALTER TABLE "notification" DROP CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8"');
    await queryRunner.query('DROP INDEX "public"."IDX_webhook_delivery_status"');
    await queryRunner.query('DROP TABLE "webhook_delivery"');
    await queryRunner.query('DROP TABLE "webhook_endpoint"');
    await queryRunner.query('DROP INDEX "public"."IDX_notification_inbox"');
    await queryRunner.query('DROP TABLE "notification"');
    await queryRunner.query('DROP TABLE "calendar_step_run"');
    await queryRunner.query('DROP TABLE "app_setting"');
  }
}
