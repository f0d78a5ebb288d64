import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Settings the office changes at run time (deadline day, reminder days, ranking weights, subsidy rates …): one JSON
 * value per key, validated by the library that owns the key before it is stored. Defaults live in code.
 */
@Entity('app_setting')
@Check('CHK_app_setting_key', `"key" ~ '^[a-z][a-z0-9_.-]*$'`)
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: Record<string, unknown>;

  @Column({ type: 'int', nullable: true })
  updatedBy!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export const CORE_ENTITIES = [AppSetting];
