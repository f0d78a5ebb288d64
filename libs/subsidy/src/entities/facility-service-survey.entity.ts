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
import { Facility } from '@app/org';

/**
 * An on-site check of Ezhou's service standard (鄂州「三个5」, Ezhou plan §一(三)1) the office records for a facility:
 * distance to the nearest public pile and the queue time. The service fee is the register's (districts report it).
 * The latest survey (by date, then entry) is what the rules read; earlier ones stay as history.
 */
@Entity('facility_service_survey')
@Index('IDX_facility_service_survey_facility', ['facilityId', 'surveyedOn'])
@Check('CHK_facility_service_survey_values', '"nearest_pile_distance_m" >= 0 AND "queue_minutes" >= 0')
export class FacilityServiceSurvey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  facilityId!: number;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @Column({ type: 'date' })
  surveyedOn!: string;

  /** 找桩距离, metres, 1 decimal. */
  @Column({ type: 'numeric', precision: 8, scale: 1 })
  nearestPileDistanceM!: string;

  /** 排队时间, minutes, 1 decimal. */
  @Column({ type: 'numeric', precision: 6, scale: 1 })
  queueMinutes!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  recordedBy!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
