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
import { Community } from './community.entity.js';
import { Facility } from './facility.entity.js';

/**
 * A community served by a public facility outside it, within the 1 km service radius (Kunming §二(一)2, §四(二)).
 */
@Entity('nearby_coverage')
@Check('CHK_nearby_coverage_distance', '"distance_m" >= 0 AND "distance_m" <= 1000')
@Check('CHK_nearby_coverage_dates', '"valid_to" IS NULL OR "valid_to" > "valid_from"')
@Index('UQ_nearby_coverage', ['communityId', 'facilityId', 'validFrom'], { unique: true })
export class NearbyCoverage {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Relation<Community>;

  @Column({ type: 'int' })
  facilityId!: number;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  /** Walking distance in metres, at most 1,000. */
  @Column({ type: 'int' })
  distanceM!: number;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
