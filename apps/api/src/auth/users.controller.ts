import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role } from '@app/core';
import { CurrentUser, Roles, UserAdminService } from '@app/auth';
import { CreateUserDto, UserDto } from './users.dto.js';

@ApiTags('用户与权限')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserAdminService) {}

  @Get()
  @Roles(Role.Office)
  @ApiOperation({ summary: '用户列表' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  @Roles(Role.Office)
  @ApiOperation({ summary: '新建用户（区县用户须指定区县）' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() actor: AuthenticatedUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '停用账号：已签发的令牌随即失效' })
  @ApiOkResponse({ type: UserDto })
  disable(@CurrentUser() actor: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.setDisabled(actor, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles(Role.Office)
  @ApiOperation({ summary: '恢复账号' })
  @ApiOkResponse({ type: UserDto })
  enable(@CurrentUser() actor: AuthenticatedUser, @Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.setDisabled(actor, id, false);
  }
}
