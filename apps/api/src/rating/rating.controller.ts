import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { ComplaintDecision, ComplaintService, PatrolService, RatingService } from '@app/rating';
import {
  ComplaintDto,
  ComplaintPageDto,
  ComplaintQueryDto,
  DecideComplaintDto,
  DraftRatingDto,
  PatrolDto,
  PatrolPageDto,
  PatrolQueryDto,
  RatingListQueryDto,
  RatingRoundDto,
  RatingRoundSummaryDto,
  RatingSettingsDto,
  RecordPatrolDto,
  RectifyPatrolDto,
  RegisterComplaintDto,
} from './rating.dto.js';

/** Complaints about property companies: registered, then confirmed or dismissed by the office (Jinpu §二(五)). */
@ApiTags('物业服务企业评价')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintController {
  constructor(private readonly complaints: ComplaintService) {}

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '投诉列表（区县用户仅本区县）' })
  @ApiOkResponse({ type: ComplaintPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: ComplaintQueryDto): Promise<ComplaintPageDto> {
    const { items, total } = await this.complaints.list(user, query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  @Post()
  @Roles(Role.Office, Role.District)
  @ApiOperation({ summary: '登记投诉（区县用户仅本区县的社区；阻挠类须注明受阻的是公用还是自用设施）' })
  @ApiCreatedResponse({ type: ComplaintDto })
  register(@CurrentUser() user: AuthenticatedUser, @Body() body: RegisterComplaintDto): Promise<ComplaintDto> {
    return this.complaints.register(user, body);
  }

  @Get(':id')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '投诉详情' })
  @ApiOkResponse({ type: ComplaintDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<ComplaintDto> {
    return this.complaints.get(user, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '认定属实（须填写理由）：属实的阻挠投诉使企业当年取消评优评先资格' })
  @ApiOkResponse({ type: ComplaintDto })
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecideComplaintDto,
  ): Promise<ComplaintDto> {
    return this.complaints.decide(user, id, ComplaintDecision.Confirm, body.reason);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '认定不属实（须填写理由）' })
  @ApiOkResponse({ type: ComplaintDto })
  dismiss(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecideComplaintDto,
  ): Promise<ComplaintDto> {
    return this.complaints.decide(user, id, ComplaintDecision.Dismiss, body.reason);
  }
}

/** Safety patrol records of communities' charging facilities (Jinpu §二(四)(五)). */
@ApiTags('物业服务企业评价')
@ApiBearerAuth()
@Controller('patrols')
export class PatrolController {
  constructor(private readonly patrols: PatrolService) {}

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '安全巡查记录（区县用户仅本区县）' })
  @ApiOkResponse({ type: PatrolPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: PatrolQueryDto): Promise<PatrolPageDto> {
    const { items, total } = await this.patrols.list(user, query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  @Post()
  @Roles(Role.Office, Role.District)
  @ApiOperation({ summary: '登记巡查记录（区县用户仅本区县的社区；每个社区每天一条）' })
  @ApiCreatedResponse({ type: PatrolDto })
  record(@CurrentUser() user: AuthenticatedUser, @Body() body: RecordPatrolDto): Promise<PatrolDto> {
    return this.patrols.record(user, body);
  }

  @Patch(':id/rectification')
  @Roles(Role.Office, Role.District)
  @ApiOperation({ summary: '登记隐患整改完成' })
  @ApiOkResponse({ type: PatrolDto })
  rectify(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RectifyPatrolDto,
  ): Promise<PatrolDto> {
    return this.patrols.rectify(user, id, body);
  }
}

/** Yearly ratings of property companies: draft, review, confirm (frozen). */
@ApiTags('物业服务企业评价')
@ApiBearerAuth()
@Controller('ratings')
export class RatingController {
  constructor(private readonly ratings: RatingService) {}

  @Get('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '评价设置：权重、等级分数线、投诉扣分、巡查次数、整改期限' })
  @ApiOkResponse({ type: RatingSettingsDto })
  settings(): Promise<RatingSettingsDto> {
    return this.ratings.settings();
  }

  @Put('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '修改评价设置（权重合计 100%，A > B > C）' })
  @ApiOkResponse({ type: RatingSettingsDto })
  updateSettings(@CurrentUser() user: AuthenticatedUser, @Body() body: RatingSettingsDto): Promise<RatingSettingsDto> {
    return this.ratings.updateSettings(user, body);
  }

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '评价列表与等级分布（市发改委可见草稿，其他角色只见已确认）' })
  @ApiOkResponse({ type: [RatingRoundSummaryDto] })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: RatingListQueryDto): Promise<RatingRoundSummaryDto[]> {
    return this.ratings.list(user, query.year);
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: '计算某年度评价草稿（已确认的年度不能再计算）' })
  @ApiCreatedResponse({ type: RatingRoundDto })
  draft(@CurrentUser() user: AuthenticatedUser, @Body() body: DraftRatingDto): Promise<RatingRoundDto> {
    return this.ratings.draft(user, body.year);
  }

  @Get(':id')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '评价详情：名次、总分、等级、评优资格与各项明细（区县用户仅本区县在管企业）' })
  @ApiOkResponse({ type: RatingRoundDto })
  view(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<RatingRoundDto> {
    return this.ratings.view(user, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '确认评价：确认后冻结，不再随数据变化' })
  @ApiOkResponse({ type: RatingRoundDto })
  confirm(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<RatingRoundDto> {
    return this.ratings.confirm(user, id);
  }
}
