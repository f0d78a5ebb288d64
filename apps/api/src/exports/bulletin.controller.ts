import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createReadStream, readFileSync } from 'node:fs';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Public, Roles } from '@app/auth';
import { BulletinService, renderBulletinPage } from '@app/exports';
import { ParseMonthPipe } from '../http/parse-month.pipe.js';
import { BulletinPrintQueryDto } from './exports.dto.js';

/** The dist file of the stack's chart library (apexcharts 7.9), served as is. */
const APEXCHARTS_FILE = require.resolve('apexcharts/dist/apexcharts.min.js');
export const APEXCHARTS_ROUTE = '/api/assets/apexcharts.min.js';
let inlineScript: string | undefined;

@ApiTags('月度通报')
@Controller()
export class BulletinController {
  constructor(private readonly bulletins: BulletinService) {}

  @Get('bulletins/:month/print')
  @ApiBearerAuth()
  @Roles(Role.Office, Role.Leader)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      '月度通报打印页：排名及变化、进度预警（正常/预警/滞后）、逾期与未报送区县及扩展栏目，含图表，按 A4 排版；图表绘制完成后 <html data-charts-ready="true">',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML 页面', schema: { type: 'string' } })
  async print(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
    @Query() query: BulletinPrintQueryDto,
  ): Promise<string> {
    const data = await this.bulletins.compose(user, month, query.planId);
    if (query.inline === '1') inlineScript ??= readFileSync(APEXCHARTS_FILE, 'utf8');
    return renderBulletinPage(data, {
      scriptSrc: APEXCHARTS_ROUTE,
      inlineScript: query.inline === '1' ? inlineScript : undefined,
    });
  }

  @Get('assets/apexcharts.min.js')
  @Public()
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOperation({ summary: 'ApexCharts 图表库（公开的静态文件，打印页与前端使用）' })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript', schema: { type: 'string' } })
  apexcharts(): StreamableFile {
    return new StreamableFile(createReadStream(APEXCHARTS_FILE), { type: 'text/javascript; charset=utf-8' });
  }
}
