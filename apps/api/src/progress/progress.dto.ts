import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Matches } from 'class-validator';
import { RegionLevel } from '@app/progress';

export class ProgressQueryDto {
  @ApiProperty({ description: '月份 YYYY-MM', example: '2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month!: string;

  @ApiProperty({ description: '目标计划 id' })
  @Type(() => Number)
  @IsInt({ message: 'planId 必须是整数' })
  planId!: number;

  @ApiPropertyOptional({ description: '城市 id；系统中只有一个城市时可不填，区县用户默认为本市' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'cityId 必须是整数' })
  cityId?: number;
}

export class RegionQueryDto {
  @ApiProperty({ description: '月份 YYYY-MM', example: '2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month!: string;

  @ApiProperty({ description: '目标计划 id' })
  @Type(() => Number)
  @IsInt({ message: 'planId 必须是整数' })
  planId!: number;

  @ApiProperty({ enum: RegionLevel, description: 'province：某省各城市与全省合计；nation：各省与全国合计' })
  @IsEnum(RegionLevel, { message: 'level 只能为 province 或 nation' })
  level!: RegionLevel;

  @ApiPropertyOptional({ description: '省份代码（level=province 时必填），如 530000' })
  @IsOptional()
  @Matches(/^\d{2,12}$/, { message: '省份代码应为数字' })
  provinceCode?: string;
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

  @ApiPropertyOptional({ description: '城市 id（看全市趋势且系统中有多个城市时必填）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'cityId 必须是整数' })
  cityId?: number;
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

export class ProgressFiguresDto {
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
  @ApiProperty({ description: '快照计算时间（数据新鲜度；汇总行为其中最早的）' }) computedAt!: Date;
}

export class ProgressRowDto extends ProgressFiguresDto {
  @ApiProperty({ nullable: true, type: Number, description: '区县 id；全市为空' }) districtId!: number | null;
  @ApiProperty() districtName!: string;
}

export class RegionProgressRowDto extends ProgressFiguresDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: '按省汇总时为城市 id，全国汇总时为省份代码；合计行为空',
  })
  regionCode!: string | null;
  @ApiProperty() regionName!: string;
  @ApiProperty({ description: '该行包含的城市数' }) cities!: number;
}

export class CityRefDto {
  @ApiProperty() id!: number;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() provinceName!: string;
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
  @ApiProperty({ type: CityRefDto }) city!: CityRefDto;
  @ApiProperty({ type: [ProgressRowDto] }) rows!: ProgressRowDto[];
  @ApiProperty({ type: ProgressRulesDto }) rules!: ProgressRulesDto;
}

export class RegionProgressTableDto {
  @ApiProperty() month!: string;
  @ApiProperty({ type: ProgressPlanDto }) plan!: ProgressPlanDto;
  @ApiProperty({ enum: RegionLevel }) level!: RegionLevel;
  @ApiProperty({ nullable: true, type: String }) provinceCode!: string | null;
  @ApiProperty({ type: [RegionProgressRowDto] }) rows!: RegionProgressRowDto[];
}

export class TrendPointDto extends OmitType(ProgressRowDto, ['change', 'projection', 'pacing'] as const) {
  @ApiProperty() month!: string;
}
