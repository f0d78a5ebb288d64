import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { FacilityUsage } from '@app/org';
import { ComplaintKind, ComplaintStatus, PatrolResult, RatingRoundStatus } from '@app/rating';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

class PageQueryDto {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码从 1 开始' })
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页至少 1 条' })
  @Max(500, { message: '每页最多 500 条' })
  pageSize = 50;

  @ApiPropertyOptional({ description: '区县 id（区县用户只能查询本区县）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'districtId 必须是整数' })
  districtId?: number;

  @ApiPropertyOptional({ description: '物业服务企业 id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'propertyCompanyId 必须是整数' })
  propertyCompanyId?: number;

  @ApiPropertyOptional({ description: '年度' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度必须是整数' })
  @Min(2000, { message: '年度须为 2000 至 2100' })
  @Max(2100, { message: '年度须为 2000 至 2100' })
  year?: number;
}

// ---- complaints ----

export class ComplaintQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ComplaintStatus })
  @IsOptional()
  @IsEnum(ComplaintStatus, { message: '状态须为 registered、confirmed 或 dismissed' })
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: ComplaintKind })
  @IsOptional()
  @IsEnum(ComplaintKind, { message: '类型须为 obstruction（阻挠建设）或 other（其他）' })
  kind?: ComplaintKind;
}

export class RegisterComplaintDto {
  @ApiProperty({ description: '涉及的社区 id（区县用户仅本区县的社区）' })
  @IsInt({ message: '社区 id 必须是整数' })
  communityId!: number;

  @ApiPropertyOptional({ description: '被投诉的物业服务企业 id，默认为该社区的物业服务企业' })
  @IsOptional()
  @IsInt({ message: '物业服务企业 id 必须是整数' })
  propertyCompanyId?: number;

  @ApiProperty({ enum: ComplaintKind, description: 'obstruction 阻挠或妨碍充电设施建设；other 其他' })
  @IsEnum(ComplaintKind, { message: '类型须为 obstruction（阻挠建设）或 other（其他）' })
  kind!: ComplaintKind;

  @ApiPropertyOptional({
    enum: FacilityUsage,
    nullable: true,
    description: '阻挠类须注明：public 公用 / self_use 自用',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEnum(FacilityUsage, { message: '受阻设施须为 public（公用）或 self_use（自用）' })
  facilityUsage?: FacilityUsage | null;

  @ApiProperty({ example: '2025-04-14', description: '受理日期' })
  @Matches(DATE, { message: '受理日期格式应为 YYYY-MM-DD' })
  receivedOn!: string;

  @ApiProperty({ description: '投诉内容' })
  @MaxLength(2000, { message: '投诉内容不能超过 2000 个字' })
  @IsString({ message: '投诉内容必须是文本' })
  description!: string;
}

export class DecideComplaintDto {
  @ApiProperty({ description: '认定理由（核查情况）' })
  @MaxLength(1000, { message: '认定理由不能超过 1000 个字' })
  @IsString({ message: '认定理由必须是文本' })
  reason!: string;
}

export class ComplaintDto {
  @ApiProperty() id!: number;
  @ApiProperty() propertyCompanyId!: number;
  @ApiProperty() propertyCompanyName!: string;
  @ApiProperty({ nullable: true, type: Number }) communityId!: number | null;
  @ApiProperty({ nullable: true, type: String }) communityName!: string | null;
  @ApiProperty({ nullable: true, type: Number }) districtId!: number | null;
  @ApiProperty({ nullable: true, type: String }) districtName!: string | null;
  @ApiProperty({ enum: ComplaintKind }) kind!: ComplaintKind;
  @ApiProperty({ nullable: true, type: String, description: 'public / self_use' }) facilityUsage!: string | null;
  @ApiProperty() receivedOn!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ComplaintStatus, description: 'registered 已登记 / confirmed 属实 / dismissed 不属实' })
  status!: ComplaintStatus;
  @ApiProperty({ nullable: true, type: String }) registeredByName!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByName!: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: '认定理由' }) decisionNote!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class ComplaintPageDto {
  @ApiProperty({ type: [ComplaintDto] }) items!: ComplaintDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

// ---- patrols ----

export class PatrolQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '社区 id 必须是整数' })
  communityId?: number;

  @ApiPropertyOptional({ enum: PatrolResult })
  @IsOptional()
  @IsEnum(PatrolResult, { message: '巡查结果须为 no_issues 或 issues_found' })
  result?: PatrolResult;

  @ApiPropertyOptional({ description: '只列出发现隐患且尚未整改的记录' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'openOnly 须为 true 或 false' })
  openOnly?: boolean;
}

export class RecordPatrolDto {
  @ApiProperty({ description: '社区 id（区县用户仅本区县的社区）' })
  @IsInt({ message: '社区 id 必须是整数' })
  communityId!: number;

  @ApiPropertyOptional({ description: '负责的物业服务企业 id，默认为该社区的物业服务企业' })
  @IsOptional()
  @IsInt({ message: '物业服务企业 id 必须是整数' })
  propertyCompanyId?: number;

  @ApiProperty({ example: '2025-03-12' })
  @Matches(DATE, { message: '巡查日期格式应为 YYYY-MM-DD' })
  patrolledOn!: string;

  @ApiPropertyOptional({ description: '巡查人' })
  @IsOptional()
  @MaxLength(50, { message: '巡查人不能超过 50 个字' })
  @IsString({ message: '巡查人必须是文本' })
  inspector?: string;

  @ApiProperty({ enum: PatrolResult, description: 'no_issues 未发现问题；issues_found 发现隐患' })
  @IsEnum(PatrolResult, { message: '巡查结果须为 no_issues（未发现问题）或 issues_found（发现隐患）' })
  result!: PatrolResult;

