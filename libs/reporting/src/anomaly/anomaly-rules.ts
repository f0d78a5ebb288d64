import { addMonths } from '@app/core';
import { AnomalySettings } from './anomaly-settings.js';
import {
  ANOMALY_METRIC_LABELS,
  AnomalyKind,
  AnomalyMetric,
  AnomalySubject,
  DISTRICT_METRICS,
  DistrictMetric,
  PEER_RATIOS,
  PeerRatio,
} from './anomaly.enums.js';

/**
 * A district's cumulative figures at a month's end, as the snapshots define them (SPEC "Definitions"): kW as a
 * decimal string with 3 places, the rest whole numbers.
 */
export interface DistrictTotals {
  publicPiles: number;
  publicKw: string;
  builtPublicFacilities: number;
  coveredEligible: number;
  coveredIneligible: number;
}

/** A text the district wrote that bears on a flag: a 备注, a retirement reason, an ineligibility reason. */
export interface DistrictRemark {
  /** Where it is, the way a clerk finds it: '充电设施 第 5 行（F530102-000001）'. */
  source: string;
  text: string;
}

/** What a detector found; the service stores it as an anomaly_flag of the version. */
export interface AnomalyFinding {
  kind: AnomalyKind;
  subject: AnomalySubject;
  /** District code or facility code. */
  subjectCode: string;
  subjectName: string;
  metric: AnomalyMetric;
  /** The figure compared with (last accepted value; null when there is none, e.g. a peer comparison). */
  previousValue: string | null;
  /** The figure in this report (for a jump: this month's increase; for a peer outlier: the ratio). */
  currentValue: string;
  /** The limit crossed, in the figure's unit. */
  threshold: string | null;
  /** The statistic behind the flag, for a reviewer to recompute. */
  figures: Record<string, unknown>;
  /** One sentence in Chinese. */
  explanation: string;
  remarks: DistrictRemark[];
  /** The district explained it in the file (every row behind it carries a remark or reason). */
  explained: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// robust statistics

/** Median; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** 0.6745 = the 75th percentile of the standard normal: makes the MAD comparable with a standard deviation. */
export const MODIFIED_Z_FACTOR = 0.6745;

/** Iglewicz and Hoaglin's modified z-score: 0.6745 × (x − median) / MAD. */
export function modifiedZ(value: number, med: number, mad: number): number {
  return (MODIFIED_Z_FACTOR * (value - med)) / mad;
}

/** The value at which the modified z-score reaches `z`: median + z × MAD / 0.6745. */
export function valueAtModifiedZ(z: number, med: number, mad: number): number {
  return med + (z * mad) / MODIFIED_Z_FACTOR;
}

/** Half away from zero, to `places` decimals, as text: 20.575 → '20.58', -1.005 → '-1.01' (display only). */
export function formatFixed(value: number, places: number): string {
  const factor = 10 ** places;
  const scaled = Math.round(Math.abs(value) * factor + 1e-9);
  const sign = value < 0 && scaled !== 0 ? '-' : '';
  const whole = Math.floor(scaled / factor);
  const fraction = places > 0 ? `.${String(scaled % factor).padStart(places, '0')}` : '';
  return `${sign}${whole}${fraction}`;
}

// ---------------------------------------------------------------------------------------------------------------
// figures

const KW_PLACES = 3;

function metricValue(totals: DistrictTotals, metric: DistrictMetric): number {
  return metric === AnomalyMetric.PublicKw ? Number(totals.publicKw) : totals[metric];
}

function formatMetric(metric: AnomalyMetric, value: number): string {
  return metric === AnomalyMetric.PublicKw || metric === AnomalyMetric.TotalKw
    ? formatFixed(value, KW_PLACES)
    : formatFixed(value, 0);
}

const UNIT: Partial<Record<AnomalyMetric, string>> = {
  [AnomalyMetric.PublicPiles]: ' 个',
  [AnomalyMetric.PublicKw]: ' kW',
  [AnomalyMetric.BuiltPublicFacilities]: ' 个',
  [AnomalyMetric.CoveredEligible]: ' 个',
  [AnomalyMetric.AcPiles]: ' 个',
  [AnomalyMetric.DcPiles]: ' 个',
  [AnomalyMetric.TotalKw]: ' kW',
};

function withUnit(metric: AnomalyMetric, text: string): string {
  return `${text}${UNIT[metric] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// (a) cumulative drops

/** A facility as the register holds it (last accepted) or as the report states it. */
export interface FacilityState {
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  usage: string;
  acceptedOn: string | null;
  retiredOn: string | null;
}

/** A facility row of the report next to the register's values. */
export interface FacilityComparison {
  code: string;
  name: string | null;
  rowNumber: number;
  accepted: FacilityState;
  reported: FacilityState;
  remark: string | null;
  retiredReason: string | null;
}

/** A community row of the report next to the register at the period's end. */
export interface CommunityComparison {
  code: string;
  name: string;
  rowNumber: number;
  remark: string | null;
  ineligibleReason: string | null;
  /** null: no eligibility recorded yet. */
  acceptedEligible: boolean | null;
  reportedEligible: boolean;
  acceptedNearbyFacility: string | null;
  reportedNearbyFacility: string | null;
}

/** A row of the report that lowers a district total, with the text the district gave (null: none). */
export interface LoweringRow {
  source: string;
  /** Facility rows lower piles, kW, built facilities and coverage; community rows lower coverage only. */
  lowers: 'facility' | 'community';
  text: string | null;
}

export interface DropInput {
  district: { code: string; name: string };
  /** The district's figures at the period's end from the register as last accepted; null when it has none. */
  accepted: DistrictTotals | null;
  /** The same figures with this report applied; null when they could not be computed. */
  reported: DistrictTotals | null;
  facilities: readonly FacilityComparison[];
  communities: readonly CommunityComparison[];
}

const PUBLIC = 'public';

/**
 * The rows that lower a district total: a facility whose piles or kW fell, that retires in this report, that stops
 * being public or loses its acceptance date; a community that turns ineligible or loses the nearby link it had.
 */
export function loweringRows(
  facilities: readonly FacilityComparison[],
  communities: readonly CommunityComparison[],
): LoweringRow[] {
  const rows: LoweringRow[] = [];
  for (const f of facilities) {
    const retires = f.reported.retiredOn !== null && f.accepted.retiredOn === null;
    const lowers =
      f.reported.acPiles < f.accepted.acPiles ||
      f.reported.dcPiles < f.accepted.dcPiles ||
      Number(f.reported.totalKw) < Number(f.accepted.totalKw) ||
      retires ||
      (f.accepted.usage === PUBLIC && f.reported.usage !== PUBLIC) ||
      (f.accepted.acceptedOn !== null && f.reported.acceptedOn === null);
    if (lowers) {
      rows.push({
        source: facilitySource(f),
        lowers: 'facility',
        text: textOf(f.remark) ?? (retires ? textOf(f.retiredReason) : null),
      });
    }
  }
  for (const c of communities) {
    const turnsIneligible = c.acceptedEligible === true && !c.reportedEligible;
    const losesLink = c.acceptedNearbyFacility !== null && c.reportedNearbyFacility !== c.acceptedNearbyFacility;
    if (turnsIneligible || losesLink) {
      rows.push({
        source: `社区 第 ${c.rowNumber} 行（${c.name}）`,
        lowers: 'community',
        text: textOf(c.remark) ?? (turnsIneligible ? textOf(c.ineligibleReason) : null),
      });
    }
  }
  return rows;
}

function facilitySource(f: FacilityComparison): string {
  return `充电设施 第 ${f.rowNumber} 行（${f.code}）`;
}

function textOf(text: string | null): string | null {
  return text && text.trim() ? text.trim() : null;
}

const FACILITY_METRICS = [AnomalyMetric.AcPiles, AnomalyMetric.DcPiles, AnomalyMetric.TotalKw] as const;

/**
 * Issue 4 §8 (a), and the rule of issue 3 §3 that cumulative figures may not fall without a reason: a report that
 * passed validation may still lower a figure with a 备注. Every such drop is flagged so the office sees it on review,
 * with the remark. A facility's drop is explained by its row's remark; a district total's drop is explained when
 * every row that lowers it carries a remark or reason (and there is such a row).
 */
export function detectCumulativeDrops(input: DropInput): AnomalyFinding[] {
  const findings: AnomalyFinding[] = [];
  for (const facility of input.facilities) {
    for (const metric of FACILITY_METRICS) {
      const before = metric === AnomalyMetric.TotalKw ? Number(facility.accepted.totalKw) : facility.accepted[metric];
      const after = metric === AnomalyMetric.TotalKw ? Number(facility.reported.totalKw) : facility.reported[metric];
      if (!(after < before)) continue;
      const remark = textOf(facility.remark);
      const remarks = remark ? [{ source: facilitySource(facility), text: remark }] : [];
      const label = ANOMALY_METRIC_LABELS[metric];
      findings.push({
        kind: AnomalyKind.CumulativeDrop,
        subject: AnomalySubject.Facility,
        subjectCode: facility.code,
        subjectName: facility.name ?? facility.code,
        metric,
        previousValue: formatMetric(metric, before),
        currentValue: formatMetric(metric, after),
        threshold: null,
        figures: { accepted: before, reported: after, change: round3(after - before) },
        explanation:
          `设施 ${facility.code} 的${label}由上次审核通过的 ${withUnit(metric, formatMetric(metric, before))}` +
          `降为 ${withUnit(metric, formatMetric(metric, after))}` +
          (remark ? `，备注：${remark}` : '，未填写备注'),
        remarks,
        explained: remarks.length > 0,
      });
    }
  }
  if (input.accepted && input.reported) {
    const lowering = loweringRows(input.facilities, input.communities);
    for (const metric of DISTRICT_METRICS) {
      const before = metricValue(input.accepted, metric);
      const after = metricValue(input.reported, metric);
      if (!(after < before)) continue;
      const related = lowering.filter((row) => metric === AnomalyMetric.CoveredEligible || row.lowers === 'facility');
      const remarks = related.flatMap((row) => (row.text ? [{ source: row.source, text: row.text }] : []));
      const explained = related.length > 0 && remarks.length === related.length;
      const label = ANOMALY_METRIC_LABELS[metric];
      findings.push({
        kind: AnomalyKind.CumulativeDrop,
        subject: AnomalySubject.District,
        subjectCode: input.district.code,
        subjectName: input.district.name,
        metric,
        previousValue: formatMetric(metric, before),
        currentValue: formatMetric(metric, after),
        threshold: null,
        figures: { accepted: before, reported: after, change: round3(after - before), rowsLowering: related.length },
        explanation:
          `${input.district.name}的${label}由上次审核通过的 ${withUnit(metric, formatMetric(metric, before))}` +
          `降为 ${withUnit(metric, formatMetric(metric, after))}` +
          (related.length === 0
            ? '，报表中没有可解释下降的行'
            : explained
              ? `，涉及 ${related.length} 行，均已说明原因`
              : `，涉及 ${related.length} 行，其中 ${related.length - remarks.length} 行未说明原因`),
        remarks,
        explained,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// (b) month jumps against the district's own history

export interface JumpInput {
  district: { code: string; name: string };
  /** The month reported, 'YYYY-MM'. */
  month: string;
  /** Month-end figures of the months before it, oldest first (gaps allowed: only consecutive months give an increase). */
  history: readonly { month: string; totals: DistrictTotals }[];
  /** This month's figures with the report applied. */
  reported: DistrictTotals;
}

/**
 * Issue 4 §8 (b). For each cumulative figure: this month's increase d = reported − last month's end; the district's
 * monthly increases over the last `historyMonths` months x₁…xₙ (n ≥ `minHistoryMonths`, else not assessed);
 * flagged when d > 0 and the modified z-score 0.6745 × (d − median(x)) / max(MAD(x), minMad) exceeds `threshold`.
 * Drops are (a)'s business, so only increases are judged here.
 */
export function detectMonthJumps(input: JumpInput, settings: AnomalySettings['jump']): AnomalyFinding[] {
  const previous = addMonths(input.month, -1);
  const byMonth = new Map(input.history.map((h) => [h.month, h.totals]));
  const last = byMonth.get(previous);
  if (!last) return [];
  const findings: AnomalyFinding[] = [];
  for (const metric of DISTRICT_METRICS) {
    const increases: number[] = [];
    for (let back = 1; back <= settings.historyMonths; back += 1) {
      const end = byMonth.get(addMonths(input.month, -back));
      const start = byMonth.get(addMonths(input.month, -back - 1));
      if (end && start) increases.push(round3(metricValue(end, metric) - metricValue(start, metric)));
    }
    if (increases.length < settings.minHistoryMonths) continue;
    const increase = round3(metricValue(input.reported, metric) - metricValue(last, metric));
    if (increase <= 0) continue;
    const med = median(increases);
    const mad = medianAbsoluteDeviation(increases);
    const madUsed = Math.max(mad, settings.minMad[metric]);
    const z = modifiedZ(increase, med, madUsed);
    if (!(z > settings.threshold)) continue;
    const limit = valueAtModifiedZ(settings.threshold, med, madUsed);
    const label = ANOMALY_METRIC_LABELS[metric];
    const fmt = (v: number) => (metric === AnomalyMetric.PublicKw ? formatFixed(v, KW_PLACES) : formatFixed(v, 2));
    findings.push({
      kind: AnomalyKind.MonthJump,
      subject: AnomalySubject.District,
      subjectCode: input.district.code,
      subjectName: input.district.name,
      metric,
      previousValue: formatMetric(metric, metricValue(last, metric)),
      currentValue: formatMetric(metric, increase),
      threshold: fmt(limit),
      figures: {
        increase,
        history: increases,
        median: med,
        mad,
        madUsed,
        modifiedZ: Number(formatFixed(z, 2)),
        threshold: settings.threshold,
        limit: Number(fmt(limit)),
      },
      explanation:
        `${input.district.name}本月${label}增加 ${withUnit(metric, formatMetric(metric, increase))}，` +
        `远高于本区县近 ${increases.length} 个月的月增量（中位数 ${fmt(med)}，MAD ${fmt(madUsed)}，` +
        `修正 Z 值 ${formatFixed(z, 2)} > ${settings.threshold}，即超过 ${withUnit(metric, fmt(limit))}）`,
      remarks: [],
      explained: false,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// (c) peers

export interface PeerInput {
  /** The district with the report applied. */
  district: { code: string; name: string; totals: DistrictTotals };
  /** The other districts of the same city, at the same month's end. */
  peers: readonly { code: string; totals: DistrictTotals }[];
}

/** kW per public pile, and public piles per covered community (eligible or not); null when the denominator is 0. */
export function peerRatio(totals: DistrictTotals, ratio: PeerRatio): number | null {
  if (ratio === AnomalyMetric.KwPerPublicPile) {
    return totals.publicPiles > 0 ? Number(totals.publicKw) / totals.publicPiles : null;
  }
  const covered = totals.coveredEligible + totals.coveredIneligible;
  return covered > 0 ? totals.publicPiles / covered : null;
}

/**
 * Issue 4 §8 (c). For each ratio: the peers' values (other districts of the city with a non-zero denominator, at
 * least `minPeers`), their median and MAD; flagged when |0.6745 × (x − median) / max(MAD, minRelativeMad × median)|
 * exceeds `threshold`, in either direction.
 */
export function detectPeerOutliers(input: PeerInput, settings: AnomalySettings['peer']): AnomalyFinding[] {
  const findings: AnomalyFinding[] = [];
  for (const ratio of PEER_RATIOS) {
    const value = peerRatio(input.district.totals, ratio);
    if (value === null) continue;
    const peers = input.peers.flatMap((p) => {
      const r = peerRatio(p.totals, ratio);
      return r === null ? [] : [r];
    });
    if (peers.length < settings.minPeers) continue;
    const med = median(peers);
    const mad = medianAbsoluteDeviation(peers);
    const madUsed = Math.max(mad, settings.minRelativeMad * Math.abs(med));
    if (madUsed === 0) continue;
    const z = modifiedZ(value, med, madUsed);
    if (!(Math.abs(z) > settings.threshold)) continue;
    const low = valueAtModifiedZ(-settings.threshold, med, madUsed);
    const high = valueAtModifiedZ(settings.threshold, med, madUsed);
    const label = ANOMALY_METRIC_LABELS[ratio];
    findings.push({
      kind: AnomalyKind.PeerOutlier,
      subject: AnomalySubject.District,
      subjectCode: input.district.code,
      subjectName: input.district.name,
      metric: ratio,
      previousValue: null,
      currentValue: formatFixed(value, 2),
      threshold: formatFixed(z > 0 ? high : low, 2),
      figures: {
        value: Number(formatFixed(value, 4)),
        peers: peers.length,
        median: Number(formatFixed(med, 4)),
        mad: Number(formatFixed(mad, 4)),
        madUsed: Number(formatFixed(madUsed, 4)),
        modifiedZ: Number(formatFixed(z, 2)),
        threshold: settings.threshold,
        range: [Number(formatFixed(low, 2)), Number(formatFixed(high, 2))],
      },
      explanation:
        `${input.district.name}的${label}为 ${formatFixed(value, 2)}，` +
        `同城其他 ${peers.length} 个区县的中位数为 ${formatFixed(med, 2)}（正常范围 ${formatFixed(low, 2)}–${formatFixed(high, 2)}，` +
        `修正 Z 值 ${formatFixed(z, 2)}），${z > 0 ? '明显偏高' : '明显偏低'}`,
      remarks: [],
      explained: false,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------

export interface AnomalyInput {
  drops: DropInput;
  /** Absent when the reported figures could not be computed. */
  jumps: JumpInput | null;
  peers: PeerInput | null;
}

/** Every finding for one report, drops first, then jumps, then peer outliers. */
export function detectAnomalies(input: AnomalyInput, settings: AnomalySettings): AnomalyFinding[] {
  return [
    ...detectCumulativeDrops(input.drops),
    ...(input.jumps ? detectMonthJumps(input.jumps, settings.jump) : []),
    ...(input.peers ? detectPeerOutliers(input.peers, settings.peer) : []),
  ];
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
