import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { enumCheck } from '@app/core';
import { CalendarDayKind } from '../working-day-calendar.js';

/** Exceptions to Mon–Fri from the State Council's yearly holiday notice; editable by the office. */
@Entity('calendar_day')
@Check('CHK_calendar_day_kind', enumCheck('kind', CalendarDayKind))
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: CalendarDayKind;

  /** 春节, 国庆节, … */
  @Column({ type: 'varchar', length: 20 })
  name!: string;

  @Column({ type: 'int', nullable: true })
  updatedBy!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
