import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CalendarDayKind } from '@app/grid';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ description: '依据的国务院办公厅通知' }) source!: string;
  @ApiProperty({ description: '放假日数（含假期内周末）' }) holidays!: number;
  @ApiProperty({ description: '调休上班日数' }) swappedWorkdays!: number;
  @ApiProperty({ description: '全年工作日数' }) workingDays!: number;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) updatedByName!: string | null;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2027-02-06' }) date!: string;
  @ApiProperty({ example: '星期六' }) weekday!: string;
  @ApiProperty({ enum: CalendarDayKind, description: 'holiday 放假；workday 调休上班' }) kind!: CalendarDayKind;
  @ApiProperty({ example: '春节' }) name!: string;
}

export class CalendarYearDetailDto extends CalendarYearDto {
  @ApiProperty({ type: [CalendarDayDto] }) days!: CalendarDayDto[];
}

export class AddCalendarYearDto {
  @ApiProperty({ example: 2027 })
  @Max(2100, { message: '年度须为 2000 至 2100 的整数' })
  @Min(2000, { message: '年度须为 2000 至 2100 的整数' })
  @IsInt({ message: '年度必须是整数' })
  year!: number;

  @ApiProperty({ example: '国办发明电〔2026〕X号', description: '该年度节假日安排所依据的通知' })
  @MaxLength(200, { message: '通知名称不能超过 200 个字' })
  @IsString({ message: '通知名称必须是文本' })
  source!: string;
}

export class SetCalendarDayDto {
  @ApiProperty({ enum: CalendarDayKind, description: 'holiday 放假；workday 调休上班（仅周六、周日）' })
  @IsEnum(CalendarDayKind, { message: '类型须为 holiday（放假）或 workday（调休上班）' })
  kind!: CalendarDayKind;

  @ApiProperty({ example: '春节' })
  @MaxLength(20, { message: '节日名称不能超过 20 个字' })
  @IsString({ message: '节日名称必须是文本' })
  name!: string;
}

export class CalendarEditDto {
  @ApiProperty({ type: CalendarDayDto, nullable: true, description: '修改后的当日安排；删除后为空' })
  day!: CalendarDayDto | null;
  @ApiProperty({ type: CalendarYearDto }) year!: CalendarYearDto;
  @ApiProperty({ nullable: true, type: String, description: '修改过往年度时的提示' }) warning!: string | null;
}

export class GridQueryDto {
  @ApiPropertyOptional({ description: '统计截止日期 YYYY-MM-DD（默认今天）：此后的日期视为尚未发生' })
  @IsOptional()
  @Matches(DATE, { message: '统计截止日期格式应为 YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({ description: '区县 id（区县用户只能查询本区县）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;

  @ApiPropertyOptional({ description: '运营企业 id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'operatorId 必须是整数' })
  operatorId?: number;
}

export class GridFacilityQueryDto extends GridQueryDto {
  @ApiPropertyOptional({ description: '只列出有超时（已超时完成或逾期未办）的设施' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'lateOnly 须为 true 或 false' })
  lateOnly?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码从 1 开始' })
  page = 1;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页至少 1 条' })
  @Max(1000, { message: '每页最多 1000 条' })
  pageSize = 100;
}

export class GridStepDto {
  @ApiProperty({
    description:
      '环节：application_acceptance 受理 / supply_plan_reply 答复供电方案 / meter_installation 装表接电 / platform_registration 接入市级平台',
  })
  step!: string;
  @ApiProperty({ example: '业务受理' }) name!: string;
  @ApiProperty({ description: '时限' }) limit!: number;
  @ApiProperty({ description: 'working_days 工作日 / calendar_months 自然月' }) unit!: string;
  @ApiProperty({ nullable: true, type: String }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '期限（该日结束前办结为按时）' }) deadline!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '已用工作日（工作日时限且已办结）' }) used!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '超出量' }) overrun!: number | null;
  @ApiProperty({ description: 'working_days / calendar_days' }) overrunUnit!: string;
  @ApiProperty({
    description: 'met 按时 / breached 超时 / pending 办理中 / overdue 逾期未办 / not_applicable / inconsistent_dates',
  })
  status!: string;
  @ApiProperty({ example: '受理用时 2 个工作日，超出时限 1 个工作日' }) description!: string;
}

export class GridFacilityDto {
  @ApiProperty() facilityId!: number;
  @ApiProperty() code!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ description: 'public 公用 / self_use 自用' }) usage!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty({ nullable: true, type: Number }) operatorId!: number | null;
  @ApiProperty({ nullable: true, type: String }) operatorName!: string | null;
  @ApiProperty({ description: '有环节超时或逾期' }) late!: boolean;
  @ApiProperty({ type: [GridStepDto] }) steps!: GridStepDto[];
}

export class CalendarGapDto {
  @ApiProperty() facilityId!: number;
  @ApiProperty() code!: string;
  @ApiProperty({ example: '工作日历未包含 2027 年的节假日安排，请先维护该年度日历' }) message!: string;
}

export class GridFacilityPageDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [GridFacilityDto] }) items!: GridFacilityDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [CalendarGapDto], description: '因工作日历缺少年度而无法计算的设施' })
  calendarGaps!: CalendarGapDto[];
}

export class GridTallyDto {
  @ApiProperty({ description: '统计的设施数' }) facilityCount!: number;
  @ApiProperty({ description: '有环节超时或逾期的设施数' }) facilitiesWithBreach!: number;
  @ApiProperty({ type: Object, description: '各环节各状态的设施数' }) steps!: Record<string, Record<string, number>>;
}

export class GridBreachGroupDto extends GridTallyDto {
  @ApiProperty({ nullable: true, type: Number, description: '区县 id 或运营企业 id（无运营企业为空）' })
  key!: number | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [Object], description: '超时与逾期明细（环节、期限、已用、超出、说明）' }) breaches!: unknown[];
}

export class GridBreachSummaryDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [Object], description: '各环节时限及依据' }) rules!: unknown[];
  @ApiProperty({ type: GridTallyDto, description: '合计' }) total!: GridTallyDto;
  @ApiProperty({ type: [GridBreachGroupDto] }) groups!: GridBreachGroupDto[];
  @ApiProperty({ type: [CalendarGapDto] }) calendarGaps!: CalendarGapDto[];
}
