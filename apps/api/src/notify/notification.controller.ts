import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { InboxService, Notification } from '@app/notify';
import { InboxPageDto, InboxQueryDto, NotificationDto, ReadAllResultDto } from './notify.dto.js';

function toDto(n: Notification): NotificationDto {
  return {
    id: String(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    districtId: n.districtId,
    month: n.month,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}

/** Every signed-in user's own inbox: nobody sees or marks another user's notifications. */
@ApiTags('站内通知')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiOperation({ summary: '我的通知（分页；默认未读在前），含未读数' })
  @ApiOkResponse({ type: InboxPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: InboxQueryDto): Promise<InboxPageDto> {
    const page = await this.inbox.page(user, { page: query.page, pageSize: query.pageSize, order: query.order });
    return { ...page, items: page.items.map(toDto) };
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiOperation({ summary: '将我的全部未读通知标为已读' })
  @ApiOkResponse({ type: ReadAllResultDto })
  async readAll(@CurrentUser() user: AuthenticatedUser): Promise<ReadAllResultDto> {
    return { marked: await this.inbox.markAllRead(user) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiOperation({ summary: '将我的一条通知标为已读（他人的通知按不存在处理）' })
  @ApiParam({ name: 'id', description: '通知 id' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: '通知不存在（或不属于当前用户）' })
  async read(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<NotificationDto> {
    return toDto(await this.inbox.markRead(user, id));
  }
}
