import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who changed what, when, with before/after. Append-only: a trigger in the migration refuses UPDATE and DELETE.
 * actor_id has no foreign key so that audit rows outlive anything they mention.
 */
@Entity('audit_event')
@Index('IDX_audit_event_occurred', ['occurredAt'])
@Index('IDX_audit_event_entity', ['entityType', 'entityId'])
export class AuditEvent {
  /** bigint: pg returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  /** Null for the system (scheduler, seed). */
  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  actorName!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  /** e.g. report.accept, user.disable */
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 60 })
  entityType!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;
}
