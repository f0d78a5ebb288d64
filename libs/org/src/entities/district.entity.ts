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
import { City } from './city.entity.js';
import { DistrictKind, DistrictTier } from './org.enums.js';

/** 区县 / 县级市 / 开发(度假)园区: the unit that reports every month. */
@Entity('district')
@Unique('UQ_district_code', ['code'])
@Check('CHK_district_tier', enumCheck('tier', DistrictTier))
@Check('CHK_district_kind', enumCheck('kind', DistrictKind))
@Index('UQ_district_city_name', ['cityId', 'name'], { unique: true })
export class District {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'int' })
  cityId!: number;

  @ManyToOne(() => City, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'city_id' })
  city?: Relation<City>;

  @Column({ type: 'varchar', length: 1 })
  tier!: DistrictTier;

  @Column({ type: 'varchar', length: 16 })
  kind!: DistrictKind;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
