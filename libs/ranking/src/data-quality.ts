import { Ratio } from './composite-score.js';

/** One upload of a district within the ranking span, as the data-quality metric sees it. */
export interface UploadRecord {
  /** It became a version and the office accepted that version (an accepted version was never returned). */
  accepted: boolean;
  /** Anomaly flags on that version neither explained in the file nor confirmed by the office. */
  unexplainedAnomalies: number;
}

export const DATA_QUALITY_RULE_ZH =
  '数据质量 = 审核通过且没有未说明、未经核实的数据异常标记的上传数 ÷ 统计期内已完成校验的上传数（未通过校验、被退回、被替代的都计入分母；与此前完全相同的重复文件、尚在校验的文件不计）。';

/**
 * SPEC "Definitions": data quality = uploads accepted without being returned / all uploads submitted, over the span.
 * Issue 4 §8 counts anomalies in: an accepted upload whose version carries an unexplained, unconfirmed flag is not
 * clean, so it leaves the numerator (it stays in the denominator). The caller passes validated uploads only: a
 * duplicate created nothing, and one still being validated has no outcome yet.
 */
export function dataQualityRatio(uploads: readonly UploadRecord[]): Ratio {
  return {
    numerator: uploads.filter((u) => u.accepted && u.unexplainedAnomalies === 0).length,
    denominator: uploads.length,
  };
}
