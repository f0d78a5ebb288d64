import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** 物业服务企业, rated yearly (Jinpu §二(五)). */
@Entity('property_company')
// GB 32100-2015 check character, computed in SQL by the function the credit-code migration creates.
@Check('CHK_property_company_credit_code', '"credit_code" IS NULL OR is_valid_credit_code("credit_code")')
@Unique('UQ_property_company_name', ['name'])
@Unique('UQ_property_company_credit_code', ['creditCode'])
export class PropertyCompany {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** 统一社会信用代码, validated with its check characters before it is stored. */
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPerson!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
