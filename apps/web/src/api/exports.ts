import { session } from '../lib/session';
import { ApiError, download, request } from './http';

export type ExportKind = 'city_summary' | 'ranking' | 'raw_data' | 'bulletin' | 'subsidy_list' | 'property_ratings';
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportRequest {
  kind: ExportKind;
  month?: string;
  planId?: number;
  rankingId?: number;
  districtId?: number;
  roundId?: number;
}

export interface ExportView {
  id: string;
  kind: ExportKind;
  kindLabel: string;
  params: Record<string, unknown>;
  requestedByName: string;
  districtId: number | null;
  status: ExportStatus;
  progressPercent: number;
  progressMessage: string | null;
  rowCount: number | null;
  fileName: string;
  sizeBytes: number | null;
  sha256: string | null;
  errorMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  downloadUrl: string | null;
}

export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = {
  queued: '排队中',
  running: '生成中',
  done: '已完成',
  failed: '失败',
};

export const exportsApi = {
  request: (body: ExportRequest) => request<ExportView>('POST', '/exports', { body }),
  list: (limit = 50) => request<ExportView[]>('GET', '/exports', { query: { limit } }),
  view: (id: string) => request<ExportView>('GET', `/exports/${id}`),
  download: (view: ExportView) => download(`/exports/${view.id}/file`, view.fileName),
};

/**
 * The bulletin's print page needs the bearer token, which a plain link cannot carry: the page is fetched with it
 * (ApexCharts inlined, so the page needs nothing more from the server) and shown from a blob URL in a new tab.
 * The tab is opened before the fetch so that the browser treats it as the click's own window.
 */
export async function openBulletinPrint(month: string, planId: number): Promise<void> {
  const tab = window.open('', '_blank');
  if (tab) tab.document.title = '正在生成月度通报……';
  let response: Response;
  try {
    response = await fetch(`/api/bulletins/${month}/print?planId=${planId}&inline=1`, {
      headers: session.token ? { authorization: `Bearer ${session.token}` } : {},
    });
  } catch {
    tab?.close();
    throw new ApiError('无法连接服务器，请检查网络后重试', 0);
  }
  if (!response.ok) {
    tab?.close();
    let message = `打开打印页失败（${response.status}）`;
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // not JSON
    }
    throw new ApiError(message, response.status);
  }
  const html = await response.text();
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  if (tab) tab.location.href = url;
  else window.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What each kind of export needs, as the request form asks for it. */
export interface ExportKindOption {
  kind: ExportKind;
  label: string;
  description: string;
  needs: ('month' | 'plan' | 'ranking' | 'district' | 'subsidyRound' | 'ratingRound')[];
}

export const EXPORT_KINDS: ExportKindOption[] = [
  {
    kind: 'city_summary',
    label: '全市月度汇总表',
    description: '各区县当月进度快照（目标、完成、覆盖率、充电桩），全市合计行',
    needs: ['month', 'plan'],
  },
  { kind: 'ranking', label: '排名表', description: '一次排名的名次、各项得分与权重', needs: ['ranking'] },
  {
    kind: 'raw_data',
    label: '原始数据',
    description: '当月已审核通过版本的全部社区与充电设施行（可按区县）',
    needs: ['month', 'district'],
  },
  {
    kind: 'bulletin',
    label: '月度通报',
    description: '排名及变化、进度预警、逾期与未报送区县',
    needs: ['month', 'plan'],
  },
  { kind: 'subsidy_list', label: '补贴清单', description: '一个补贴批次的设施明细与金额', needs: ['subsidyRound'] },
  {
    kind: 'property_ratings',
    label: '物业服务企业评级',
    description: '一个年度评价的名次、总分与等级',
    needs: ['ratingRound'],
  },
];

/** The rating rounds a property-ratings export can be made of. */
export interface RatingRoundOption {
  id: number;
  year: number;
  status: string;
}

export const exportSourcesApi = {
  ratingRounds: () => request<RatingRoundOption[]>('GET', '/ratings'),
};
