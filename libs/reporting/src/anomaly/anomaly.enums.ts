/** Issue 4 §8: what looks wrong in a submitted report, for the office's attention on review. */
export enum AnomalyKind {
  /** A cumulative figure lower than the last accepted one (even when the district gave a reason). */
  CumulativeDrop = 'cumulative_drop',
  /** This month's increase far above the district's own monthly increases. */
  MonthJump = 'month_jump',
  /** A ratio far from the other districts of the same city. */
  PeerOutlier = 'peer_outlier',
}

export const ANOMALY_KIND_LABELS: Readonly<Record<AnomalyKind, string>> = Object.freeze({
  [AnomalyKind.CumulativeDrop]: '累计数下降',
  [AnomalyKind.MonthJump]: '月增量异常',
  [AnomalyKind.PeerOutlier]: '与同城区县差异过大',
});

export enum AnomalySubject {
  District = 'district',
  Facility = 'facility',
}

/**
 * The figures flags are about. District figures are the snapshot definitions (SPEC "Definitions"): piles and kW of
 * built public facilities, built public facilities, covered eligible communities; facility figures are the row's
 * own; the two ratios compare districts with their peers.
 */
export enum AnomalyMetric {
  PublicPiles = 'publicPiles',
  PublicKw = 'publicKw',
  BuiltPublicFacilities = 'builtPublicFacilities',
  CoveredEligible = 'coveredEligible',
  AcPiles = 'acPiles',
  DcPiles = 'dcPiles',
  TotalKw = 'totalKw',
  KwPerPublicPile = 'kwPerPublicPile',
  PublicPilesPerCoveredCommunity = 'publicPilesPerCoveredCommunity',
}

export const ANOMALY_METRIC_LABELS: Readonly<Record<AnomalyMetric, string>> = Object.freeze({
  [AnomalyMetric.PublicPiles]: '公用充电桩数',
  [AnomalyMetric.PublicKw]: '公用设施总功率（kW）',
  [AnomalyMetric.BuiltPublicFacilities]: '已建成公用设施数',
  [AnomalyMetric.CoveredEligible]: '已覆盖的符合条件社区数',
  [AnomalyMetric.AcPiles]: '交流桩数',
  [AnomalyMetric.DcPiles]: '直流桩数',
  [AnomalyMetric.TotalKw]: '总功率（kW）',
  [AnomalyMetric.KwPerPublicPile]: '公用桩平均功率（kW/桩）',
  [AnomalyMetric.PublicPilesPerCoveredCommunity]: '每个已覆盖社区的公用桩数（桩/社区）',
});

/** The cumulative district figures drops and jumps look at, in this order. */
export const DISTRICT_METRICS = [
  AnomalyMetric.PublicPiles,
  AnomalyMetric.PublicKw,
  AnomalyMetric.BuiltPublicFacilities,
  AnomalyMetric.CoveredEligible,
] as const;
export type DistrictMetric = (typeof DISTRICT_METRICS)[number];

export const PEER_RATIOS = [AnomalyMetric.KwPerPublicPile, AnomalyMetric.PublicPilesPerCoveredCommunity] as const;
export type PeerRatio = (typeof PEER_RATIOS)[number];
