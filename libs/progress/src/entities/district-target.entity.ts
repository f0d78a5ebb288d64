import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { District } from '@app/org';
import { TargetPlan } from './target-plan.entity.js';

/** One district's target within a plan: a count, or a ratio in [0, 1] with 4 decimals. */
@Entity('district_target')
@Check('CHK_district_target_value', '("target_count" IS NULL) <> ("target_ratio" IS NULL)')
@Check('CHK_district_target_count', '"target_count" IS NULL OR "target_count" >= 0')
@Check('CHK_district_target_ratio', '"target_ratio" IS NULL OR ("target_ratio" >= 0 AND "target_ratio" <= 1)')
@Index('UQ_district_target_plan_district', ['planId', 'districtId'], { unique: true })
export class DistrictTarget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  planId!: number;

  @ManyToOne(() => TargetPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<TargetPlan>;

  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'int', nullable: true })
  targetCount!: number | null;

  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  targetRatio!: string | null;
}
