import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export enum DeliveryStatus {
  Pending = 'pending',
  Sent = 'sent',
  Failed = 'failed',
}

/** One message to one robot, recorded before it is sent and retried by the webhook-delivery job. */
@Entity('webhook_delivery')
@Check('CHK_webhook_delivery_status', enumCheck('status', DeliveryStatus))
@Unique('UQ_webhook_delivery_dedupe', ['endpointId', 'dedupeKey'])
@Index('IDX_webhook_delivery_status', ['status', 'createdAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  endpointId!: number;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: Relation<WebhookEndpoint>;

  @Column({ type: 'varchar', length: 120 })
  dedupeKey!: string;

  /** The exact JSON body sent to the robot. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 8, default: DeliveryStatus.Pending })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
