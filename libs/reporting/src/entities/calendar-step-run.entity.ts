import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { enumCheck } from '@app/core';

/** The steps of the monthly calendar (Kunming §五(二): 每月25日前报送). */
export enum CalendarStep {
  OpenPeriod = 'open_period',
  Remind = 'remind',
  MarkOverdue = 'mark_overdue',
  Escalate = 'escalate',
}

/**
 * One row per scheduled step that has run, keyed so a step runs once however often the scheduler fires or catches
 * up after downtime (e.g. '2026-11:remind:2026-11-20').
 */
@Entity('calendar_step_run')
@Check('CHK_calendar_step_run_step', enumCheck('step', CalendarStep))
@Unique('UQ_calendar_step_run_key', ['stepKey'])
export class CalendarStepRun {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 80 })
  stepKey!: string;

  @Column({ type: 'varchar', length: 16 })
  step!: CalendarStep;

  @Column({ type: 'char', length: 7 })
  month!: string;

  /** The instant the step was due (not when it ran: a catch-up runs late). */
  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  ranAt!: Date;

  /** What it did: districts reminded, reports marked overdue … */
  @Column({ type: 'jsonb', nullable: true })
  outcome!: Record<string, unknown> | null;
}
