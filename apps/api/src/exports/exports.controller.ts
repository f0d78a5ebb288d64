import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { ExportService } from '@app/exports';
import { ExportListQueryDto, ExportRequestDto, ExportViewDto } from './exports.dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('导出')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportService) {}

  @Post()
  @HttpCode(202)
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({
    summary:
      '申请导出 Excel：校验参数与权限后记录并排队，返回 202 与导出 id；区县用户只能导出本区县原始数据，领导只能导出已发布的排名',
  })
  @ApiAcceptedResponse({ type: ExportViewDto })
  request(@CurrentUser() user: AuthenticatedUser, @Body() body: ExportRequestDto): Promise<ExportViewDto> {
    const { kind, ...input } = body;
    return this.exports.request(user, kind, input);
  }

  @Get()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '我的导出（市发展改革委可见全部），最新在前' })
  @ApiOkResponse({ type: [ExportViewDto] })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ExportListQueryDto): Promise<ExportViewDto[]> {
    return this.exports.list(user, query.limit);
  }

  @Get(':id')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '导出状态：进度、行数、失败原因；完成后给出下载地址' })
  @ApiOkResponse({ type: ExportViewDto })
  view(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<ExportViewDto> {
    return this.exports.view(user, id);
  }

  @Get(':id/file')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '下载已完成的导出文件（未完成或失败时 409）' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '导出的 .xlsx', schema: { type: 'string', format: 'binary' } })
  async file(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<StreamableFile> {
    const { fileName, sizeBytes, stream } = await this.exports.download(user, id);
    return new StreamableFile(stream, {
      type: XLSX,
      length: sizeBytes,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}
