import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { RankingService } from '@app/ranking';
import {
  DraftRankingDto,
  RankingListQueryDto,
  RankingSettingsDto,
  RankingSummaryDto,
  RankingViewDto,
} from './ranking.dto.js';

@ApiTags('排名')
@ApiBearerAuth()
@Controller('rankings')
export class RankingController {
  constructor(private readonly rankings: RankingService) {}

  @Get('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '排名权重与统计月数' })
  @ApiOkResponse({ type: RankingSettingsDto })
  settings(): Promise<RankingSettingsDto> {
    return this.rankings.settings();
  }

  @Put('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '修改排名权重（合计须为 100%）' })
  @ApiOkResponse({ type: RankingSettingsDto })
  updateSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: RankingSettingsDto,
  ): Promise<RankingSettingsDto> {
    return this.rankings.updateSettings(user, body);
  }

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '排名列表（市发改委可见草稿，其他角色只见已发布）' })
  @ApiOkResponse({ type: [RankingSummaryDto] })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: RankingListQueryDto): Promise<RankingSummaryDto[]> {
    return this.rankings.list(user, query.month);
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: '计算某月排名草稿（已发布的月份不能再计算）' })
  @ApiCreatedResponse({ type: RankingViewDto })
  draft(@CurrentUser() user: AuthenticatedUser, @Body() body: DraftRankingDto): Promise<RankingViewDto> {
    return this.rankings.draft(user, body.month, body.planId);
  }

  @Get(':id')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '排名详情：名次、变化、综合得分与各指标明细' })
  @ApiOkResponse({ type: RankingViewDto })
  view(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<RankingViewDto> {
    return this.rankings.view(user, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '发布排名：发布后冻结，之后的数据变化不影响' })
  @ApiOkResponse({ type: RankingViewDto })
  publish(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<RankingViewDto> {
    return this.rankings.publish(user, id);
  }
}
