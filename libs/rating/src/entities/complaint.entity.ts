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
import { Community, PropertyCompany } from '@app/org';

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

@Entity('complaint')
@Check('CHK_complaint_kind', enumCheck('kind', ComplaintKind))
@Check('CHK_complaint_status', enumCheck('status', ComplaintStatus))
@Check('CHK_complaint_decision', `("status" = 'registered') = ("decided_at" IS NULL)`)
@Index('IDX_complaint_company', ['propertyCompanyId'])
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

  @Column({ type: 'varchar', length: 12 })
  kind!: ComplaintKind;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'varchar', length: 2000 })
  description!: string;

  @Column({ type: 'varchar', length: 12, default: ComplaintStatus.Registered })
  status!: ComplaintStatus;

  @Column({ type: 'int', nullable: true })
  decidedBy!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  decisionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
