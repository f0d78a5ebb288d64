import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ExportKind, ExportStatus } from '@app/exports';

export class ExportRequestDto {
  @ApiProperty({
    enum: ExportKind,
    description:
      '导出类型：city_summary 全市月度汇总表（month、planId）；ranking 排名表（rankingId）；raw_data 原始数据（month，可选 districtId；区县用户仅本区县）；bulletin 月度通报（month、planId）；subsidy_list 补贴清单（roundId，补贴批次，仅市发展改革委）；property_ratings 物业服务企业评价结果（roundId，评价批次；领导仅已确认）',
  })
  @IsEnum(ExportKind, { message: '导出类型不正确' })
  kind!: ExportKind;

  @ApiPropertyOptional({ description: '月份 YYYY-MM', example: '2026-10' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ description: '目标计划 id' })
  @IsOptional()
  @IsInt({ message: 'planId 必须是整数' })
  planId?: number;

  @ApiPropertyOptional({ description: '排名 id' })
  @IsOptional()
  @IsInt({ message: 'rankingId 必须是整数' })
  rankingId?: number;

  @ApiPropertyOptional({ description: '区县 id（原始数据按区县导出）' })
  @IsOptional()
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;

  @ApiPropertyOptional({ description: '补贴批次 id（subsidy_list）或物业服务企业评价批次 id（property_ratings）' })
  @IsOptional()
  @IsInt({ message: 'roundId 必须是整数' })
  roundId?: number;
}

export class ExportListQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '条数必须是整数' })
  @Min(1, { message: '至少 1 条' })
  @Max(200, { message: '最多 200 条' })
  limit = 50;
}

export class ExportViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ExportKind }) kind!: ExportKind;
  @ApiProperty({ description: '导出类型名称' }) kindLabel!: string;
  @ApiProperty({ type: Object, description: '导出参数（月份、计划、排名、区县）' }) params!: Record<string, unknown>;
  @ApiProperty({ description: '申请人' }) requestedByName!: string;
  @ApiProperty({ nullable: true, type: Number, description: '数据所限区县；全市为空' }) districtId!: number | null;
  @ApiProperty({ enum: ExportStatus, description: 'queued 排队中 / running 生成中 / done 已完成 / failed 失败' })
  status!: ExportStatus;
  @ApiProperty({ description: '进度 0–100' }) progressPercent!: number;
  @ApiProperty({ nullable: true, type: String, description: '当前步骤' }) progressMessage!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '写入的数据行数' }) rowCount!: number | null;
  @ApiProperty() fileName!: string;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes!: number | null;
  @ApiProperty({ nullable: true, type: String, description: '文件 SHA-256' }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '失败原因' }) errorMessage!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: '完成后的下载地址' }) downloadUrl!: string | null;
}

export class BulletinPrintQueryDto {
  @ApiProperty({ description: '目标计划 id' })
  @Type(() => Number)
  @IsInt({ message: 'planId 必须是整数' })
  planId!: number;

  @ApiPropertyOptional({
    enum: ['0', '1'],
    description: '1：把 ApexCharts 内嵌到页面中（可离线保存、无头浏览器打印）；默认从 /api/assets 加载',
  })
  @IsOptional()
  @IsIn(['0', '1'], { message: 'inline 只能是 0 或 1' })
  inline?: '0' | '1';
}
