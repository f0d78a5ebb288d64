import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  Relation,
  Unique,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { Community } from './community.entity.js';
import { OperatorEnterprise } from './operator-enterprise.entity.js';
import { PropertyCompany } from './property-company.entity.js';
import { FacilityUsage } from './org.enums.js';

/**
 * A charging facility (站点) in a community, with the date of each stage of its life (Jinpu annexes 1–3):
 * survey → agreement → grid application → acceptance by the grid → supply plan → construction → meter →
 * acceptance (验收) → municipal platform → retired. Built = accepted_on set; operating = also platform_connected_on.
 */
@Entity('facility')
@Unique('UQ_facility_code', ['code'])
@Unique('UQ_facility_platform_id', ['platformId'])
@Check('CHK_facility_usage', enumCheck('usage', FacilityUsage))
@Check('CHK_facility_piles', '"ac_piles" >= 0 AND "dc_piles" >= 0 AND "total_kw" >= 0')
@Check('CHK_facility_fee', '"service_fee_yuan_per_kwh" IS NULL OR "service_fee_yuan_per_kwh" >= 0')
@Check('CHK_facility_retired', '"retired_on" IS NULL OR length(trim(COALESCE("retired_reason", \'\'))) > 0')
@Index('IDX_facility_community', ['communityId'])
export class Facility {
  @PrimaryGeneratedColumn()
  id!: number;

  /** System code, e.g. F530102-000123; districts quote it in their monthly file. */
  @Column({ type: 'varchar', length: 24 })
  code!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'varchar', length: 8 })
  usage!: FacilityUsage;

  @Column({ type: 'int', nullable: true })
  operatorId!: number | null;

  @ManyToOne(() => OperatorEnterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id' })
  operator?: Relation<OperatorEnterprise>;

  @Column({ type: 'int', nullable: true })
  propertyCompanyId!: number | null;

  @ManyToOne(() => PropertyCompany, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'property_company_id' })
  propertyCompany?: Relation<PropertyCompany>;

  /** 交流慢充桩 */
  @Column({ type: 'int', default: 0 })
  acPiles!: number;

  /** 直流快充桩 */
  @Column({ type: 'int', default: 0 })
  dcPiles!: number;

  /** Total rated power, kW, 3 decimals. */
  @Column({ type: 'numeric', precision: 12, scale: 3, default: 0 })
  totalKw!: string;

  /** 服务费, 元/kWh, 4 decimals. */
  @Column({ type: 'numeric', precision: 8, scale: 4, nullable: true })
  serviceFeeYuanPerKwh!: string | null;

  /** Id in the municipal monitoring platform (市级平台). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  platformId!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  longitude!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  latitude!: string | null;

  /** 现场勘察 */
  @Column({ type: 'date', nullable: true })
  surveyedOn!: string | null;

  /** 与物业签订协议 / 业主大会同意 */
  @Column({ type: 'date', nullable: true })
  agreementOn!: string | null;

  /** 网上国网报装申请 */
  @Column({ type: 'date', nullable: true })
  gridAppliedOn!: string | null;

  /** 供电企业受理 */
  @Column({ type: 'date', nullable: true })
  gridAcceptedOn!: string | null;

  /** 答复供电方案 */
  @Column({ type: 'date', nullable: true })
  supplyPlanRepliedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  constructionStartedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  constructionCompletedOn!: string | null;

  /** 装表接电 */
  @Column({ type: 'date', nullable: true })
  meterInstalledOn!: string | null;

  /** 验收 */
  @Column({ type: 'date', nullable: true })
  acceptedOn!: string | null;

  /** 接入市级平台 */
  @Column({ type: 'date', nullable: true })
  platformConnectedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  retiredOn!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  retiredReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
