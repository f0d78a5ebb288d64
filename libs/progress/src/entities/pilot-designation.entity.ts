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
import { Community } from '@app/org';
import { TargetPlan } from './target-plan.entity.js';

export enum EvaluationResult {
  Passed = 'passed',
  Failed = 'failed',
}

/**
 * A community a district designated as a pilot of a plan. Ezhou's pilots are confirmed only after a third-party
 * expert panel's evaluation, recorded here (date, panel, result).
 */
@Entity('pilot_designation')
@Check(
  'CHK_pilot_designation_result',
  `"evaluation_result" IS NULL OR ${enumCheck('evaluation_result', EvaluationResult)}`,
)
@Check('CHK_pilot_designation_evaluation', '("evaluation_result" IS NULL) = ("evaluated_on" IS NULL)')
@Index('UQ_pilot_designation_plan_community', ['planId', 'communityId'], { unique: true })
export class PilotDesignation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  planId!: number;

  @ManyToOne(() => TargetPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<TargetPlan>;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'date' })
  designatedOn!: string;

  @Column({ type: 'date', nullable: true })
  evaluatedOn!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  evaluationPanel!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  evaluationResult!: EvaluationResult | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  evaluationNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
