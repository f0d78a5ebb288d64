import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, CurrentUser, Public, Roles, UserAdminService } from '@app/auth';
import { APP_CONFIG, AppConfig, AuthenticatedUser, Role } from '@app/core';
import { CurrentUserDto, LoginDto, LoginResponseDto } from './login.dto.js';
import { ChangePasswordDto } from './users.dto.js';
import { LOGIN_THROTTLE, LoginThrottlerGuard } from './login-throttler.guard.js';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Throttle(LOGIN_THROTTLE)
  @HttpCode(200)
  @ApiOperation({ summary: '登录，返回访问令牌' })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, this.config.JWT_TTL_SECONDS);
  }

  @Get('me')
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录用户' })
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthenticatedUser): CurrentUserDto {
    return user;
  }

  @Post('password')
  @HttpCode(204)
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改本人密码（之前签发的令牌随即失效）' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(user, body.currentPassword, body.newPassword);
  }
}
