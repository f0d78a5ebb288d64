import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches } from 'class-validator';

export class ProgressQueryDto {
  @ApiProperty({ description: '月份 YYYY-MM', example: '2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month!: string;

  @ApiProperty({ description: '目标计划 id' })
  @Type(() => Number)
  @IsInt({ message: 'planId 必须是整数' })
  planId!: number;
}

export class TrendQueryDto {
  @ApiProperty({ description: '目标计划 id' })
  @Type(() => Number)
  @IsInt({ message: 'planId 必须是整数' })
  planId!: number;

  @ApiPropertyOptional({ description: '区县 id；不填为全市' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;
}

export class ProgressChangeDto {
  @ApiProperty({ description: '计划进度较上月变化' }) achievedCount!: number;
  @ApiProperty({ description: '已覆盖的符合条件社区较上月变化' }) coveredEligible!: number;
  @ApiProperty({ description: '公用充电桩较上月变化' }) publicPiles!: number;
}

export class ProjectionDto {
  @ApiProperty({ enum: ['on_track', 'at_risk', 'off_track'] }) status!: string;
  @ApiProperty({ description: '正常 / 预警 / 滞后' }) statusLabel!: string;
  @ApiProperty({ description: '最近 6 个月月均净增（2 位小数）' }) pace!: string;
  @ApiProperty({ description: '距目标尚差' }) remaining!: number;
  @ApiProperty({ nullable: true, type: String, description: '按当前速度预计完成月份' }) projectedMonth!: string | null;
  @ApiProperty({ description: '计划截止时预计完成数' }) projectedAtEnd!: number;
  @ApiProperty({ description: '说明' }) reason!: string;
}

export class PacingDto {
  @ApiProperty({ enum: ['green', 'amber', 'red'] }) status!: string;
  @ApiProperty({ description: '绿灯 / 黄灯 / 红灯' }) statusLabel!: string;
  @ApiProperty({ description: '计划已过月数（含本月）' }) elapsedMonths!: number;
  @ApiProperty({ description: '计划总月数' }) totalMonths!: number;
  @ApiProperty({ description: '序时进度目标（社区数，向上取整）' }) expected!: number;
  @ApiProperty({ nullable: true, type: String, description: '完成数 / 序时进度目标（%，1 位小数）' })
  percentOfExpected!: string | null;
}

export class ProgressRulesDto {
  @ApiProperty({ description: '预测规则' }) projection!: string;
  @ApiProperty({ description: '红黄绿灯（序时进度）规则' }) pacing!: string;
}

export class ProgressRowDto {
  @ApiProperty({ nullable: true, type: Number, description: '区县 id；全市为空' }) districtId!: number | null;
  @ApiProperty() districtName!: string;
  @ApiProperty({ nullable: true, type: Number, description: '目标数量' }) targetCount!: number | null;
  @ApiProperty({ nullable: true, type: String, description: '目标覆盖率（4 位小数）' }) targetRatio!: string | null;
  @ApiProperty({ description: '计划口径的完成数（试点完成数 / 已覆盖符合条件社区 / 新增覆盖社区）' })
  achievedCount!: number;
  @ApiProperty() pilotDesignated!: number;
  @ApiProperty({ description: '试点社区完成数（不封顶）' }) pilotCompleted!: number;
  @ApiProperty({ description: '月末在册社区' }) registeredCommunities!: number;
  @ApiProperty({ description: '月末符合建设条件的社区' }) eligibleCommunities!: number;
  @ApiProperty({ description: '已覆盖的符合条件社区' }) coveredEligible!: number;
  @ApiProperty({ description: '不符合条件但由周边 1 公里公用设施覆盖的社区（单列）' }) coveredIneligible!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: '覆盖率 = 已覆盖符合条件社区 / 符合条件社区，四舍五入到 4 位小数',
  })
  coverageRatio!: string | null;
  @ApiProperty() builtPublicFacilities!: number;
  @ApiProperty({ description: '已接入市级平台的公用设施' }) operatingPublicFacilities!: number;
  @ApiProperty() publicAcPiles!: number;
  @ApiProperty() publicDcPiles!: number;
  @ApiProperty() selfUseAcPiles!: number;
  @ApiProperty() selfUseDcPiles!: number;
  @ApiProperty({ description: '公用设施总功率 kW' }) publicKw!: string;
  @ApiProperty({ description: '自用设施总功率 kW' }) selfUseKw!: string;
  @ApiProperty({ type: ProgressChangeDto, nullable: true, description: '较上月变化' })
  change!: ProgressChangeDto | null;
  @ApiProperty({ type: ProjectionDto, nullable: true, description: '按近期速度的预测（规则见 PROJECTION_RULE_ZH）' })
  projection!: ProjectionDto | null;
  @ApiProperty({ type: PacingDto, nullable: true, description: '对照序时进度的红黄绿灯（规则见 rules.pacing）' })
  pacing!: PacingDto | null;
  @ApiProperty({ description: '快照计算时间（数据新鲜度）' }) computedAt!: Date;
}

export class ProgressPlanDto {
  @ApiProperty() id!: number;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() startMonth!: string;
  @ApiProperty() endMonth!: string;
}

export class ProgressTableDto {
  @ApiProperty() month!: string;
  @ApiProperty({ type: ProgressPlanDto }) plan!: ProgressPlanDto;
  @ApiProperty({ type: [ProgressRowDto] }) rows!: ProgressRowDto[];
  @ApiProperty({ type: ProgressRulesDto }) rules!: ProgressRulesDto;
}

export class TrendPointDto extends OmitType(ProgressRowDto, ['change', 'projection', 'pacing'] as const) {
  @ApiProperty() month!: string;
}
