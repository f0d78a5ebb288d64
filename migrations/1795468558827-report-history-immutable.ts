import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3 §4: earlier versions are never changed or deleted. The database refuses deleting an upload, a version or a
 * row of one, changing what an upload or version recorded (bytes, checksum, who, when, which report), and changing
 * any stored row. Review fields and processing status stay writable.
 */
export class ReportHistoryImmutable1795468558827 implements MigrationInterface {
  name = 'ReportHistoryImmutable1795468558827';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION report_history_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '报送历史不可修改或删除 (% on %)', TG_OP, TG_TABLE_NAME;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER report_upload_no_delete BEFORE DELETE ON "report_upload" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()',
    );
    await queryRunner.query(
      'CREATE TRIGGER report_upload_fixed BEFORE UPDATE OF "report_id", "uploaded_by", "received_at", "file_name", "size_bytes", "sha256", "content" ON "report_upload" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()',
    );
    await queryRunner.query(
      'CREATE TRIGGER report_version_no_delete BEFORE DELETE ON "report_version" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()',
    );
    await queryRunner.query(
      'CREATE TRIGGER report_version_fixed BEFORE UPDATE OF "report_id", "version_no", "upload_id", "template_version", "submitted_at", "submitted_by", "on_time", "community_row_count", "facility_row_count" ON "report_version" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()',
    );
    for (const table of ['report_community_row', 'report_facility_row']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION report_history_is_immutable()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['report_community_row', 'report_facility_row']) {
      await queryRunner.query(`DROP TRIGGER ${table}_immutable ON "${table}"`);
    }
    await queryRunner.query('DROP TRIGGER report_version_fixed ON "report_version"');
    await queryRunner.query('DROP TRIGGER report_version_no_delete ON "report_version"');
    await queryRunner.query('DROP TRIGGER report_upload_fixed ON "report_upload"');
    await queryRunner.query('DROP TRIGGER report_upload_no_delete ON "report_upload"');
    await queryRunner.query('DROP FUNCTION report_history_is_immutable()');
  }
}
