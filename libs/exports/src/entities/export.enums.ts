/** What can be exported (issue 5 §2–3); each kind has one builder (builders/*.export.ts). */
export enum ExportKind {
  /** 全市月度汇总表: one row per district from the month's snapshots under a plan, the city's row as the totals. */
  CitySummary = 'city_summary',
  /** 排名表: a published ranking (the office may export a draft). */
  Ranking = 'ranking',
  /** 原始数据: every community and facility row of the month's accepted versions (streamed). */
  RawData = 'raw_data',
  /** 月度通报: ranking with change, 正常/预警/滞后, late and missing reports, and the extension sections. */
  Bulletin = 'bulletin',
  /** 补贴清单 of a subsidy round (libs/subsidy): office only. */
  SubsidyList = 'subsidy_list',
  /** 物业服务企业评级 of a rating round (libs/rating). */
  PropertyRatings = 'property_ratings',
}

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  [ExportKind.CitySummary]: '全市月度汇总表',
  [ExportKind.Ranking]: '排名表',
  [ExportKind.RawData]: '原始数据',
  [ExportKind.Bulletin]: '月度通报',
  [ExportKind.SubsidyList]: '补贴清单',
  [ExportKind.PropertyRatings]: '物业服务企业评级',
};

export enum ExportStatus {
  /** Recorded; handed (or about to be handed again by the relay) to the queue. */
  Queued = 'queued',
  Running = 'running',
  /** The whole file is stored; it can be downloaded. */
  Done = 'done',
  /** Nothing is stored: the chunks of a failed run are deleted with the failure. */
  Failed = 'failed',
}
