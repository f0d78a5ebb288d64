import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { enumCheck } from '@app/core';
import { District } from './district.entity.js';
import { StreetKind } from './org.enums.js';

/** 街道 / 乡镇 */
@Entity('street')
@Unique('UQ_street_code', ['code'])
@Check('CHK_street_kind', enumCheck('kind', StreetKind))
@Index('UQ_street_district_name', ['districtId', 'name'], { unique: true })
export class Street {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: StreetKind;

  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;
}
