import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { InboxOrder, NotificationKind, WebhookKind } from '@app/notify';

export class InboxQueryDto {
  @ApiPropertyOptional({ default: 1 })
  @Min(1, { message: '页码从 1 开始' })
  @IsInt({ message: '页码必须是整数' })
  @Type(() => Number)
  @IsOptional()
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @Max(100, { message: '每页最多 100 条' })
  @Min(1, { message: '每页至少 1 条' })
  @IsInt({ message: '每页条数必须是整数' })
  @Type(() => Number)
  @IsOptional()
  pageSize = 20;

  @ApiPropertyOptional({
    enum: InboxOrder,
    default: InboxOrder.UnreadFirst,
    description: 'unread_first：未读在前，再按时间倒序；newest：按时间倒序',
  })
  @IsOptional()
  @IsEnum(InboxOrder, { message: '排序方式须为 unread_first 或 newest' })
  order: InboxOrder = InboxOrder.UnreadFirst;
}

export class NotificationDto {
  @ApiProperty({ description: '通知 id' }) id!: string;
  @ApiProperty({ enum: NotificationKind, description: '类型：报送开始、提醒、逾期、催报……' }) kind!: NotificationKind;
  @ApiProperty({ description: '标题' }) title!: string;
  @ApiProperty({ description: '正文' }) body!: string;
  @ApiProperty({ nullable: true, type: String, description: '点击后前往的页面' }) link!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '相关区县 id' }) districtId!: number | null;
  @ApiProperty({ nullable: true, type: String, description: '相关报送月份 YYYY-MM' }) month!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date, description: '阅读时间；未读为空' }) readAt!: Date | null;
}

export class InboxPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ description: '通知总数' }) total!: number;
  @ApiProperty({ description: '未读数' }) unreadCount!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReadAllResultDto {
  @ApiProperty({ description: '本次标为已读的条数' }) marked!: number;
}

export class WebhookEndpointDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: '名称' }) name!: string;
  @ApiProperty({ enum: WebhookKind, description: 'wecom：企业微信群机器人；dingtalk：钉钉自定义机器人' })
  kind!: WebhookKind;
  @ApiProperty({ description: 'Webhook 地址' }) url!: string;
  @ApiProperty({ nullable: true, type: Number, description: '所属区县 id；为空表示市发展改革委自己的群' })
  districtId!: number | null;
  @ApiProperty({ nullable: true, type: String, description: '所属区县名称' }) districtName!: string | null;
  @ApiProperty({ description: '启用' }) enabled!: boolean;
  @ApiProperty({ description: '已设置钉钉加签密钥' }) hasSecret!: boolean;
  @ApiProperty({ nullable: true, type: String, description: '密钥提示（不返回完整密钥），如 SEC…a1b2' })
  secretHint!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({ description: '名称，如“五华区报送工作群”', maxLength: 60 })
  @MaxLength(60, { message: '名称不能超过 60 个字符' })
  @MinLength(1, { message: '请填写名称' })
  @IsString({ message: '名称必须是文本' })
  @IsDefined({ message: '请填写名称' })
  name!: string;

  @ApiProperty({ enum: WebhookKind, description: 'wecom：企业微信群机器人；dingtalk：钉钉自定义机器人' })
  @IsEnum(WebhookKind, { message: '机器人类型须为 wecom（企业微信）或 dingtalk（钉钉）' })
  @IsDefined({ message: '请选择机器人类型' })
  kind!: WebhookKind;

  @ApiProperty({ description: 'Webhook 地址（http 或 https）', maxLength: 500 })
  @MaxLength(500, { message: '地址不能超过 500 个字符' })
  @IsString({ message: '地址必须是文本' })
  @IsDefined({ message: '请填写 Webhook 地址' })
  url!: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: '钉钉加签密钥（SEC 开头）；企业微信不填' })
  @MaxLength(200, { message: '加签密钥不能超过 200 个字符' })
  @IsString({ message: '加签密钥必须是文本' })
  @IsOptional()
  secret?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: '所属区县 id；不填表示市发展改革委自己的群' })
  @IsOptional()
  @IsInt({ message: '区县 id 必须是整数' })
  districtId?: number | null;

  @ApiPropertyOptional({ default: true, description: '启用' })
  @IsOptional()
  @IsBoolean({ message: '启用标志必须是 true 或 false' })
  enabled?: boolean;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 60 })
  @MaxLength(60, { message: '名称不能超过 60 个字符' })
  @MinLength(1, { message: '名称不能为空' })
  @IsString({ message: '名称必须是文本' })
  @IsOptional()
  name?: string;

  @ApiPropertyOptional({ enum: WebhookKind })
  @IsOptional()
  @IsEnum(WebhookKind, { message: '机器人类型须为 wecom（企业微信）或 dingtalk（钉钉）' })
  kind?: WebhookKind;

  @ApiPropertyOptional({ maxLength: 500 })
  @MaxLength(500, { message: '地址不能超过 500 个字符' })
  @IsString({ message: '地址必须是文本' })
  @IsOptional()
  url?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: '新的钉钉加签密钥；传 null 清除；不传则不变' })
  @MaxLength(200, { message: '加签密钥不能超过 200 个字符' })
  @IsString({ message: '加签密钥必须是文本' })
  @IsOptional()
  secret?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: '所属区县 id；传 null 改为市发展改革委的群' })
  @IsOptional()
  @IsInt({ message: '区县 id 必须是整数' })
  districtId?: number | null;

  @ApiPropertyOptional({ description: '启用' })
  @IsOptional()
  @IsBoolean({ message: '启用标志必须是 true 或 false' })
  enabled?: boolean;
}
