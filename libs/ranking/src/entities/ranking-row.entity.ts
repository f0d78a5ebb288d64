import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { District } from '@app/org';
import { Ranking } from './ranking.entity.js';

/** One district's place in a ranking, with every metric's ratio, score and weighted contribution. */
@Entity('ranking_row')
@Unique('UQ_ranking_row_district', ['rankingId', 'districtId'])
@Unique('UQ_ranking_row_rank', ['rankingId', 'rank'])
export class RankingRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  rankingId!: number;

  @ManyToOne(() => Ranking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ranking_id' })
  ranking?: Relation<Ranking>;

  @Column({ type: 'int' })
  districtId!: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Relation<District>;

  @Column({ type: 'int' })
  rank!: number;

  @Column({ type: 'int', nullable: true })
  previousRank!: number | null;

  /** previous − current: positive moved up. */
  @Column({ type: 'int', nullable: true })
  rankChange!: number | null;

  /** Σ weight_bp × score_bp (1e8 = 100 points): what the order is decided on. */
  @Column({ type: 'bigint' })
  compositeExact!: string;

  /** 100-point scale, 2 decimals half-up, for display. */
  @Column({ type: 'varchar', length: 8 })
  compositeScore!: string;

  @Column({ type: 'jsonb' })
  breakdown!: unknown[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  orderedBy!: string | null;
}
