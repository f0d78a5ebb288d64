import { download, request } from './http';

export type ReportState = 'not_submitted' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';
export type UploadStatus = 'received' | 'queued' | 'processing' | 'accepted' | 'rejected' | 'duplicate';
export type VersionState = 'submitted' | 'accepted' | 'returned' | 'superseded';

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  not_submitted: '未报送',
  submitted: '已报送',
  returned: '已退回',
  resubmitted: '已重新报送',
  accepted: '已审核通过',
};

export const UPLOAD_STATUS_LABELS: Record<UploadStatus, string> = {
  received: '已接收',
  queued: '排队校验',
  processing: '正在校验',
  accepted: '校验通过',
  rejected: '校验未通过',
  duplicate: '重复文件',
};

export const VERSION_STATE_LABELS: Record<VersionState, string> = {
  submitted: '待审核',
  accepted: '已通过',
  returned: '已退回',
  superseded: '已被新版本替代',
};

export interface UploadReceipt {
  uploadId: string;
  jobId: string;
  status: UploadStatus;
  duplicate: boolean;
}

export interface ReportErrorItem {
  sheet: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export interface UploadSummary {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  receivedAt: string;
  uploadedBy: string;
  status: UploadStatus;
  errorCount: number;
  versionId: number | null;
  processedAt: string | null;
}

export interface UploadView extends UploadSummary {
  errors: ReportErrorItem[] | null;
  progress: { percent: number; message?: string } | null;
}

export interface VersionView {
  id: number;
  versionNo: number;
  uploadId: string;
  submittedAt: string;
  submittedBy: string;
  onTime: boolean;
  state: VersionState;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  communityRowCount: number;
  facilityRowCount: number;
}

export interface ReportView {
  reportId: number;
  month: string;
  districtId: number;
  districtName: string;
  deadlineAt: string;
  state: ReportState;
  overdue: boolean;
  versions: VersionView[];
  uploads: UploadSummary[];
}

export interface DistrictStatus {
  districtId: number;
  districtCode: string;
  districtName: string;
  reportId: number;
  state: ReportState;
  overdue: boolean;
  versionCount: number;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  acceptedAt: string | null;
  late: boolean;
  lastRejectedErrorCount: number | null;
  processing: boolean;
  /** Anomaly flags of the latest version, and those neither explained by the district nor confirmed. */
  anomalyCount: number;
  unexplainedAnomalyCount: number;
}

export interface StatusBoard {
  month: string;
  deadlineAt: string;
  secondsToDeadline: number;
  districts: DistrictStatus[];
  totals: Record<ReportState | 'late' | 'overdue', number>;
}

export interface ReviewResult {
  versionId: number;
  state: VersionState;
  reportState: ReportState;
  aggregationJobId?: string;
}

export const reportingApi = {
  board: (month: string) => request<StatusBoard>('GET', `/periods/${month}/status`),
  report: (month: string, districtId: number) =>
    request<ReportView>('GET', `/periods/${month}/districts/${districtId}/report`),
  upload: (month: string, districtId: number, file: File, onUploadProgress: (percent: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<UploadReceipt>('POST', `/periods/${month}/districts/${districtId}/uploads`, {
      form,
      onUploadProgress,
    });
  },
  uploadStatus: (id: string) => request<UploadView>('GET', `/uploads/${id}`),
  downloadTemplate: (month: string, districtId: number) =>
    download(`/periods/${month}/districts/${districtId}/template`, `填报模板-${month}.xlsx`),
  downloadVersion: (id: number) => download(`/versions/${id}/file`, `报表-版本${id}.xlsx`),
  accept: (versionId: number) => request<ReviewResult>('POST', `/versions/${versionId}/accept`),
  return: (versionId: number, comment: string) =>
    request<ReviewResult>('POST', `/versions/${versionId}/return`, { body: { comment } }),
};
