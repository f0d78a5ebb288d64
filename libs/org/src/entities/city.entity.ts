import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A prefecture-level city; districts hang under it. Province fields make nationwide roll-ups one GROUP BY. */
@Entity('city')
@Unique('UQ_city_code', ['code'])
export class City {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 行政区划代码, e.g. 530100 */
  @Column({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  provinceCode!: string;

  @Column({ type: 'varchar', length: 50 })
  provinceName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
