import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PlatformImportScope, PlatformImportSource } from '@app/platform';

export class PlatformImportQueryDto {
  @ApiPropertyOptional({
    enum: PlatformImportScope,
    default: PlatformImportScope.Full,
    description: 'full：全量（文件中没有的平台编号视为已注销）；incremental：增量（只新增或更新文件中的编号）',
  })
  @IsOptional()
  @IsIn(Object.values(PlatformImportScope), { message: 'scope 应为 full（全量）或 incremental（增量）' })
  scope?: PlatformImportScope;
}

export class PlatformImportSummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: PlatformImportSource }) source!: PlatformImportSource;
  @ApiProperty({ description: '来源（中文）' }) sourceLabel!: string;
  @ApiProperty({ enum: PlatformImportScope }) scope!: PlatformImportScope;
  @ApiProperty({ description: '全量 / 增量' }) scopeLabel!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ description: '文件（或推送记录）的 SHA-256' }) sha256!: string;
  @ApiProperty() recordCount!: number;
  @ApiProperty({ description: '月度充电量行数' }) monthlyRowCount!: number;
  @ApiProperty({ nullable: true, type: Number }) importedBy!: number | null;
  @ApiProperty({ nullable: true, type: String }) importedByName!: string | null;
  @ApiProperty({ nullable: true, type: Number }) apiKeyId!: number | null;
  @ApiProperty({ nullable: true, type: String }) apiKeyName!: string | null;
  @ApiProperty() importedAt!: Date;
}

export class PlatformRecordDto {
  @ApiProperty() recordId!: number;
  @ApiProperty() importId!: number;
  @ApiProperty({ description: '市级平台编号' }) platformId!: string;
  @ApiProperty({ nullable: true, type: String }) stationName!: string | null;
  @ApiProperty({ nullable: true, type: Number }) districtId!: number | null;
  @ApiProperty({ nullable: true, type: String }) districtName!: string | null;
  @ApiProperty({ description: '接入日期' }) connectedOn!: string;
  @ApiProperty({ nullable: true, type: String }) operatorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) operatorCreditCode!: string | null;
  @ApiProperty() acPiles!: number;
  @ApiProperty() dcPiles!: number;
  @ApiProperty({ description: '总功率 kW' }) totalKw!: string;
}

export class PlatformImportViewDto extends PlatformImportSummaryDto {
  @ApiProperty({ type: [Object], description: '该批次的全部记录（含月度充电量）' }) records!: unknown[];
}

export class PlatformPushRecordDto {
  @ApiProperty({ example: 'KMCD00000001' }) platformId!: string;
  @ApiPropertyOptional() stationName?: string;
  @ApiPropertyOptional({ description: '所属区县名称或代码', example: '五华区' }) district?: string;
  @ApiProperty({ example: '2026-03-15' }) connectedOn!: string;
  @ApiPropertyOptional() operatorName?: string;
  @ApiPropertyOptional({ description: '18 位统一社会信用代码' }) operatorCreditCode?: string;
  @ApiProperty() acPiles!: number;
  @ApiProperty() dcPiles!: number;
  @ApiProperty({ example: '120.5' }) totalKw!: string;
  @ApiPropertyOptional({ example: [{ month: '2026-10', kwh: '1234.5' }] }) monthlyKwh?: {
    month: string;
    kwh: string;
  }[];
}

export class PlatformPushDto {
  @ApiPropertyOptional({ enum: PlatformImportScope, default: PlatformImportScope.Incremental })
  scope?: PlatformImportScope;
  @ApiProperty({ type: [PlatformPushRecordDto], description: '最多 10,000 条' }) records!: PlatformPushRecordDto[];
}

export class IssuePlatformKeyDto {
  @ApiProperty({ description: '密钥名称（如「市级监测平台」）' })
  @IsString({ message: '名称须为文字' })
  @MinLength(1, { message: '请填写名称' })
  @MaxLength(50, { message: '名称最多 50 个字' })
  name!: string;
}

export class PlatformKeyDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '密钥前几位，用于辨认' }) keyPrefix!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

export class IssuedPlatformKeyDto extends PlatformKeyDto {
  @ApiProperty({ description: '密钥原文：仅此一次显示，系统只保存其摘要' }) key!: string;
}

export class CrossCheckQueryDto {
  @ApiPropertyOptional({ description: '区县 id（区县用户只能查询本区县，缺省即本区县）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;
}

export class CrossCheckViewDto {
  @ApiProperty({ type: PlatformImportSummaryDto, nullable: true }) latestImport!: PlatformImportSummaryDto | null;
  @ApiProperty({ description: '比对口径' }) basis!: string;
  @ApiProperty({ type: [Object], description: '有问题的设施：区县报送、平台记录与各项问题' }) facilities!: unknown[];
  @ApiProperty({ type: [Object], description: '平台已接入但区县未报送的记录' }) unreported!: unknown[];
  @ApiProperty({ type: [Object], description: '分区县统计' }) districts!: unknown[];
  @ApiProperty({ type: Object }) totals!: Record<string, number>;
}
