import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports (issue 5 §2–3): the export record and its file in ~1 MiB pieces (why in PostgreSQL: data-export-chunk.entity.ts).
 * The version-row indexes on (version_id, id) let the raw-data export page through a version's rows by id; the one on
 * (version_id) alone is dropped, the new one serves its lookups.
 */

export class DataExports1796150443397 implements MigrationInterface {
  name = 'DataExports1796150443397';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_report_facility_row_version"');
    await queryRunner.query(
      'CREATE TABLE "data_export" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "params" jsonb NOT NULL, "requested_by" integer NOT NULL, "district_id" integer, "status" character varying(10) NOT NULL DEFAULT \'queued\', "progress_percent" smallint NOT NULL DEFAULT \'0\', "progress_message" character varying(200), "row_count" integer, "file_name" character varying(200) NOT NULL, "size_bytes" bigint, "sha256" character(64), "chunk_count" integer NOT NULL DEFAULT \'0\', "error_message" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_data_export_sha256" CHECK ("sha256" IS NULL OR "sha256" ~ \'^[0-9a-f]{64}$\'), CONSTRAINT "CHK_data_export_failed" CHECK ("status" <> \'failed\' OR ("error_message" IS NOT NULL AND "finished_at" IS NOT NULL)), CONSTRAINT "CHK_data_export_done" CHECK ("status" <> \'done\' OR ("size_bytes" IS NOT NULL AND "sha256" IS NOT NULL AND "row_count" IS NOT NULL AND "finished_at" IS NOT NULL)), CONSTRAINT "CHK_data_export_progress" CHECK ("progress_percent" BETWEEN 0 AND 100), CONSTRAINT "CHK_data_export_status" CHECK ("status" IN (\'queued\', \'running\', \'done\', \'failed\')), CONSTRAINT "CHK_data_export_kind" CHECK ("kind" IN (\'city_summary\', \'ranking\', \'raw_data\', \'bulletin\', \'subsidy_list\', \'property_ratings\')), CONSTRAINT "PK_0765a950021643539f983b764ad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_data_export_status" ON "data_export"  ("status", "updated_at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_data_export_requester" ON "data_export"  ("requested_by", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "data_export_chunk" ("export_id" uuid NOT NULL, "seq" integer NOT NULL, "content" bytea NOT NULL, CONSTRAINT "CHK_data_export_chunk_seq" CHECK ("seq" >= 0), CONSTRAINT "PK_5ea509fce988bd631702d01d755" PRIMARY KEY ("export_id", "seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_report_community_row_version_id" ON "report_community_row"  ("version_id", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_report_facility_row_version_id" ON "report_facility_row"  ("version_id", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "data_export" ADD CONSTRAINT "FK_d8cde7e2e259aeb95689a31b7ab" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "data_export" ADD CONSTRAINT "FK_78f0aa8427dc50f99e3142948ae" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "data_export_chunk" ADD CONSTRAINT "FK_8c48cd93a9087d47ad6466318ae" FOREIGN KEY ("export_id") REFERENCES "data_export"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "data_export_chunk" DROP CONSTRAINT "FK_8c48cd93a9087d47ad6466318ae"');
    await queryRunner.query('ALTER TABLE "data_export" DROP CONSTRAINT "FK_78f0aa8427dc50f99e3142948ae"');
    await queryRunner.query('ALTER TABLE "data_export" DROP CONSTRAINT "FK_d8cde7e2e259aeb95689a31b7ab"');
    await queryRunner.query('DROP INDEX "public"."IDX_report_facility_row_version_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_report_community_row_version_id"');
    await queryRunner.query('DROP TABLE "data_export_chunk"');
    await queryRunner.query('DROP INDEX "public"."IDX_data_export_requester"');
    await queryRunner.query('DROP INDEX "public"."IDX_data_export_status"');
    await queryRunner.query('DROP TABLE "data_export"');
    await queryRunner.query(
      'CREATE INDEX "IDX_report_facility_row_version" ON "report_facility_row" USING btree ("version_id") ',
    );
  }
}
