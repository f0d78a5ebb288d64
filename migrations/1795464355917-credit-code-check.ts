import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 统一社会信用代码 (GB 32100-2015) checked by the database itself: charset and the 18th check character
 * (weights 3^(i-1) mod 31 over the 31-character alphabet). The application also checks the organisation-code digit
 * (GB 11714) and the authority code, with Chinese messages; this is the floor no code path can go below.
 */

export class CreditCodeCheck1795464355917 implements MigrationInterface {
  name = 'CreditCodeCheck1795464355917';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION is_valid_credit_code(code text) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT AS $$
      DECLARE
        alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
        weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        total int := 0;
      BEGIN
        IF code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' THEN
          RETURN false;
        END IF;
        FOR i IN 1..17 LOOP
          total := total + (strpos(alphabet, substr(code, i, 1)) - 1) * weights[i];
        END LOOP;
        RETURN substr(alphabet, (31 - total % 31) % 31 + 1, 1) = substr(code, 18, 1);
      END $$`);
    await queryRunner.query(
      'ALTER TABLE "property_company" ADD CONSTRAINT "CHK_property_company_credit_code" CHECK ("credit_code" IS NULL OR is_valid_credit_code("credit_code"))',
    );
    await queryRunner.query(
      'ALTER TABLE "operator_enterprise" ADD CONSTRAINT "CHK_operator_enterprise_credit_code" CHECK ("credit_code" IS NULL OR is_valid_credit_code("credit_code"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "operator_enterprise" DROP CONSTRAINT "CHK_operator_enterprise_credit_code"');
    await queryRunner.query('ALTER TABLE "property_company" DROP CONSTRAINT "CHK_property_company_credit_code"');
    await queryRunner.query('DROP FUNCTION is_valid_credit_code(text)');
  }
}
