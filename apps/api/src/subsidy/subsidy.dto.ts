import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class SubsidySettingsDto {
  @ApiPropertyOptional({ description: '按容量补贴单价，元/千瓦（最多 2 位小数）', example: '200' })
  @IsOptional()
  yuanPerKw?: string | number;

  @ApiPropertyOptional({ description: '交流桩补贴单价，元/台', example: '0' })
  @IsOptional()
  yuanPerAcPile?: string | number;

  @ApiPropertyOptional({ description: '直流桩补贴单价，元/台', example: '0' })
  @IsOptional()
  yuanPerDcPile?: string | number;

  @ApiPropertyOptional({
    description: '单个设施补贴上限，元；留空或 null 表示不设上限',
    example: '30000',
    nullable: true,
  })
  @IsOptional()
  capYuan?: string | number | null;

  @ApiProperty({ description: '是否启用鄂州「三个5」服务标准（找桩≤500 米、服务费≤0.5 元/千瓦时、排队≤5 分钟）' })
  @Allow()
  ezhouServiceStandard!: boolean;
}

export class SubsidySettingsViewDto {
  @ApiProperty({ example: '200.00' }) yuanPerKw!: string;
  @ApiProperty({ example: '0.00' }) yuanPerAcPile!: string;
  @ApiProperty({ example: '0.00' }) yuanPerDcPile!: string;
  @ApiProperty({ nullable: true, type: String, example: '30000.00' }) capYuan!: string | null;
  @ApiProperty() ezhouServiceStandard!: boolean;
  @ApiProperty({ type: Object, description: '以分为单位的标准：fenPerKw、fenPerPile.ac/dc、capFen' }) rate!: unknown;
}

export class EligibilityQueryDto {
  @ApiPropertyOptional({ description: '区县 id（区县用户只能查询本区县，缺省即本区县）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;

  @ApiPropertyOptional({ description: '只列出符合条件的设施' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean({ message: 'eligibleOnly 应为 true 或 false' })
  eligibleOnly?: boolean;
}

export class EligibilityViewDto {
  @ApiProperty({ type: SubsidySettingsViewDto, nullable: true }) settings!: SubsidySettingsViewDto | null;
  @ApiProperty({ description: '适用规则、补贴标准与舍入规则' }) rulesText!: string;
  @ApiProperty({ type: Object, description: '设施数、符合条件数、合计金额（分）' }) totals!: unknown;
  @ApiProperty({ type: [Object], description: '每个公用设施：各规则是否通过及原因、金额（分）与计算过程' })
  facilities!: unknown[];
}

export class ServiceSurveyDto {
  @ApiProperty({ description: '设施 id' })
  @IsInt({ message: 'facilityId 必须是整数' })
  facilityId!: number;

  @ApiProperty({ description: '调查日期 YYYY-MM-DD' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '调查日期格式应为 YYYY-MM-DD' })
  surveyedOn!: string;

  @ApiProperty({ description: '找桩距离（米，最多 1 位小数）' })
  @IsNumber({ maxDecimalPlaces: 1 }, { message: '找桩距离应为数字（米），最多 1 位小数' })
  @Min(0, { message: '找桩距离不能为负数' })
  @Max(99999.9, { message: '找桩距离不能超过 99999.9 米' })
  nearestPileDistanceM!: number;

  @ApiProperty({ description: '排队时间（分钟，最多 1 位小数）' })
  @IsNumber({ maxDecimalPlaces: 1 }, { message: '排队时间应为数字（分钟），最多 1 位小数' })
  @Min(0, { message: '排队时间不能为负数' })
  @Max(9999.9, { message: '排队时间不能超过 9999.9 分钟' })
  queueMinutes!: number;

  @ApiPropertyOptional({ description: '备注' })
  @IsOptional()
  @IsString({ message: '备注须为文字' })
  @MaxLength(200, { message: '备注最多 200 个字' })
  note?: string;
}

export class CreateRoundDto {
  @ApiProperty({ description: '批次名称（唯一），如「2026年第一批」' })
  @IsString({ message: '批次名称须为文字' })
  @MaxLength(100, { message: '批次名称最多 100 个字' })
  name!: string;

  @ApiPropertyOptional({ type: [Number], description: '只包括这些区县的设施；缺省为全市' })
  @IsOptional()
  @IsArray({ message: 'districtIds 应为区县 id 数组' })
  @ArrayMaxSize(500, { message: 'districtIds 最多 500 个' })
  @IsInt({ each: true, message: 'districtIds 中每项必须是整数' })
  districtIds?: number[];
}

export class RoundSummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['draft', 'confirmed'] }) status!: string;
  @ApiProperty({ description: '草稿 / 已确认' }) statusLabel!: string;
  @ApiProperty({ type: SubsidySettingsViewDto }) rate!: SubsidySettingsViewDto;
  @ApiProperty() rulesText!: string;
  @ApiProperty({ nullable: true, type: [Number] }) districtIds!: number[] | null;
  @ApiProperty({ nullable: true, type: Number, description: '计算时依据的最近一次市级平台导入' })
  platformImportId!: number | null;
  @ApiProperty({ description: '笔数（区县用户为本区县）' }) lineCount!: number;
  @ApiProperty({ description: '合计（分；区县用户为本区县）' }) totalFen!: number;
  @ApiProperty({ example: '61,907.00 元' }) totalText!: string;
  @ApiProperty({ description: '全市 / 指定区县 / 本区县' }) scope!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: String }) createdByName!: string | null;
  @ApiProperty({ nullable: true, type: Date }) confirmedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) confirmedByName!: string | null;
}

export class RoundViewDto extends RoundSummaryDto {
  @ApiProperty({ type: [Object], description: '分区县笔数与合计' }) districts!: unknown[];
  @ApiProperty({ type: [Object], description: '明细：设施、金额（分）、计算过程、各规则结果' }) lines!: unknown[];
}
