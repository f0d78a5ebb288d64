import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: '操作，如 report.accept' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;
  @ApiPropertyOptional({ description: '对象类型，如 report_version' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entityType?: string;
  @ApiPropertyOptional({ description: '对象 id' }) @IsOptional() @IsString() @MaxLength(60) entityId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt({ message: 'actorId 必须是整数' }) actorId?: number;
  @ApiPropertyOptional({ description: '起始时间（含）' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from 须为时间' })
  from?: Date;
  @ApiPropertyOptional({ description: '截止时间（不含）' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to 须为时间' })
  to?: Date;
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1, { message: '页码从 1 开始' })
  page = 1;
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500, { message: '每页最多 500 条' })
  pageSize = 50;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ nullable: true, type: Number }) actorId!: number | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole!: string | null;
  @ApiProperty({ nullable: true, type: Number }) districtId!: number | null;
  @ApiProperty() action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: '修改前' }) before!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object, description: '修改后' }) after!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() total!: number;
}
