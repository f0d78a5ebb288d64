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
import { Community, PropertyCompany } from '@app/org';

export enum PatrolResult {
  NoIssues = 'no_issues',
  IssuesFound = 'issues_found',
}

/**
 * A safety patrol of a community's charging facilities (Jinpu §二(四) 物业应加强日常巡视, §二(五) 加强对已建充电设施进行
 * 日常巡查管理). The property company is the one responsible on the day, kept here so a later change of manager does
 * not move the record. One record per community and day.
 */
@Entity('safety_patrol')
@Unique('UQ_safety_patrol_day', ['communityId', 'patrolledOn'])
@Check('CHK_safety_patrol_result', enumCheck('result', PatrolResult))
@Check('CHK_safety_patrol_issues', `("result" = 'issues_found') = (length(trim(COALESCE("issues", ''))) > 0)`)
@Check(
  'CHK_safety_patrol_rectified',
  `"rectified_on" IS NULL OR ("result" = 'issues_found' AND "rectified_on" >= "patrolled_on")`,
)
@Index('IDX_safety_patrol_company_day', ['propertyCompanyId', 'patrolledOn'])
export class SafetyPatrol {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'int' })
  propertyCompanyId!: number;

  @ManyToOne(() => PropertyCompany, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'property_company_id' })
  propertyCompany?: Relation<PropertyCompany>;

  @Column({ type: 'date' })
  patrolledOn!: string;

  /** 巡查人 */
  @Column({ type: 'varchar', length: 50, nullable: true })
  inspector!: string | null;

  @Column({ type: 'varchar', length: 16 })
  result!: PatrolResult;

  /** 发现的问题/隐患; required exactly when issues were found. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  issues!: string | null;

  /** 整改完成日期 */
  @Column({ type: 'date', nullable: true })
  rectifiedOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rectificationNote!: string | null;

  @Column({ type: 'int', nullable: true })
  recordedBy!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
