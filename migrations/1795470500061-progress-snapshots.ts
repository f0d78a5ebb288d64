import { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly progress snapshots per district and city per target plan; frozen once a month is published. */

export class ProgressSnapshots1795470500061 implements MigrationInterface {
  name = 'ProgressSnapshots1795470500061';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "progress_snapshot" ("id" BIGSERIAL NOT NULL, "month" character(7) NOT NULL, "plan_id" integer NOT NULL, "district_id" integer, "target_count" integer, "target_ratio" numeric(5,4), "achieved_count" integer NOT NULL, "pilot_designated" integer NOT NULL, "pilot_completed" integer NOT NULL, "registered_communities" integer NOT NULL, "eligible_communities" integer NOT NULL, "covered_eligible" integer NOT NULL, "covered_ineligible" integer NOT NULL, "built_public_facilities" integer NOT NULL, "operating_public_facilities" integer NOT NULL, "public_ac_piles" integer NOT NULL, "public_dc_piles" integer NOT NULL, "self_use_ac_piles" integer NOT NULL, "self_use_dc_piles" integer NOT NULL, "public_kw" numeric(14,3) NOT NULL, "self_use_kw" numeric(14,3) NOT NULL, "frozen" boolean NOT NULL DEFAULT false, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_progress_snapshot_counts" CHECK ("covered_eligible" <= "eligible_communities" AND "eligible_communities" <= "registered_communities"), CONSTRAINT "PK_bbdd70dd3627532768c2f83062c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_progress_snapshot_city" ON "progress_snapshot"  ("month", "plan_id") WHERE "district_id" IS NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_progress_snapshot_district" ON "progress_snapshot"  ("month", "plan_id", "district_id") WHERE "district_id" IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_snapshot" ADD CONSTRAINT "FK_2e72714f18643356894b2c128b1" FOREIGN KEY ("plan_id") REFERENCES "target_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_snapshot" ADD CONSTRAINT "FK_e08109a98229847f499152b5746" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "progress_snapshot" DROP CONSTRAINT "FK_e08109a98229847f499152b5746"');
    await queryRunner.query('ALTER TABLE "progress_snapshot" DROP CONSTRAINT "FK_2e72714f18643356894b2c128b1"');
    await queryRunner.query('DROP INDEX "public"."UQ_progress_snapshot_district"');
    await queryRunner.query('DROP INDEX "public"."UQ_progress_snapshot_city"');
    await queryRunner.query('DROP TABLE "progress_snapshot"');
  }
}
