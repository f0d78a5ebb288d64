import { dataQualityRatio, UploadRecord } from './data-quality.js';
import { scoreRatio } from './composite-score.js';

/*
 * Worked example, 12-month span. 五华区's validated uploads:
 *   months 1–9: one upload each, accepted, no flag                       → 9 clean
 *   month 10:   upload rejected by validation; second upload accepted    → 1 + 1 in the denominator, 1 clean
 *   month 11:   upload accepted, one cumulative drop explained by a 备注 → clean (explained flags do not count)
 *   month 12:   first upload returned by the office; the second accepted with 2 flags nobody explained or confirmed
 *               → 2 in the denominator, 0 clean
 * (A duplicate of the month-12 file and a file still being validated are not passed in.)
 * Denominator 9 + 2 + 1 + 2 = 14; numerator 9 + 1 + 1 + 0 = 11; score round-half-up(11 × 10000 / 14)
 *   = round(7857.14) = 7857 bp = 78.57%.
 * Once the office confirms both month-12 flags, that upload is clean: 12 / 14 = 8571.43 → 8571.
 */
const clean: UploadRecord = { accepted: true, unexplainedAnomalies: 0 };
const uploads: UploadRecord[] = [
  ...Array.from({ length: 9 }, () => clean),
  { accepted: false, unexplainedAnomalies: 0 },
  clean,
  clean,
  { accepted: false, unexplainedAnomalies: 0 },
  { accepted: true, unexplainedAnomalies: 2 },
];

describe('data quality — worked example', () => {
  it('counts accepted uploads without unexplained anomalies over every validated upload', () => {
    expect(dataQualityRatio(uploads)).toEqual({ numerator: 11, denominator: 14 });
    expect(scoreRatio(dataQualityRatio(uploads)).scoreBp).toBe(7857);
  });

  it('counts the month-12 upload as clean once its flags are confirmed', () => {
    const confirmed = uploads.map((u) => ({ ...u, unexplainedAnomalies: 0 }));
    expect(dataQualityRatio(confirmed)).toEqual({ numerator: 12, denominator: 14 });
    expect(scoreRatio(dataQualityRatio(confirmed)).scoreBp).toBe(8571);
  });

  it('is not applicable without uploads', () => {
    expect(dataQualityRatio([])).toEqual({ numerator: 0, denominator: 0 });
  });
});
