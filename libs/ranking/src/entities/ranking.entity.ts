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
} from 'typeorm';
import { enumCheck } from '@app/core';
import { TargetPlan } from '@app/progress';

export enum RankingStatus {
  Draft = 'draft',
  /** Reviewed and published by the office: frozen (a trigger refuses changes). */
  Published = 'published',
}

/** A month's ranking of districts (issue 4 §3), with the weights and rules it was computed with. */
@Entity('ranking')
@Check('CHK_ranking_status', enumCheck('status', RankingStatus))
@Check('CHK_ranking_published', `("status" = 'published') = ("published_at" IS NOT NULL)`)
@Index('UQ_ranking_published_month', ['month'], { unique: true, where: `"status" = 'published'` })
export class Ranking {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'char', length: 7 })
  month!: string;

  /** The target plan whose completion is scored. */
  @Column({ type: 'int' })
  planId!: number;

  @ManyToOne(() => TargetPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<TargetPlan>;

  @Column({ type: 'varchar', length: 10, default: RankingStatus.Draft })
  status!: RankingStatus;

  /** Basis points per metric, summing to 10000. */
  @Column({ type: 'jsonb' })
  weights!: Record<string, number>;

  /** Months of reporting history behind timeliness and data quality. */
  @Column({ type: 'int' })
  spanMonths!: number;

  /** The rules as stated when it was computed (Chinese), shown beside the figures. */
  @Column({ type: 'varchar', length: 1000 })
  rulesText!: string;

  @Column({ type: 'int' })
  createdBy!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'int', nullable: true })
  publishedBy!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
