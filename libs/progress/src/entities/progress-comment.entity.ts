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
  UpdateDateColumn,
} from 'typeorm';
import { District } from '@app/org';
import { User } from '@app/auth';

/** The office's comment on one district's figures of one month, shown beside them on the dashboards. */
@Entity('progress_comment')
@Index('UQ_progress_comment_month_district', ['month', 'districtId'], { unique: true })
@Check('CHK_progress_comment_month', `"month" ~ '^\\d{4}-(0[1-9]|1[0-2])$'`)
@Check('CHK_progress_comment_body', `length(btrim("body")) > 0`)
export class ProgressComment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'varchar', length: 1000 })
  body!: string;

  @Column({ type: 'int' })
  authorId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
