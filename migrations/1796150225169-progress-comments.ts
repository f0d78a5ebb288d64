import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgressComments1796150225169 implements MigrationInterface {
  name = 'ProgressComments1796150225169';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "progress_comment" ("id" SERIAL NOT NULL, "month" character(7) NOT NULL, "district_id" integer NOT NULL, "body" character varying(1000) NOT NULL, "author_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_progress_comment_body" CHECK (length(btrim("body")) > 0), CONSTRAINT "CHK_progress_comment_month" CHECK ("month" ~ \'^\\d{4}-(0[1-9]|1[0-2])$\'), CONSTRAINT "PK_617e65ed3bf9e389694d89d3c22" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_progress_comment_month_district" ON "progress_comment"  ("month", "district_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_comment" ADD CONSTRAINT "FK_eca19b221b82acbe34fda10b70f" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_comment" ADD CONSTRAINT "FK_20baf84ea410e492457635a4dd2" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "progress_comment" DROP CONSTRAINT "FK_20baf84ea410e492457635a4dd2"');
    await queryRunner.query('ALTER TABLE "progress_comment" DROP CONSTRAINT "FK_eca19b221b82acbe34fda10b70f"');
    await queryRunner.query('DROP INDEX "public"."UQ_progress_comment_month_district"');
    await queryRunner.query('DROP TABLE "progress_comment"');
  }
}
