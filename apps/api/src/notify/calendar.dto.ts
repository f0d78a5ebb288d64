import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CalendarStep, MAX_REMINDER_DAYS, PeriodStatus } from '@app/reporting';

const TIME = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export class EscalationSettingsDto {
  @ApiProperty({ description: '首次催报在截止日后第几天（默认 1，即 26 日）', minimum: 1, maximum: 14, example: 1 })
  @Max(14, { message: '首次催报须在截止日后 1 至 14 天之间' })
  @Min(1, { message: '首次催报须在截止日后 1 至 14 天之间' })
  @IsInt({ message: '首次催报天数必须是整数' })
  firstAfterDays!: number;

  @ApiProperty({
    description: '此后每隔几天催报一次（默认 7），直到报送或下一期截止',
    minimum: 1,
    maximum: 31,
    example: 7,
  })
  @Max(31, { message: '催报间隔须为 1 至 31 天' })
  @Min(1, { message: '催报间隔须为 1 至 31 天' })
  @IsInt({ message: '催报间隔必须是整数' })
  everyDays!: number;
}

export class CalendarSettingsDto {
  @ApiProperty({ description: '每月报送截止日（1–28，默认 25）', minimum: 1, maximum: 28, example: 25 })
  @Max(28, { message: '截止日须为 1 至 28 之间的整数（保证每个月都有这一天）' })
  @Min(1, { message: '截止日须为 1 至 28 之间的整数（保证每个月都有这一天）' })
  @IsInt({ message: '截止日必须是整数' })
  deadlineDay!: number;

  @ApiProperty({ description: '截止时间（北京时间，默认 23:59:59）', example: '23:59:59' })
  @Matches(TIME, { message: '截止时间格式应为 HH:mm:ss，如 23:59:59' })
  @IsString({ message: '截止时间必须是文本' })
  deadlineTime!: string;

  @ApiProperty({
    description: '提醒日（未报送或被退回的区县在这些日子收到提醒，默认 20、24 日）',
    type: [Number],
    example: [20, 24],
  })
  @Max(28, { each: true, message: '提醒日须在 1 日至截止日之间' })
  @Min(1, { each: true, message: '提醒日须在 1 日至截止日之间' })
  @IsInt({ each: true, message: '提醒日必须是整数' })
  @ArrayUnique({ message: '提醒日不能重复' })
  @ArrayMaxSize(MAX_REMINDER_DAYS, { message: `提醒日最多设置 ${MAX_REMINDER_DAYS} 个` })
  @IsArray({ message: '提醒日须为整数数组，如 [20, 24]' })
  reminderDays!: number[];

  @ApiProperty({ description: '提醒与催报的发送时间（北京时间，默认 09:00:00）', example: '09:00:00' })
  @Matches(TIME, { message: '提醒发送时间格式应为 HH:mm:ss，如 09:00:00' })
  @IsString({ message: '提醒发送时间必须是文本' })
  noticeTime!: string;

  @ApiProperty({ type: EscalationSettingsDto, description: '截止后的催报：首次在截止日后第几天，此后每隔几天' })
  @ValidateNested()
  @Type(() => EscalationSettingsDto)
  @IsDefined({ message: '请填写催报规则' })
  escalation!: EscalationSettingsDto;
}

export class CalendarSettingsViewDto {
  @ApiProperty({ type: CalendarSettingsDto }) settings!: CalendarSettingsDto;
  @ApiProperty({ description: '尚未修改过，使用系统默认（每月 25 日截止）' }) isDefault!: boolean;
  @ApiProperty({ nullable: true, type: Date }) updatedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Number, description: '最后修改人 id' }) updatedBy!: number | null;
}

export class CalendarStepsQueryDto {
  @ApiPropertyOptional({ description: '报送月份 YYYY-MM，默认本月', example: '2026-11' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  month?: string;
}

export class CalendarStepDto {
  @ApiProperty({ description: '步骤键，如 2026-11:remind:2026-11-20' }) key!: string;
  @ApiProperty({
    enum: CalendarStep,
    description: 'open_period 开始报送；remind 提醒；mark_overdue 逾期标记；escalate 催报',
  })
  step!: CalendarStep;
  @ApiProperty({ description: '应执行时间' }) dueAt!: Date;
  @ApiProperty({ nullable: true, type: String, description: '提醒或催报的日期' }) day!: string | null;
  @ApiProperty({ nullable: true, type: Date, description: '实际执行时间；未执行为空' }) ranAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      '执行结果：涉及的区县、站内通知数、机器人消息数；superseded 表示补执行时已被后续步骤取代，仅记录未通知',
  })
  outcome!: Record<string, unknown> | null;
}

export class CalendarStepsDto {
  @ApiProperty() month!: string;
  @ApiProperty({ type: [CalendarStepDto] }) steps!: CalendarStepDto[];
}

export class DeadlineChangeDto {
  @ApiProperty({ description: '新的截止日期（北京时间）', example: '2026-11-28' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '截止日期格式应为 YYYY-MM-DD' })
  @IsString({ message: '截止日期必须是文本' })
  @IsDefined({ message: '请填写新的截止日期' })
  date!: string;

  @ApiPropertyOptional({ description: '新的截止时间（北京时间），默认按报送日历设置（23:59:59）', example: '23:59:59' })
  @Matches(TIME, { message: '截止时间格式应为 HH:mm:ss，如 23:59:59' })
  @IsString({ message: '截止时间必须是文本' })
  @IsOptional()
  time?: string;

  @ApiProperty({ description: '调整原因（记入审计日志）', maxLength: 200, example: '国庆假期顺延' })
  @MaxLength(200, { message: '调整原因不能超过 200 个字' })
  @MinLength(1, { message: '请填写调整原因' })
  @IsString({ message: '调整原因必须是文本' })
  @IsDefined({ message: '请填写调整原因' })
  reason!: string;
}

export class PeriodDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: '报送月份 YYYY-MM' }) month!: string;
  @ApiProperty({ description: '开始报送时间' }) opensAt!: Date;
  @ApiProperty({ description: '截止时间' }) deadlineAt!: Date;
  @ApiProperty({ enum: PeriodStatus }) status!: PeriodStatus;
}