  @ApiPropertyOptional({ description: '发现的问题（发现隐患时必填）' })
  @IsOptional()
  @MaxLength(1000, { message: '问题描述不能超过 1000 个字' })
  @IsString({ message: '问题描述必须是文本' })
  issues?: string;

  @ApiPropertyOptional({ description: '整改完成日期' })
  @IsOptional()
  @Matches(DATE, { message: '整改完成日期格式应为 YYYY-MM-DD' })
  rectifiedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(500, { message: '整改说明不能超过 500 个字' })
  @IsString({ message: '整改说明必须是文本' })
  rectificationNote?: string;
}

export class RectifyPatrolDto {
  // Optional here so that the district scope is checked before the body (the service requires it).
  @ApiProperty({ example: '2025-03-20', description: '整改完成日期（必填）' })
  @IsOptional()
  @Matches(DATE, { message: '整改完成日期格式应为 YYYY-MM-DD' })
  rectifiedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(500, { message: '整改说明不能超过 500 个字' })
  @IsString({ message: '整改说明必须是文本' })
  note?: string;
}

export class PatrolDto {
  @ApiProperty() id!: number;
  @ApiProperty() communityId!: number;
  @ApiProperty() communityName!: string;
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty() propertyCompanyId!: number;
  @ApiProperty() propertyCompanyName!: string;
  @ApiProperty() patrolledOn!: string;
  @ApiProperty({ nullable: true, type: String }) inspector!: string | null;
  @ApiProperty({ enum: PatrolResult }) result!: PatrolResult;
  @ApiProperty({ nullable: true, type: String }) issues!: string | null;
  @ApiProperty({ nullable: true, type: String }) rectifiedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) rectificationNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedByName!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class PatrolPageDto {
  @ApiProperty({ type: [PatrolDto] }) items!: PatrolDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

// ---- ratings ----

export class RatingSettingsDto {
  @ApiProperty({
    description: '权重（基点，合计 10000）',
    example: { construction: 4000, selfUseCooperation: 2000, patrol: 2000, safetyRectification: 2000 },
  })
  @IsObject({ message: '权重须为对象' })
  weights!: Record<string, number>;

  @ApiProperty({
    description: '等级分数线（0.01 分为单位：9000 = 90.00 分），A > B > C',
    example: { A: 9000, B: 7500, C: 6000 },
  })
  @IsObject({ message: '分数线须为对象' })
  gradeThresholds!: { A: number; B: number; C: number };

  @ApiProperty({
    description: '每件属实投诉扣分（0.01 分为单位）',
    example: { confirmedObstruction: 1000, confirmedOther: 200 },
  })
  @IsObject({ message: '扣分须为对象' })
  deductions!: { confirmedObstruction: number; confirmedOther: number };

  @ApiProperty({ description: '有在用充电设施的社区每年最少巡查次数（1–366）', example: 4 })
  @IsInt({ message: '每年最少巡查次数必须是整数' })
  minPatrolsPerYear!: number;

  @ApiProperty({ description: '隐患整改期限（巡查后自然日，1–365）', example: 15 })
  @IsInt({ message: '隐患整改期限必须是整数' })
  rectificationDays!: number;
}

export class RatingListQueryDto {
  @ApiPropertyOptional({ description: '年度' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度必须是整数' })
  year?: number;
}

export class DraftRatingDto {
  @ApiProperty({ example: 2025 })
  @Max(2100, { message: '年度须为 2000 至 2100 的整数' })
  @Min(2000, { message: '年度须为 2000 至 2100 的整数' })
  @IsInt({ message: '年度必须是整数' })
  year!: number;
}

export class RatingRoundSummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: RatingRoundStatus, description: 'draft 草稿 / confirmed 已确认（冻结）' }) status!: string;
  @ApiProperty({ type: Object, description: '计算时的设置' }) settings!: Record<string, unknown>;
  @ApiProperty({ description: '计算规则（权重、等级、扣分、舍入、并列处理、评优资格）' }) rulesText!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) confirmedAt!: Date | null;
  @ApiProperty({ description: '参与评价的企业数' }) companies!: number;
  @ApiProperty({ type: Object, description: '各等级企业数', example: { A: 5, B: 20, C: 10, D: 3 } })
  gradeCounts!: Record<string, number>;
  @ApiProperty({ description: '不参评企业数' }) notRated!: number;
  @ApiProperty({ description: '取消评优评先资格的企业数' }) disqualified!: number;
}

export class RatingRowDto {
  @ApiProperty({ nullable: true, type: Number }) rank!: number | null;
  @ApiProperty() propertyCompanyId!: number;
  @ApiProperty() propertyCompanyName!: string;
  @ApiProperty({ description: '年末在管社区数' }) communities!: number;
  @ApiProperty({ nullable: true, type: String, description: '总分（百分制，2 位小数）' }) score!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A/B/C/D' }) grade!: string | null;
  @ApiProperty({ description: '具备评优评先资格' }) awardEligible!: boolean;
  @ApiProperty({ type: [Object], description: '各评分项：分子、分母、得分率、权重、加权值与说明' })
  breakdown!: unknown[];
  @ApiProperty({ type: [Object], description: '扣分明细' }) deductions!: unknown[];
  @ApiProperty({ type: [String] }) disqualificationReasons!: string[];
  @ApiProperty({ type: Object, description: '计算依据：各项计数与计入的投诉 id' }) evidence!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: '与上一名区分所依据的规则' }) orderedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class RatingRoundDto extends RatingRoundSummaryDto {
  @ApiProperty({ type: Object, description: '各评分项的计算口径' }) definitions!: Record<string, string>;
  @ApiProperty({ type: [RatingRowDto] }) rows!: RatingRowDto[];
}
