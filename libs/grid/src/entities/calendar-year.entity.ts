import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A year whose holiday arrangement the office has entered. Working-day arithmetic refuses dates in a year that
 * is not here rather than silently assuming Mon–Fri (STACK-NOTES: chinese-days falls back that way for 2027).
 */
@Entity('calendar_year')
@Check('CHK_calendar_year_range', '"year" BETWEEN 2000 AND 2100')
export class CalendarYear {
  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  /** The notice it follows, e.g. 国办发明电〔2023〕7号. */
  @Column({ type: 'varchar', length: 200 })
  source!: string;

  @Column({ type: 'int', nullable: true })
  updatedBy!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
