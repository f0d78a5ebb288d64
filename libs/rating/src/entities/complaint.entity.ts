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
import { Community, District, FacilityUsage, PropertyCompany } from '@app/org';

export enum ComplaintKind {
  /** 阻挠充电设施建设 (Jinpu §二(五)): a confirmed one disqualifies the company from awards. */
  Obstruction = 'obstruction',
  Other = 'other',
}

export enum ComplaintStatus {
  Registered = 'registered',
  Confirmed = 'confirmed',
  Dismissed = 'dismissed',
}

/**
 * A complaint about a property company: registered (by the office or the district it concerns), then confirmed or
 * dismissed by the office with its reason. A decided complaint is final (a trigger refuses changing it).
 */
@Entity('complaint')
@Check('CHK_complaint_kind', enumCheck('kind', ComplaintKind))
@Check('CHK_complaint_status', enumCheck('status', ComplaintStatus))
@Check('CHK_complaint_decision', `("status" = 'registered') = ("decided_at" IS NULL)`)
@Check('CHK_complaint_decided_by', `("status" = 'registered') = ("decided_by" IS NULL)`)
@Check('CHK_complaint_decision_note', `"status" = 'registered' OR length(trim(COALESCE("decision_note", ''))) > 0`)
@Check('CHK_complaint_facility_usage', enumCheck('facility_usage', FacilityUsage))
// An obstruction is of a public facility or of a resident's self-use pile (Jinpu §二(五)): the rating counts the two apart.
@Check('CHK_complaint_obstruction_usage', `"kind" <> 'obstruction' OR "facility_usage" IS NOT NULL`)
@Index('IDX_complaint_company', ['propertyCompanyId'])
@Index('IDX_complaint_district', ['districtId'])
export class Complaint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  propertyCompanyId!: number;

  @ManyToOne(() => PropertyCompany, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'property_company_id' })
  propertyCompany?: Relation<PropertyCompany>;

  @Column({ type: 'int', nullable: true })
  communityId!: number | null;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  /** The community's district: whose staff may see and register it. */
  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'varchar', length: 12 })
  kind!: ComplaintKind;

  /** Which kind of installation was obstructed (required for obstructions). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  facilityUsage!: FacilityUsage | null;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'varchar', length: 2000 })
  description!: string;

  @Column({ type: 'varchar', length: 12, default: ComplaintStatus.Registered })
  status!: ComplaintStatus;

  @Column({ type: 'int', nullable: true })
  registeredBy!: number | null;

  @Column({ type: 'int', nullable: true })
  decidedBy!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The office's reason for confirming or dismissing. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  decisionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
