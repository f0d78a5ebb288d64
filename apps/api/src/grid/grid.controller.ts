import { Body, Controller, Delete, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { GridTimeLimitService, WorkingCalendarService } from '@app/grid';
import {
  AddCalendarYearDto,
  CalendarEditDto,
  CalendarYearDetailDto,
  CalendarYearDto,
  GridBreachSummaryDto,
  GridFacilityPageDto,
  GridFacilityQueryDto,
  GridQueryDto,
  SetCalendarDayDto,
} from './grid.dto.js';

/** The working-day calendar (State Council holiday notices), maintained by the office as data. */
@ApiTags('工作日历')
@ApiBearerAuth()
@Controller('working-calendar')
export class WorkingCalendarController {
  constructor(private readonly calendar: WorkingCalendarService) {}

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '已维护的年度：依据通知、放假日数、调休上班日数、全年工作日数' })
  @ApiOkResponse({ type: [CalendarYearDto] })
  years(): Promise<CalendarYearDto[]> {
    return this.calendar.years();
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: '添加年度（须注明依据的国务院办公厅通知），再逐日维护放假与调休' })
  @ApiCreatedResponse({ type: CalendarYearDto })
  addYear(@CurrentUser() user: AuthenticatedUser, @Body() body: AddCalendarYearDto): Promise<CalendarYearDto> {
    return this.calendar.addYear(user, body.year, body.source);
  }

  @Get(':year')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '某年度的放假与调休上班安排' })
  @ApiParam({ name: 'year', example: 2024 })
  @ApiOkResponse({ type: CalendarYearDetailDto })
  year(@Param('year', ParseIntPipe) year: number): Promise<CalendarYearDetailDto> {
    return this.calendar.year(year);
  }

  @Put('days/:date')
  @Roles(Role.Office)
  @ApiOperation({ summary: '设置某日为放假或调休上班（过往年度允许修改，记入审计日志并提示）' })
  @ApiParam({ name: 'date', example: '2027-02-06' })
  @ApiOkResponse({ type: CalendarEditDto })
  setDay(
    @CurrentUser() user: AuthenticatedUser,
    @Param('date') date: string,
    @Body() body: SetCalendarDayDto,
  ): Promise<CalendarEditDto> {
    return this.calendar.setDay(user, date, body);
  }

  @Delete('days/:date')
  @Roles(Role.Office)
  @ApiOperation({ summary: '删除某日的放假或调休安排（恢复为普通的工作日或周末）' })
  @ApiParam({ name: 'date', example: '2027-02-06' })
  @ApiOkResponse({ type: CalendarEditDto })
  removeDay(@CurrentUser() user: AuthenticatedUser, @Param('date') date: string): Promise<CalendarEditDto> {
    return this.calendar.removeDay(user, date);
  }
}

/** Grid time limits per facility, and breaches per district and per operator (区县用户仅本区县). */
@ApiTags('电网办理时限')
@ApiBearerAuth()
@Controller('grid')
export class GridController {
  constructor(private readonly grid: GridTimeLimitService) {}

  @Get('facilities')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({
    summary:
      '每个设施各办电环节的用时与时限：受理 1 个工作日、答复供电方案 3 个工作日、装表接电 2 个工作日、验收后 2 个月内接入市级平台',
  })
  @ApiOkResponse({ type: GridFacilityPageDto })
  async facilities(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: GridFacilityQueryDto,
  ): Promise<GridFacilityPageDto> {
    const { asOf, evaluations, calendarGaps } = await this.grid.evaluate(user, query);
    const chosen = query.lateOnly ? evaluations.filter((e) => e.late) : evaluations;
    const start = (query.page - 1) * query.pageSize;
    return {
      asOf,
      items: chosen.slice(start, start + query.pageSize),
      total: chosen.length,
      page: query.page,
      pageSize: query.pageSize,
      calendarGaps,
    };
  }

  @Get('breaches/districts')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '按区县统计与列出超时、逾期的办电环节' })
  @ApiOkResponse({ type: GridBreachSummaryDto })
  byDistrict(@CurrentUser() user: AuthenticatedUser, @Query() query: GridQueryDto): Promise<GridBreachSummaryDto> {
    return this.grid.breachesByDistrict(user, query);
  }

  @Get('breaches/operators')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({
    summary:
      '按运营企业统计与列出超时、逾期的办电环节（区县用户仅本区县的设施）；超时设施多的企业在前，未指定运营企业的排最后',
  })
  @ApiOkResponse({ type: GridBreachSummaryDto })
  byOperator(@CurrentUser() user: AuthenticatedUser, @Query() query: GridQueryDto): Promise<GridBreachSummaryDto> {
    return this.grid.breachesByOperator(user, query);
  }
}
