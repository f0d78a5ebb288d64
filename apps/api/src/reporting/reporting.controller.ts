import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import {
  MAX_UPLOAD_BYTES,
  ReportTemplateService,
  ReportQueryService,
  ReportReviewService,
  ReportUploadService,
  StatusBoardService,
} from '@app/reporting';
import { ParseMonthPipe } from '../http/parse-month.pipe.js';
import {
  ReportViewDto,
  ReturnVersionDto,
  ReviewResultDto,
  StatusBoardDto,
  UploadReceiptDto,
  UploadViewDto,
} from './reporting.dto.js';

interface UploadedMemoryFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('月度报送')
@ApiBearerAuth()
@Controller()
export class ReportingController {
  constructor(
    private readonly uploads: ReportUploadService,
    private readonly reviews: ReportReviewService,
    private readonly board: StatusBoardService,
    private readonly queries: ReportQueryService,
    private readonly templates: ReportTemplateService,
  ) {}

  @Get('periods/:month/districts/:districtId/template')
  @Roles(Role.District, Role.Office)
  @ApiOperation({ summary: '下载本期填报模板：预填上期审核通过的数据，含填报说明、下拉选项与锁定的编码列' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '填报模板 .xlsx', schema: { type: 'string', format: 'binary' } })
  async template(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
    @Param('districtId', ParseIntPipe) districtId: number,
  ): Promise<StreamableFile> {
    const { fileName, content } = await this.templates.build(user, districtId, month);
    return xlsxFile(fileName, content);
  }

  @Get('periods/:month/status')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({
    summary: '本期报送状态：各区县状态、版本数、提交时间、是否逾期、最近一次未通过的错误数（区县用户仅本区县）',
  })
  @ApiOkResponse({ type: StatusBoardDto })
  status(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
  ): Promise<StatusBoardDto> {
    return this.board.board(user, month);
  }

  @Get('periods/:month/districts/:districtId/report')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '区县本期报表：状态、全部版本与上传记录' })
  @ApiOkResponse({ type: ReportViewDto })
  report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
    @Param('districtId', ParseIntPipe) districtId: number,
  ): Promise<ReportViewDto> {
    return this.queries.report(user, month, districtId);
  }

  @Post('periods/:month/districts/:districtId/uploads')
  @HttpCode(202)
  @Roles(Role.District, Role.Office)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '填好的 .xlsx 报表' } },
    },
  })
  @ApiOperation({ summary: '上传月度报表：原文件先持久保存，再进入校验队列；返回 202 与任务 id' })
  @ApiAcceptedResponse({ type: UploadReceiptDto })
  upload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('month', ParseMonthPipe) month: string,
    @Param('districtId', ParseIntPipe) districtId: number,
    @UploadedFile() file: UploadedMemoryFile | undefined,
  ): Promise<UploadReceiptDto> {
    return this.uploads.receive(
      user,
      districtId,
      month,
      file ? { originalName: decodeFileName(file.originalname), bytes: file.buffer } : undefined,
    );
  }

  @Get('uploads/:id')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '上传记录：状态、校验进度、全部错误' })
  @ApiOkResponse({ type: UploadViewDto })
  uploadStatus(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UploadViewDto> {
    return this.queries.upload(user, id) as Promise<UploadViewDto>;
  }

  @Get('versions/:id/file')
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({ summary: '下载某一版本的原始文件' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '原始上传文件', schema: { type: 'string', format: 'binary' } })
  async versionFile(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<StreamableFile> {
    const { fileName, content } = await this.queries.versionFile(user, id);
    return xlsxFile(fileName, content);
  }

  @Post('versions/:id/accept')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '审核通过：写入登记库并触发本月汇总' })
  @ApiOkResponse({ type: ReviewResultDto })
  accept(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<ReviewResultDto> {
    return this.reviews.accept(user, id);
  }

  @Post('versions/:id/return')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '退回并填写意见，区县可修改后重新报送' })
  @ApiOkResponse({ type: ReviewResultDto })
  return(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReturnVersionDto,
  ): Promise<ReviewResultDto> {
    return this.reviews.return(user, id, body.comment);
  }
}

function xlsxFile(fileName: string, content: Buffer): StreamableFile {
  return new StreamableFile(content, {
    type: XLSX,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}

/** Browsers send multipart file names as UTF-8 bytes that busboy reads as latin1. */
function decodeFileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
