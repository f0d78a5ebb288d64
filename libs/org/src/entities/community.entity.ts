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
import { District } from './district.entity.js';
import { Street } from './street.entity.js';
import { PropertyCompany } from './property-company.entity.js';
import { GarageType } from './org.enums.js';

/**
 * 居住社区/小区. Membership of the register has dates, so "the register as it stood at a month's end"
 * (SPEC, coverage %) is a query, not a reconstruction.
 */
@Entity('community')
@Unique('UQ_community_code', ['code'])
@Check('CHK_community_garage_type', enumCheck('garage_type', GarageType))
@Check('CHK_community_register_dates', '"removed_on" IS NULL OR "removed_on" > "registered_on"')
@Check(
  'CHK_community_counts',
  '("households" IS NULL OR "households" >= 0) AND ("parking_spaces" IS NULL OR "parking_spaces" >= 0)',
)
@Index('IDX_community_district', ['districtId'])
export class Community {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 24 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'int', nullable: true })
  streetId!: number | null;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id' })
  street?: Relation<Street>;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 16 })
  garageType!: GarageType;

  /** Year the community entered the national old-community renovation plan (Fujian §…), if it did. */
  @Column({ type: 'smallint', nullable: true })
  renovationYear!: number | null;

  @Column({ type: 'int', nullable: true })
  propertyCompanyId!: number | null;

  @ManyToOne(() => PropertyCompany, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'property_company_id' })
  propertyCompany?: Relation<PropertyCompany>;

  @Column({ type: 'int', nullable: true })
  households!: number | null;

  @Column({ type: 'int', nullable: true })
  parkingSpaces!: number | null;

  /** WGS-84, 6 decimals (~0.1 m). */
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  longitude!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  latitude!: string | null;

  @Column({ type: 'date' })
  registeredOn!: string;

  @Column({ type: 'date', nullable: true })
  removedOn!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
