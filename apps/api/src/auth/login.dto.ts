import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '@app/core';

export class LoginDto {
  @ApiProperty({ description: '用户名', example: 'office' })
  @IsString({ message: '用户名必须是文本' })
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(50, { message: '用户名不能超过 50 个字符' })
  username!: string;

  @ApiProperty({ description: '密码', example: 'Demo@2026' })
  @IsString({ message: '密码必须是文本' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(200, { message: '密码过长' })
  password!: string;
}

export class CurrentUserDto {
  @ApiProperty() id!: number;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({ nullable: true, type: Number }) districtId!: number | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: '访问令牌 (Bearer)' }) accessToken!: string;
  @ApiProperty({ description: '有效期（秒）' }) expiresIn!: number;
  @ApiProperty({ type: CurrentUserDto }) user!: CurrentUserDto;
}
