import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { ProgressQueryService } from '@app/progress';
import {
  ProgressQueryDto,
  ProgressTableDto,
  RegionProgressTableDto,
  RegionQueryDto,
  TrendPointDto,
  TrendQueryDto,
} from './progress.dto.js';

@ApiTags('进度')
@ApiBearerAuth()
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressQueryService) {}

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '某月某计划的进度：各区县与全市，含较上月变化（区县用户仅本区县与全市）' })
  @ApiOkResponse({ type: ProgressTableDto })
  table(@CurrentUser() user: AuthenticatedUser, @Query() query: ProgressQueryDto): Promise<ProgressTableDto> {
    return this.progress.table(user, query.month, query.planId, query.cityId);
  }

  @Get('regions')
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: '城市以上的汇总：某省各城市与全省合计，或各省与全国合计（由各市快照相加）' })
  @ApiOkResponse({ type: RegionProgressTableDto })
  regions(@CurrentUser() user: AuthenticatedUser, @Query() query: RegionQueryDto): Promise<RegionProgressTableDto> {
    return this.progress.regionTable(user, query.month, query.planId, query.level, query.provinceCode);
  }

  @Get('trend')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '月度趋势：某区县或全市在某计划下的逐月快照' })
  @ApiOkResponse({ type: [TrendPointDto] })
  trend(@CurrentUser() user: AuthenticatedUser, @Query() query: TrendQueryDto): Promise<TrendPointDto[]> {
    return this.progress.trend(user, query.planId, query.districtId ?? null, query.cityId);
  }
}
