import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ReportState, UploadStatus, VersionState } from '@app/reporting';
import { AnomalyFlagDto } from './anomaly.dto.js';

export class UploadReceiptDto {
  @ApiProperty({ description: '上传记录 id' }) uploadId!: string;
  @ApiProperty({ description: '校验任务 id' }) jobId!: string;
  @ApiProperty({ enum: UploadStatus }) status!: UploadStatus;
  @ApiProperty({ description: '与此前上传的文件完全相同（按 SHA-256 判断），未新建任何记录' }) duplicate!: boolean;
}

export class ReportErrorDto {
  @ApiProperty({ description: '工作表' }) sheet!: string;
  @ApiProperty({ nullable: true, type: Number, description: '行号' }) row!: number | null;
  @ApiProperty({ nullable: true, type: String, description: '列名' }) column!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '单元格内容' }) value!: string | null;
  @ApiProperty({ description: '错误说明' }) message!: string;
}

export class JobProgressDto {
  @ApiProperty({ description: '进度 0–100' }) percent!: number;
  @ApiPropertyOptional({ description: '当前步骤' }) message?: string;
}

export class UploadSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256' }) sha256!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ description: '上传人' }) uploadedBy!: string;
  @ApiProperty({ enum: UploadStatus }) status!: UploadStatus;
  @ApiProperty() errorCount!: number;
  @ApiProperty({ nullable: true, type: Number }) versionId!: number | null;
  @ApiProperty({ nullable: true, type: Date }) processedAt!: Date | null;
}

export class UploadViewDto extends UploadSummaryDto {
  @ApiProperty({ type: [ReportErrorDto], nullable: true, description: '全部校验错误（未通过时）' }) errors!:
    ReportErrorDto[] | null;
  @ApiProperty({ type: JobProgressDto, nullable: true, description: '校验进行中时的进度' })
  progress!: JobProgressDto | null;
}

export class VersionViewDto {
  @ApiProperty() id!: number;
  @ApiProperty({ description: '版本号' }) versionNo!: number;
  @ApiProperty() uploadId!: string;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty() submittedBy!: string;
  @ApiProperty({ description: '截止时间前提交' }) onTime!: boolean;
  @ApiProperty({ enum: VersionState }) state!: VersionState;
  @ApiProperty({ nullable: true, type: String, description: '审核意见' }) reviewComment!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) reviewedAt!: Date | null;
  @ApiProperty() communityRowCount!: number;
  @ApiProperty() facilityRowCount!: number;
  @ApiProperty({ type: [AnomalyFlagDto], description: '提交时系统标出的数据异常' }) anomalies!: AnomalyFlagDto[];
}

export class ReportViewDto {
  @ApiProperty() reportId!: number;
  @ApiProperty() month!: string;
  @ApiProperty() districtId!: number;
  @ApiProperty() districtName!: string;
  @ApiProperty() deadlineAt!: Date;
  @ApiProperty({ enum: ReportState }) state!: ReportState;
  @ApiProperty({ description: '截止时仍未报送' }) overdue!: boolean;
  @ApiProperty({ type: [VersionViewDto] }) versions!: VersionViewDto[];
  @ApiProperty({ type: [UploadSummaryDto] }) uploads!: UploadSummaryDto[];
}

export class DistrictStatusDto {
  @ApiProperty() districtId!: number;
  @ApiProperty() districtCode!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty() reportId!: number;
  @ApiProperty({ enum: ReportState }) state!: ReportState;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() versionCount!: number;
  @ApiProperty({ nullable: true, type: Date }) firstSubmittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) lastSubmittedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) acceptedAt!: Date | null;
  @ApiProperty({ description: '逾期：截止时未报送，或首次报送晚于截止时间' }) late!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '最近一次上传未通过时的错误数' }) lastRejectedErrorCount!:
    number | null;
  @ApiProperty({ description: '有文件正在校验' }) processing!: boolean;
  @ApiProperty({ description: '最新版本的数据异常标记数' }) anomalyCount!: number;
  @ApiProperty({ description: '其中既未说明原因、也未经核实的' }) unexplainedAnomalyCount!: number;
}

export class StatusTotalsDto {
  @ApiProperty() not_submitted!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() returned!: number;
  @ApiProperty() resubmitted!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() late!: number;
  @ApiProperty() overdue!: number;
}

export class StatusBoardDto {
  @ApiProperty() month!: string;
  @ApiProperty() deadlineAt!: Date;
  @ApiProperty({ description: '距截止的秒数（已过为负）' }) secondsToDeadline!: number;
  @ApiProperty({ type: [DistrictStatusDto] }) districts!: DistrictStatusDto[];
  @ApiProperty({ type: StatusTotalsDto }) totals!: StatusTotalsDto;
}

export class ReturnVersionDto {
  @ApiProperty({ description: '退回意见', example: '第 12 行充电桩数量与上月差异较大，请核实' })
  @IsString({ message: '退回意见必须是文本' })
  @MinLength(1, { message: '退回时须填写退回意见' })
  @MaxLength(1000, { message: '退回意见不能超过 1000 个字' })
  comment!: string;
}

export class RegisterSyncDto {
  @ApiProperty() eligibilityChanges!: number;
  @ApiProperty() pilotDesignations!: number;
  @ApiProperty() nearbyLinksAdded!: number;
  @ApiProperty() nearbyLinksClosed!: number;
  @ApiProperty() facilitiesUpdated!: number;
  @ApiProperty({ type: [String] }) facilitiesCreated!: string[];
}

export class ReviewResultDto {
  @ApiProperty() versionId!: number;
  @ApiProperty({ enum: VersionState }) state!: VersionState;
  @ApiProperty({ enum: ReportState }) reportState!: ReportState;
  @ApiPropertyOptional({ description: '已触发的月度汇总任务 id' }) aggregationJobId?: string;
  @ApiPropertyOptional({ type: RegisterSyncDto, description: '写入登记库的变更' }) register?: RegisterSyncDto;
}
