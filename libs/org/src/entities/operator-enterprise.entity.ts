import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { enumCheck } from '@app/core';
import { OperatorStatus } from './org.enums.js';

/** 昆明市充电设施建设企业名录 (Kunming plan §五(二)): the registry of builder/operator enterprises. */
@Entity('operator_enterprise')
// GB 32100-2015 check character, computed in SQL by the function the credit-code migration creates.
@Check('CHK_operator_enterprise_credit_code', '"credit_code" IS NULL OR is_valid_credit_code("credit_code")')
@Unique('UQ_operator_enterprise_name', ['name'])
@Unique('UQ_operator_enterprise_credit_code', ['creditCode'])
@Check('CHK_operator_enterprise_status', enumCheck('status', OperatorStatus))
export class OperatorEnterprise {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'date' })
  listedOn!: string;

  @Column({ type: 'varchar', length: 8, default: OperatorStatus.Listed })
  status!: OperatorStatus;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPerson!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
