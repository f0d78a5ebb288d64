import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { enumCheck } from '@app/core';
import { District } from '@app/org';

/** Group robots the office configures: 企业微信 and 钉钉 custom robots. */
export enum WebhookKind {
  WeCom = 'wecom',
  DingTalk = 'dingtalk',
}

/** A group robot; district_id null means the office's own group. */
@Entity('webhook_endpoint')
@Check('CHK_webhook_endpoint_kind', enumCheck('kind', WebhookKind))
@Check('CHK_webhook_endpoint_url', `"url" ~ '^https?://'`)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: WebhookKind;

  @Column({ type: 'varchar', length: 500 })
  url!: string;

  /** 钉钉 加签 secret (SEC…), if the robot uses signing. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  secret!: string | null;

  @Column({ type: 'int', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
