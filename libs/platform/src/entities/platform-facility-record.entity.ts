import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { District } from '@app/org';
import { PlatformImport } from './platform-import.entity.js';

/** A connected facility as one import of the municipal platform lists it. Never changed once written. */
@Entity('platform_facility_record')
@Unique('UQ_platform_facility_record_import_platform_id', ['importId', 'platformId'])
@Index('IDX_platform_facility_record_platform_id', ['platformId', 'importId'])
@Check('CHK_platform_facility_record_piles', '"ac_piles" >= 0 AND "dc_piles" >= 0 AND "total_kw" >= 0')
export class PlatformFacilityRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  importId!: number;

  @ManyToOne(() => PlatformImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<PlatformImport>;

  /** The platform's id of the facility (市级平台编号); districts quote it in their monthly report. */
  @Column({ type: 'varchar', length: 50 })
  platformId!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  stationName!: string | null;

  /** The district the platform files it under, where its export says. */
  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  /** 接入日期 by the platform: the date the subsidy's 2-month rule reads (Kunming §四(五), Jinpu annex 1). */
  @Column({ type: 'date' })
  connectedOn!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  operatorName!: string | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  operatorCreditCode!: string | null;

  @Column({ type: 'int' })
  acPiles!: number;

  @Column({ type: 'int' })
  dcPiles!: number;

  @Column({ type: 'numeric', precision: 12, scale: 3 })
  totalKw!: string;
}
