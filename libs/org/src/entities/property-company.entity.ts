import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** 物业服务企业, rated yearly (Jinpu §二(五)). */
@Entity('property_company')
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
