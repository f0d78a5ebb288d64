import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AnomalyKind, AnomalyMetric, AnomalySubject } from '@app/reporting';

export class AnomalyRemarkDto {
  @ApiProperty({ description: '所在位置，如「充电设施 第 5 行（F530102-000001）」' }) source!: string;
  @ApiProperty({ description: '区县填写的备注或原因' }) text!: string;
}

export class AnomalyFlagDto {
  @ApiProperty() id!: number;
  @ApiProperty() versionId!: number;
  @ApiProperty() versionNo!: number;
  @ApiProperty({ description: '版本状态' }) versionState!: string;
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty() month!: string;
  @ApiProperty({ enum: AnomalyKind }) kind!: AnomalyKind;
  @ApiProperty({ description: '累计数下降 / 月增量异常 / 与同城区县差异过大' }) kindLabel!: string;
  @ApiProperty({ enum: AnomalySubject, description: '区县合计或单个设施' }) subject!: string;
  @ApiProperty({ description: '区县代码或设施编码' }) subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty({ enum: AnomalyMetric }) metric!: string;
  @ApiProperty() metricLabel!: string;
  @ApiProperty({ nullable: true, type: String, description: '比较基准（上次审核通过的数）' }) previousValue!:
    string | null;
  @ApiProperty({ description: '本次数值（月增量异常为本月增量，同城比较为比值）' }) currentValue!: string;
  @ApiProperty({ nullable: true, type: String, description: '超过的界限' }) threshold!: string | null;
  @ApiProperty({ type: Object, description: '判断依据：历史增量、中位数、MAD、修正 Z 值、可比区县数等' })
  figures!: Record<string, unknown>;
  @ApiProperty({ description: '说明' }) explanation!: string;
  @ApiProperty({ type: [AnomalyRemarkDto], description: '区县在相关行填写的备注或原因' }) remarks!: AnomalyRemarkDto[];
  @ApiProperty({ description: '相关行均已说明原因' }) explained!: boolean;
  @ApiProperty({ description: '检测时适用的规则与阈值' }) rulesText!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: String, description: '核实人' }) confirmedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) confirmedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: '核实情况' }) confirmationNote!: string | null;
}

export class AnomalyFlagQueryDto {
  @ApiPropertyOptional({ description: '月份 YYYY-MM' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ description: '区县 id（区县用户只能查本区县）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;

  @ApiPropertyOptional({ enum: AnomalyKind })
  @IsOptional()
  @IsEnum(AnomalyKind, { message: 'kind 只能为 cumulative_drop、month_jump 或 peer_outlier' })
  kind?: AnomalyKind;
}

export class ConfirmAnomalyDto {
  @ApiProperty({ description: '核实情况', example: '已电话核实：本月新建集中式充电站，数据属实' })
  @IsString({ message: '核实情况必须是文本' })
  @MinLength(1, { message: '核实时须填写核实情况' })
  @MaxLength(500, { message: '核实情况不能超过 500 个字' })
  note!: string;
}

export class AnomalySettingsBodyDto {
  @ApiProperty({
    description: '月增量异常：统计月数、最少历史月数、修正 Z 值阈值、各指标 MAD 下限',
    example: {
      historyMonths: 12,
      minHistoryMonths: 6,
      threshold: 3.5,
      minMad: { publicPiles: 2, publicKw: 20, builtPublicFacilities: 1, coveredEligible: 1 },
    },
  })
  @IsObject({ message: 'jump 须为对象' })
  jump!: Record<string, unknown>;

  @ApiProperty({
    description: '同城比较：最少可比区县数、修正 Z 值阈值、MAD 下限（占中位数的比例）',
    example: { minPeers: 5, threshold: 3.5, minRelativeMad: 0.25 },
  })
  @IsObject({ message: 'peer 须为对象' })
  peer!: Record<string, unknown>;
}

export class AnomalySettingsDto {
  @ApiProperty({ type: AnomalySettingsBodyDto }) settings!: AnomalySettingsBodyDto;
  @ApiProperty({ description: '规则说明（显示在异常标记旁）' }) rulesText!: string;
  @ApiProperty({ description: '尚未修改过，使用默认值' }) isDefault!: boolean;
}
