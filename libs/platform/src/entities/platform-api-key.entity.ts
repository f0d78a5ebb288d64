import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A key the office issues to the municipal platform for pushing records (not a user account). Only the SHA-256 of
 * the key is stored: the key is 256 random bits, so a fast hash is enough and lets the lookup use an index.
 */
@Entity('platform_api_key')
@Unique('UQ_platform_api_key_hash', ['keyHash'])
export class PlatformApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  /** The key's first characters, shown in lists so the office can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column({ type: 'char', length: 64 })
  keyHash!: string;

  @Column({ type: 'int' })
  createdBy!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  revokedBy!: number | null;
}
