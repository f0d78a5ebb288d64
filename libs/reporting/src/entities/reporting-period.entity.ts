import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { enumCheck } from '@app/core';
import { PeriodStatus } from './reporting.enums.js';

/** A calendar month (Asia/Shanghai). Window opens on the 1st; deadline by default the 25th 23:59:59. */
@Entity('reporting_period')
@Unique('UQ_reporting_period_month', ['month'])
@Check('CHK_reporting_period_status', enumCheck('status', PeriodStatus))
@Check('CHK_reporting_period_month', `"month" ~ '^\\d{4}-(0[1-9]|1[0-2])$'`)
@Check('CHK_reporting_period_window', '"deadline_at" > "opens_at"')
export class ReportingPeriod {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'timestamptz' })
  opensAt!: Date;

  @Column({ type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ type: 'varchar', length: 8, default: PeriodStatus.Open })
  status!: PeriodStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
