import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Role } from '@app/core';

export class UserDto {
  @ApiProperty() id!: number;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({ nullable: true, type: Number }) districtId!: number | null;
  @ApiProperty({ description: '已停用' }) disabled!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) passwordChangedAt!: Date | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'wuhua2' })
  @IsString({ message: '用户名必须是文本' })
  @MaxLength(50, { message: '用户名不能超过 50 个字符' })
  username!: string;

  @ApiProperty({ example: '五华区发展和改革局（二）' })
  @IsString({ message: '名称必须是文本' })
  @MinLength(1, { message: '请填写名称' })
  @MaxLength(50, { message: '名称不能超过 50 个字符' })
  displayName!: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: '角色须为 office、district 或 leader' })
  role!: Role;

  @ApiProperty({ nullable: true, type: Number, description: '区县用户必填，市级用户为空' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: '区县 id 必须是整数' })
  districtId: number | null = null;

  @ApiProperty({ description: '初始密码：8–64 位，含字母和数字' })
  @IsString({ message: '密码必须是文本' })
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: '当前密码必须是文本' })
  @MinLength(1, { message: '请输入当前密码' })
  currentPassword!: string;

  @ApiProperty({ description: '8–64 位，含字母和数字' })
  @IsString({ message: '新密码必须是文本' })
  newPassword!: string;
}
