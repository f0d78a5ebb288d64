import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

export class PutProgressCommentDto {
  @ApiProperty({ description: '对该区县本月数据的意见', example: '新增覆盖社区较少，请加快推进' })
  @IsString({ message: '意见必须是文本' })
  @MaxLength(1000, { message: '意见不能超过 1000 个字' })
  body!: string;
}

export class ProgressCommentDto {
  @ApiProperty() id!: number;
  @ApiProperty() month!: string;
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ description: '填写人' }) authorName!: string;
  @ApiProperty() updatedAt!: Date;
}

export class DistrictTargetDto {
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty({ nullable: true, type: Number, description: '目标数量' }) targetCount!: number | null;
  @ApiProperty({ nullable: true, type: String, description: '目标覆盖率（4 位小数）' }) targetRatio!: string | null;
}

export class TargetPlanDto {
  @ApiProperty() id!: number;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['pilot_count', 'coverage_ratio', 'covered_count'] }) kind!: string;
  @ApiProperty() startMonth!: string;
  @ApiProperty() endMonth!: string;
  @ApiProperty({ nullable: true, type: String, description: '政策依据' }) basis!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [DistrictTargetDto] }) targets!: DistrictTargetDto[];
}

export class SetDistrictTargetDto {
  @ApiPropertyOptional({ nullable: true, type: Number, description: '目标数量（试点数、新增覆盖数计划）', example: 5 })
  @IsOptional()
  @IsInt({ message: '目标数量必须是整数' })
  targetCount?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: '目标覆盖率 0–1，最多 4 位小数（覆盖率计划）' })
  @IsOptional()
  @IsString({ message: '目标覆盖率必须是文本，如 "0.95"' })
  targetRatio?: string | null;
}

export class DistrictTargetResultDto {
  @ApiProperty() planId!: number;
  @ApiProperty() districtId!: number;
  @ApiProperty({ nullable: true, type: Number }) targetCount!: number | null;
  @ApiProperty({ nullable: true, type: String }) targetRatio!: string | null;
}
