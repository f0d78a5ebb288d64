import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { enumCheck } from '@app/core';
import { Community, FacilityUsage } from '@app/org';
import { ReportVersion } from './report-version.entity.js';

/** A row of the 充电设施 sheet of a version. facility_code is null for a facility the district added this month. */
@Entity('report_facility_row')
@Check('CHK_report_facility_row_usage', enumCheck('usage', FacilityUsage))
@Check('CHK_report_facility_row_piles', '"ac_piles" >= 0 AND "dc_piles" >= 0 AND "total_kw" >= 0')
// (version_id, id): the raw-data export pages through a version's rows by id (keyset), and lookups by version use it too.
@Index('IDX_report_facility_row_version_id', ['versionId', 'id'])
export class ReportFacilityRow {
  /** bigint: pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  versionId!: number;

  @ManyToOne(() => ReportVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<ReportVersion>;

  @Column({ type: 'int' })
  rowNo!: number;

  @Column({ type: 'varchar', length: 24, nullable: true })
  facilityCode!: string | null;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 8 })
  usage!: FacilityUsage;

  @Column({ type: 'int', nullable: true })
  operatorId!: number | null;

  @Column({ type: 'int', nullable: true })
  propertyCompanyId!: number | null;

  @Column({ type: 'int' })
  acPiles!: number;

  @Column({ type: 'int' })
  dcPiles!: number;

  @Column({ type: 'numeric', precision: 12, scale: 3 })
  totalKw!: string;

  @Column({ type: 'numeric', precision: 8, scale: 4, nullable: true })
  serviceFeeYuanPerKwh!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  platformId!: string | null;

  @Column({ type: 'date', nullable: true })
  surveyedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  agreementOn!: string | null;

  @Column({ type: 'date', nullable: true })
  gridAppliedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  gridAcceptedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  supplyPlanRepliedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  constructionStartedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  constructionCompletedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  meterInstalledOn!: string | null;

  @Column({ type: 'date', nullable: true })
  acceptedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  platformConnectedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  retiredOn!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  retiredReason!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  remark!: string | null;
}
