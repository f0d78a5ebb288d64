import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, CurrentUser, Public, Roles } from '@app/auth';
import { APP_CONFIG, AppConfig, AuthenticatedUser, Role } from '@app/core';
import { CurrentUserDto, LoginDto, LoginResponseDto } from './login.dto.js';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
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
}
