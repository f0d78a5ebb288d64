import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { SubsidyRoundService, SubsidyService } from '@app/subsidy';
import {
  CreateRoundDto,
  EligibilityQueryDto,
  EligibilityViewDto,
  RoundSummaryDto,
  RoundViewDto,
  ServiceSurveyDto,
  SubsidySettingsDto,
  SubsidySettingsViewDto,
} from './subsidy.dto.js';

@ApiTags('补贴')
@ApiBearerAuth()
@Controller('subsidy')
export class SubsidyController {
  constructor(
    private readonly subsidy: SubsidyService,
    private readonly rounds: SubsidyRoundService,
  ) {}

  @Get('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '补贴标准与鄂州「三个5」开关（未设置时为 null）' })
  @ApiOkResponse({ type: SubsidySettingsViewDto })
  settings(): Promise<SubsidySettingsViewDto | null> {
    return this.subsidy.settingsView();
  }

  @Put('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '设置补贴标准：元/千瓦和/或元/台，单个设施上限（元），是否启用「三个5」' })
  @ApiOkResponse({ type: SubsidySettingsViewDto })
  updateSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SubsidySettingsDto,
  ): Promise<SubsidySettingsViewDto> {
    return this.subsidy.updateSettings(user, body);
  }

  @Get('eligibility')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '每个公用设施的补贴资格：各项规则是否通过及原因、金额（分）（区县用户仅本区县）' })
  @ApiOkResponse({ type: EligibilityViewDto })
  eligibility(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EligibilityQueryDto,
  ): Promise<EligibilityViewDto> {
    return this.subsidy.eligibility(user, query.districtId, query.eligibleOnly ?? false);
  }

  @Post('service-surveys')
  @Roles(Role.Office)
  @ApiOperation({ summary: '录入鄂州「三个5」服务调查：找桩距离与排队时间（服务费取登记库）' })
  @ApiCreatedResponse({ type: Object })
  recordSurvey(@CurrentUser() user: AuthenticatedUser, @Body() body: ServiceSurveyDto) {
    return this.subsidy.recordSurvey(user, body);
  }

  @Get('service-surveys')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '服务调查记录（区县用户仅本区县）' })
  @ApiOkResponse({ type: [Object] })
  surveys(@CurrentUser() user: AuthenticatedUser, @Query() query: EligibilityQueryDto) {
    return this.subsidy.surveys(user, query.districtId);
  }

  @Get('rounds')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '补贴批次列表（市发改委可见草稿；区县用户的笔数与合计为本区县）' })
  @ApiOkResponse({ type: [RoundSummaryDto] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<RoundSummaryDto[]> {
    return this.rounds.list(user);
  }

  @Post('rounds')
  @Roles(Role.Office)
  @ApiOperation({ summary: '按当前补贴标准，从当前符合条件的设施生成批次草稿' })
  @ApiCreatedResponse({ type: RoundViewDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateRoundDto): Promise<RoundViewDto> {
    return this.rounds.createDraft(user, body);
  }

  @Get('rounds/:id')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '批次详情：分区县合计与明细（区县用户仅本区县明细）' })
  @ApiOkResponse({ type: RoundViewDto })
  view(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<RoundViewDto> {
    return this.rounds.view(user, id);
  }

  @Post('rounds/:id/confirm')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '确认批次：确认后冻结；已列入其他已确认批次的设施不能再确认' })
  @ApiOkResponse({ type: RoundViewDto })
  confirm(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<RoundViewDto> {
    return this.rounds.confirm(user, id);
  }

  @Delete('rounds/:id')
  @HttpCode(204)
  @Roles(Role.Office)
  @ApiOperation({ summary: '删除批次草稿（已确认的批次不可删除）' })
  @ApiNoContentResponse()
  discard(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.rounds.discard(user, id);
  }
}
