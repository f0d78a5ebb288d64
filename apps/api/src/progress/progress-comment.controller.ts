import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { DistrictTargetService, ProgressCommentService, TargetPlanQueryService } from '@app/progress';
import { ParseMonthPipe } from '../http/parse-month.pipe.js';
import {
  DistrictTargetResultDto,
  ProgressCommentDto,
  PutProgressCommentDto,
  SetDistrictTargetDto,
  TargetPlanDto,
} from './progress-comment.dto.js';

/** Target plans, and the office's comments shown beside a district's figures on the dashboards. */
@ApiTags('进度')
@ApiBearerAuth()
@Controller()
export class ProgressCommentController {
  constructor(
    private readonly comments: ProgressCommentService,
    private readonly plans: TargetPlanQueryService,
    private readonly targets: DistrictTargetService,
  ) {}

  @Get('target-plans')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '目标计划及各区县目标' })
  @ApiOkResponse({ type: [TargetPlanDto] })
  targetPlans(): Promise<TargetPlanDto[]> {
    return this.plans.list();
  }

  @Put('target-plans/:id/districts/:districtId/target')
  @Roles(Role.Office)
  @ApiOperation({
    summary: '设置某区县在某计划中的目标（记入审计日志；本月进度随即重新汇总，已汇总的历史月份保留当时的目标）',
  })
  @ApiOkResponse({ type: DistrictTargetResultDto })
  setTarget(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) planId: number,
    @Param('districtId', ParseIntPipe) districtId: number,
    @Body() body: SetDistrictTargetDto,
  ): Promise<DistrictTargetResultDto> {
    return this.targets.set(user, planId, districtId, body);
  }

  @Get('periods/:month/comments')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '市发改委对各区县本月数据的意见（区县用户仅本区县）' })
  @ApiParam({ name: 'month', description: '月份 YYYY-MM', example: '2026-11' })
  @ApiOkResponse({ type: [ProgressCommentDto] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
  ): Promise<ProgressCommentDto[]> {
    return this.comments.list(user, month);
  }

  @Put('periods/:month/districts/:districtId/comment')
  @Roles(Role.Office)
  @ApiOperation({ summary: '填写或修改对某区县本月数据的意见（记入审计日志）' })
  @ApiOkResponse({ type: ProgressCommentDto })
  put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
    @Param('districtId', ParseIntPipe) districtId: number,
    @Body() body: PutProgressCommentDto,
  ): Promise<ProgressCommentDto> {
    return this.comments.put(user, month, districtId, body.body);
  }

  @Delete('periods/:month/districts/:districtId/comment')
  @HttpCode(204)
  @Roles(Role.Office)
  @ApiOperation({ summary: '删除对某区县本月数据的意见（记入审计日志）' })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
    @Param('districtId', ParseIntPipe) districtId: number,
  ): Promise<void> {
    await this.comments.remove(user, month, districtId);
  }
}
