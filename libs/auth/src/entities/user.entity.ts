import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
} from 'typeorm';
import { enumCheck, Role } from '@app/core';
import { District } from '@app/org';

export { Role };

@Entity('app_user')
@Unique('UQ_app_user_username', ['username'])
@Check('CHK_app_user_role', enumCheck('role', Role))
// A district user belongs to exactly one district; office and leaders to none.
@Check('CHK_app_user_district_scope', `("role" = 'district') = ("district_id" IS NOT NULL)`)
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  username!: string;

  @Column({ type: 'varchar', length: 50 })
  displayName!: string;

  /** argon2id encoded hash, never the password. */
  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 8 })
  role!: Role;

  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
