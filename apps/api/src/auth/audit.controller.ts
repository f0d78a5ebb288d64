import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@app/core';
import { AuditService, Roles } from '@app/auth';
import { AuditPageDto, AuditQueryDto } from './audit.dto.js';

@ApiTags('用户与权限')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Office)
  @ApiOperation({ summary: '审计记录查询（只读；记录不可修改或删除）' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
