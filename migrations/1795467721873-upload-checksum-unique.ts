import { MigrationInterface, QueryRunner } from 'typeorm';

/** One upload per report and checksum: the same file sent twice is recognised, never stored twice (issue 3 §4). */

export class UploadChecksumUnique1795467721873 implements MigrationInterface {
  name = 'UploadChecksumUnique1795467721873';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_report_upload_report_sha"');
    await queryRunner.query(
      'ALTER TABLE "report_upload" ADD CONSTRAINT "UQ_report_upload_report_sha" UNIQUE ("report_id", "sha256")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "report_upload" DROP CONSTRAINT "UQ_report_upload_report_sha"');
    await queryRunner.query(
      'CREATE INDEX "IDX_report_upload_report_sha" ON "report_upload" USING btree ("report_id", "sha256") ',
    );
  }
}
