import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { CalendarSettingsService, ReportingCalendarService, ReportingPeriodService } from '@app/reporting';
import {
  CalendarSettingsDto,
  CalendarSettingsViewDto,
  CalendarStepsDto,
  CalendarStepsQueryDto,
  DeadlineChangeDto,
  PeriodDto,
} from './calendar.dto.js';

/** The monthly calendar (Kunming plan §五(二): 每月25日前报送): settings, what it did, and one period's deadline. */
@ApiTags('报送日历')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(
    private readonly settings: CalendarSettingsService,
    private readonly calendar: ReportingCalendarService,
    private readonly periods: ReportingPeriodService,
  ) {}

  @Get('calendar/settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '报送日历设置：截止日与时间、提醒日、提醒发送时间、催报规则' })
  @ApiOkResponse({ type: CalendarSettingsViewDto })
  view(): Promise<CalendarSettingsViewDto> {
    return this.settings.view();
  }

  @Put('calendar/settings')
  @Roles(Role.Office)
  @ApiOperation({
    summary: '修改报送日历设置（对此后新开的报送期生效；已开报送期的截止时间请用“调整截止时间”）',
  })
  @ApiOkResponse({ type: CalendarSettingsViewDto })
  update(@CurrentUser() user: AuthenticatedUser, @Body() body: CalendarSettingsDto): Promise<CalendarSettingsViewDto> {
    return this.settings.update(user, body);
  }

  @Get('calendar/steps')
  @Roles(Role.Office)
  @ApiOperation({ summary: '某月的日历步骤：计划时间、实际执行时间与结果（默认本月）' })
  @ApiOkResponse({ type: CalendarStepsDto })
  async steps(@Query() query: CalendarStepsQueryDto): Promise<CalendarStepsDto> {
    const month = query.month ?? this.periods.currentMonth();
    return { month, steps: await this.calendar.stepsOf(month) };
  }

  @Patch('periods/:month/deadline')
  @Roles(Role.Office)
  @ApiOperation({ summary: '调整某一报送期的截止时间（延期），须在原截止时间之前，记入审计日志' })
  @ApiParam({ name: 'month', description: '报送月份 YYYY-MM', example: '2026-11' })
  @ApiOkResponse({ type: PeriodDto })
  async changeDeadline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month') month: string,
    @Body() body: DeadlineChangeDto,
  ): Promise<PeriodDto> {
    const { id, opensAt, deadlineAt, status } = await this.periods.changeDeadline(user, month, body);
    return { id, month, opensAt, deadlineAt, status };
  }
}
