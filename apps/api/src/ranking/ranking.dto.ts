import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';

export class DraftRankingDto {
  @ApiProperty({ description: '月份 YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month!: string;

  @ApiProperty({ description: '计算目标完成率所依据的目标计划 id' })
  @IsInt({ message: 'planId 必须是整数' })
  planId!: number;
}

export class RankingListQueryDto {
  @ApiPropertyOptional({ description: '月份 YYYY-MM' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month?: string;
}

export class RankingSettingsDto {
  @ApiProperty({
    description: '权重（基点，合计 10000）',
    example: { completion: 4000, coverage: 3000, timeliness: 1500, dataQuality: 1500 },
  })
  @IsObject({ message: '权重须为对象' })
  weights!: Record<string, number>;

  @ApiProperty({ description: '及时率与数据质量的统计月数（1–36）', example: 12 })
  @Type(() => Number)
  @IsInt({ message: '统计月数必须是整数' })
  @Min(1, { message: '统计月数至少 1 个月' })
  @Max(36, { message: '统计月数最多 36 个月' })
  spanMonths!: number;
}

export class RankingRowDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ nullable: true, type: Number }) previousRank!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '较上期名次变化（正数为上升）' }) rankChange!:
    number | null;
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty({ description: '综合得分（百分制，2 位小数）' }) compositeScore!: string;
  @ApiProperty({ type: [Object], description: '各指标：原始比值、得分、权重、加权贡献与说明' }) breakdown!: unknown[];
  @ApiProperty({ nullable: true, type: String, description: '与上一名区分所依据的规则' }) orderedBy!: string | null;
}

export class RankingSummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty() month!: string;
  @ApiProperty() planId!: number;
  @ApiProperty() planName!: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: string;
  @ApiProperty({ type: Object }) weights!: Record<string, number>;
  @ApiProperty() spanMonths!: number;
  @ApiProperty({ description: '计算规则（权重、舍入、并列处理）' }) rulesText!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) publishedAt!: Date | null;
}

export class RankingViewDto extends RankingSummaryDto {
  @ApiProperty({ type: [RankingRowDto] }) rows!: RankingRowDto[];
}
