import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { User } from '@app/auth';

export enum NotificationKind {
  PeriodOpened = 'period_opened',
  Reminder = 'reminder',
  Overdue = 'overdue',
  /** 催报: after the deadline, to the district and the office */
  Escalation = 'escalation',
  UploadRejected = 'upload_rejected',
  UploadAccepted = 'upload_accepted',
  ReportReturned = 'report_returned',
  ReportAccepted = 'report_accepted',
}

/** The in-app inbox: one row per recipient. */
@Entity('notification')
@Check('CHK_notification_kind', enumCheck('kind', NotificationKind))
@Index('IDX_notification_inbox', ['userId', 'readAt', 'createdAt'])
@Unique('UQ_notification_dedupe', ['userId', 'dedupeKey'])
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ type: 'varchar', length: 2000 })
  body!: string;

  /** Where the UI takes the reader, e.g. /reports/2026-11 */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link!: string | null;

  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @Column({ type: 'char', length: 7, nullable: true })
  month!: string | null;

  /** Same event, same recipient: sent once (e.g. 'remind:2026-11-20:530102'). */
  @Column({ type: 'varchar', length: 120 })
  dedupeKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
