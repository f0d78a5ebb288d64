import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Community } from '@app/org';
import { ReportVersion } from './report-version.entity.js';

/** A row of the 社区 sheet of a version: what the district stated about a community that month. */
@Entity('report_community_row')
@Index('UQ_report_community_row', ['versionId', 'communityId'], { unique: true })
// The raw-data export pages through a version's rows by id (keyset).
@Index('IDX_report_community_row_version_id', ['versionId', 'id'])
export class ReportCommunityRow {
  /** bigint: pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  versionId!: number;

  @ManyToOne(() => ReportVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<ReportVersion>;

  /** Row number in the uploaded sheet, for messages. */
  @Column({ type: 'int' })
  rowNo!: number;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'boolean' })
  residentDemand!: boolean;

  @Column({ type: 'boolean' })
  parkingAvailable!: boolean;

  @Column({ type: 'boolean' })
  capacitySufficient!: boolean;

  @Column({ type: 'boolean' })
  capacitySolutionAgreed!: boolean;

  @Column({ type: 'boolean', nullable: true })
  fireSafetyComplete!: boolean | null;

  @Column({ type: 'boolean' })
  eligible!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  ineligibleReason!: string | null;

  /** Designated as a pilot of the plan named in the template. */
  @Column({ type: 'boolean', default: false })
  pilot!: boolean;

  /** Code of a public facility within 1 km that serves this community, if any. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  nearbyFacilityCode!: string | null;

  @Column({ type: 'int', nullable: true })
  nearbyDistanceM!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  remark!: string | null;
}
