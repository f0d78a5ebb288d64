import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DistrictKind, DistrictTier, FacilityUsage, GarageType } from '@app/org';

export class DistrictDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: '行政区划代码' }) code!: string;
  @ApiProperty({ description: '名称' }) name!: string;
  @ApiProperty({ enum: DistrictTier, description: '试点目标档次 A(5)/B(3)/C(1)' }) tier!: DistrictTier;
  @ApiProperty({ enum: DistrictKind, description: '区/县/县级市/园区' }) kind!: DistrictKind;
}

export class CommunityPageQueryDto {
  @ApiPropertyOptional({ description: '区县 id（区县用户只能查询本区县）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;

  @ApiPropertyOptional({ description: '按名称或编码搜索' })
  @IsOptional()
  @IsString({ message: '搜索词必须是文本' })
  @MaxLength(50, { message: '搜索词不能超过 50 个字符' })
  q?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码从 1 开始' })
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页至少 1 条' })
  @Max(500, { message: '每页最多 500 条' })
  pageSize = 50;
}

export class CommunitySummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: '社区编码' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() districtId!: number;
  @ApiProperty({ nullable: true, type: String, description: '街道/乡镇' }) streetName!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ enum: GarageType }) garageType!: GarageType;
  @ApiProperty({ nullable: true, type: Number, description: '纳入老旧小区改造计划年度' }) renovationYear!:
    number | null;
  @ApiProperty({ nullable: true, type: String, description: '物业服务企业' }) propertyCompanyName!: string | null;
}

export class CommunityListItemDto extends CommunitySummaryDto {
  @ApiProperty({ nullable: true, type: Boolean, description: '当日是否符合建设条件（无记录为空）' }) eligible!:
    boolean | null;
  @ApiProperty({
    nullable: true,
    enum: ['own', 'nearby'],
    description: '当日覆盖方式：own 本社区有已验收公用设施；nearby 由 1 公里内公用设施覆盖；空为未覆盖',
  })
  coveredBy!: 'own' | 'nearby' | null;
  @ApiProperty({ description: '本社区已验收公用设施的充电桩数（交流 + 直流）' }) publicPiles!: number;
}

export class CommunityPageDto {
  @ApiProperty({ type: [CommunityListItemDto] }) items!: CommunityListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class EligibilityRecordDto {
  @ApiProperty({ description: '生效日期' }) effectiveFrom!: string;
  @ApiProperty({ description: '社区意愿' }) residentDemand!: boolean;
  @ApiProperty({ description: '车位条件' }) parkingAvailable!: boolean;
  @ApiProperty({ description: '电力容量满足' }) capacitySufficient!: boolean;
  @ApiProperty({ description: '已商定扩容/有序充电方案' }) capacitySolutionAgreed!: boolean;
  @ApiProperty({ description: '需具备消防设施（地下/半地下/高层车库）' }) fireSafetyRequired!: boolean;
  @ApiProperty({ nullable: true, type: Boolean, description: '消防设施齐全' }) fireSafetyComplete!: boolean | null;
  @ApiProperty({ description: '符合建设条件' }) eligible!: boolean;
  @ApiProperty({ nullable: true, type: String, description: '不符合条件的原因' }) ineligibleReason!: string | null;
}

export class FacilitySummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: '设施编码' }) code!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ enum: FacilityUsage, description: '公用/自用' }) usage!: FacilityUsage;
  @ApiProperty({ nullable: true, type: String, description: '运营企业' }) operatorName!: string | null;
  @ApiProperty({ description: '交流桩数' }) acPiles!: number;
  @ApiProperty({ description: '直流桩数' }) dcPiles!: number;
  @ApiProperty({ description: '总功率 kW（3 位小数）' }) totalKw!: string;
  @ApiProperty({ nullable: true, type: String, description: '验收日期' }) acceptedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '接入市级平台日期' }) platformConnectedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '退出日期' }) retiredOn!: string | null;
}

export class CommunityDetailDto extends CommunitySummaryDto {
  @ApiProperty({ description: '区县名称' }) districtName!: string;
  @ApiProperty({ type: [EligibilityRecordDto], description: '建设条件变更历史' })
  eligibilityHistory!: EligibilityRecordDto[];
  @ApiProperty({ type: [FacilitySummaryDto] }) facilities!: FacilitySummaryDto[];
}
