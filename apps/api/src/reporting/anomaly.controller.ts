import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { AnomalyFlagService, AnomalySettingsService } from '@app/reporting';
import {
  AnomalyFlagDto,
  AnomalyFlagQueryDto,
  AnomalySettingsBodyDto,
  AnomalySettingsDto,
  ConfirmAnomalyDto,
} from './anomaly.dto.js';

@ApiTags('数据异常')
@ApiBearerAuth()
@Controller('anomaly-flags')
export class AnomalyController {
  constructor(
    private readonly flags: AnomalyFlagService,
    private readonly settings: AnomalySettingsService,
  ) {}

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '数据异常标记：可按月份、区县、类型筛选（区县用户仅本区县）' })
  @ApiOkResponse({ type: [AnomalyFlagDto] })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: AnomalyFlagQueryDto): Promise<AnomalyFlagDto[]> {
    return this.flags.list(user, query) as Promise<AnomalyFlagDto[]>;
  }

  @Get('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '异常检测的阈值与规则说明' })
  @ApiOkResponse({ type: AnomalySettingsDto })
  getSettings(): Promise<AnomalySettingsDto> {
    return this.settings.view() as Promise<AnomalySettingsDto>;
  }

  @Put('settings')
  @Roles(Role.Office)
  @ApiOperation({ summary: '修改异常检测阈值（对之后提交的版本生效）' })
  @ApiOkResponse({ type: AnomalySettingsDto })
  updateSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: AnomalySettingsBodyDto,
  ): Promise<AnomalySettingsDto> {
    return this.settings.update(user, body) as Promise<AnomalySettingsDto>;
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '核实异常标记：经核实数据属实，不再计入区县数据质量扣分' })
  @ApiOkResponse({ type: AnomalyFlagDto })
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ConfirmAnomalyDto,
  ): Promise<AnomalyFlagDto> {
    return this.flags.confirm(user, id, body.note) as Promise<AnomalyFlagDto>;
  }
}
