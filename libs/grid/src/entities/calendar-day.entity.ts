import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { enumCheck } from '@app/core';

export enum CalendarDayType {
  /** Statutory holiday: not a working day. */
  Holiday = 'holiday',
  /** Swapped weekend working day (调休上班). */
  Workday = 'workday',
}

/** Exceptions to Mon–Fri from the State Council's yearly holiday notice; editable by the office. */
@Entity('calendar_day')
@Check('CHK_calendar_day_kind', enumCheck('kind', CalendarDayType))
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: CalendarDayType;

  /** 春节, 国庆节, … */
  @Column({ type: 'varchar', length: 20 })
  name!: string;

  @Column({ type: 'int', nullable: true })
  updatedBy!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
