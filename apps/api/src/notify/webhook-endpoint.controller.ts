import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { WebhookEndpointService } from '@app/notify';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, WebhookEndpointDto } from './notify.dto.js';

/** The office's group robots (企业微信 / 钉钉) that receive calendar notices; the secret is never returned. */
@ApiTags('群机器人')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhookEndpointController {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  @Get()
  @Roles(Role.Office)
  @ApiOperation({ summary: '群机器人列表（市发展改革委）' })
  @ApiOkResponse({ type: [WebhookEndpointDto] })
  list(): Promise<WebhookEndpointDto[]> {
    return this.endpoints.list();
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: '新增群机器人：企业微信群机器人或钉钉自定义机器人（可设加签密钥）' })
  @ApiCreatedResponse({ type: WebhookEndpointDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.create(user, body);
  }

  @Patch(':id')
  @Roles(Role.Office)
  @ApiOperation({ summary: '修改群机器人（只改传入的字段；secret 传 null 清除）' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ description: '机器人不存在' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.update(user, id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '停用群机器人（保留记录，可再修改为启用）' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ description: '机器人不存在' })
  disable(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<WebhookEndpointDto> {
    return this.endpoints.disable(user, id);
  }
}
