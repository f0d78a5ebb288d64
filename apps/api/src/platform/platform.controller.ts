import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Public, Roles } from '@app/auth';
import {
  MAX_PLATFORM_FILE_BYTES,
  PlatformApiKey,
  PlatformApiKeyService,
  PlatformCrossCheckService,
  PlatformImportService,
} from '@app/platform';
import {
  CrossCheckQueryDto,
  CrossCheckViewDto,
  IssuedPlatformKeyDto,
  IssuePlatformKeyDto,
  PlatformImportQueryDto,
  PlatformImportSummaryDto,
  PlatformImportViewDto,
  PlatformKeyDto,
  PlatformPushDto,
} from './platform.dto.js';
import { CurrentPlatformKey, PlatformKeyGuard } from './platform-key.guard.js';

interface UploadedMemoryFile {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('市级平台')
@Controller('platform')
export class PlatformController {
  constructor(
    private readonly imports: PlatformImportService,
    private readonly keys: PlatformApiKeyService,
    private readonly crossCheck: PlatformCrossCheckService,
  ) {}

  @Post('imports')
  @ApiBearerAuth()
  @Roles(Role.Office)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_PLATFORM_FILE_BYTES + 1, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '市级平台导出的 .xlsx 或 .csv' } },
    },
  })
  @ApiOperation({
    summary: '导入市级平台接入设施清单（.xlsx / .csv，UTF-8 或 GBK）：全部校验通过才写入，否则返回全部错误',
  })
  @ApiCreatedResponse({ type: PlatformImportSummaryDto })
  importFile(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PlatformImportQueryDto,
    @UploadedFile() file: UploadedMemoryFile | undefined,
  ): Promise<PlatformImportSummaryDto> {
    return this.imports.importFile(
      user,
      file ? { originalName: decodeFileName(file.originalname), bytes: file.buffer } : undefined,
      query.scope,
    );
  }

  @Get('imports')
  @ApiBearerAuth()
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: '市级平台数据导入记录（最近 100 次）' })
  @ApiOkResponse({ type: [PlatformImportSummaryDto] })
  listImports(): Promise<PlatformImportSummaryDto[]> {
    return this.imports.list();
  }

  @Get('imports/:id')
  @ApiBearerAuth()
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: '某次导入的全部记录' })
  @ApiOkResponse({ type: PlatformImportViewDto })
  viewImport(@Param('id', ParseIntPipe) id: number): Promise<PlatformImportViewDto> {
    return this.imports.view(id);
  }

  @Post('records')
  @Public()
  @UseGuards(PlatformKeyGuard)
  @ApiSecurity('platform-key')
  @ApiBody({ type: PlatformPushDto })
  @ApiOperation({
    summary: '市级平台推送接入设施记录（请求头 X-Platform-Key 携带市发展改革委发放的密钥；默认增量）',
  })
  @ApiCreatedResponse({ type: PlatformImportSummaryDto })
  push(
    @CurrentPlatformKey() key: PlatformApiKey,
    @Body() body: Record<string, unknown>,
  ): Promise<PlatformImportSummaryDto> {
    return this.imports.importPush(key, body).finally(() => this.keys.touch(key.id));
  }

  @Get('api-keys')
  @ApiBearerAuth()
  @Roles(Role.Office)
  @ApiOperation({ summary: '平台接口密钥列表（不含密钥原文）' })
  @ApiOkResponse({ type: [PlatformKeyDto] })
  listKeys(): Promise<PlatformKeyDto[]> {
    return this.keys.list();
  }

  @Post('api-keys')
  @ApiBearerAuth()
  @Roles(Role.Office)
  @ApiOperation({ summary: '发放平台接口密钥（原文仅返回这一次）' })
  @ApiCreatedResponse({ type: IssuedPlatformKeyDto })
  issueKey(@CurrentUser() user: AuthenticatedUser, @Body() body: IssuePlatformKeyDto): Promise<IssuedPlatformKeyDto> {
    return this.keys.issue(user, body.name);
  }

  @Post('api-keys/:id/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(Role.Office)
  @ApiOperation({ summary: '更换密钥：发放新密钥，旧密钥同时停用' })
  @ApiOkResponse({ type: IssuedPlatformKeyDto })
  rotateKey(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<IssuedPlatformKeyDto> {
    return this.keys.rotate(user, id);
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(Role.Office)
  @ApiOperation({ summary: '停用密钥' })
  @ApiOkResponse({ type: PlatformKeyDto })
  revokeKey(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<PlatformKeyDto> {
    return this.keys.revoke(user, id);
  }

  @Get('cross-check')
  @ApiBearerAuth()
  @Roles(Role.Office, Role.Leader, Role.District)
  @ApiOperation({
    summary:
      '区县报送与市级平台记录比对：报送已接入但平台无记录、平台已接入但未报送、桩数/功率/接入日期等不一致（区县用户仅本区县）',
  })
  @ApiOkResponse({ type: CrossCheckViewDto })
  check(@CurrentUser() user: AuthenticatedUser, @Query() query: CrossCheckQueryDto): Promise<CrossCheckViewDto> {
    return this.crossCheck.check(user, query.districtId);
  }
}

/** Browsers send multipart file names as UTF-8 bytes that busboy reads as latin1. */
function decodeFileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
