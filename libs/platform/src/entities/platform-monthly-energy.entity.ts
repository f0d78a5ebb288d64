import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { PlatformFacilityRecord } from './platform-facility-record.entity.js';

/** Charged energy of one facility in one month, where the platform's export gives it. */
@Entity('platform_monthly_energy')
@Unique('UQ_platform_monthly_energy_record_month', ['recordId', 'month'])
@Check('CHK_platform_monthly_energy_kwh', '"charged_kwh" >= 0')
@Check('CHK_platform_monthly_energy_month', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class PlatformMonthlyEnergy {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  recordId!: number;

  @ManyToOne(() => PlatformFacilityRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id' })
  record?: Relation<PlatformFacilityRecord>;

  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'numeric', precision: 14, scale: 3 })
  chargedKwh!: string;
}
