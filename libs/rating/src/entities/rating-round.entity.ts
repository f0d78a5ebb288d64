import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { enumCheck } from '@app/core';

export enum RatingRoundStatus {
  Draft = 'draft',
  /** Reviewed and confirmed by the office: frozen (a trigger refuses changes). */
  Confirmed = 'confirmed',
}

/** A year's rating of property companies (issue 4 §6), with the settings and rules it was computed with. */
@Entity('rating_round')
@Check('CHK_rating_round_status', enumCheck('status', RatingRoundStatus))
@Check('CHK_rating_round_confirmed', `("status" = 'confirmed') = ("confirmed_at" IS NOT NULL)`)
@Check('CHK_rating_round_year', '"year" BETWEEN 2000 AND 2100')
@Index('UQ_rating_round_confirmed_year', ['year'], { unique: true, where: `"status" = 'confirmed'` })
export class RatingRound {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 10, default: RatingRoundStatus.Draft })
  status!: RatingRoundStatus;

  /** The RatingSettings it was computed with. */
  @Column({ type: 'jsonb' })
  settings!: Record<string, unknown>;

  /** The rules as stated when it was computed (Chinese), shown beside the figures. */
  @Column({ type: 'varchar', length: 2000 })
  rulesText!: string;

  /** Null when computed by the system (the demo's first start). */
  @Column({ type: 'int', nullable: true })
  createdBy!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'int', nullable: true })
  confirmedBy!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;
}
