import type { ProgressFigures } from '../api/progress';

/** A ratio target as whole communities, rounded up (as the API's projection does: 95% of 7 is 6.65 → 7). */
export function targetCountOf(
  row: Pick<ProgressFigures, 'targetCount' | 'targetRatio' | 'eligibleCommunities'>,
): number | null {
  if (row.targetCount !== null) return row.targetCount;
  if (row.targetRatio === null) return null;
  const [whole, fraction = ''] = row.targetRatio.split('.');
  const tenThousandths = Number(whole) * 10000 + Number((fraction + '0000').slice(0, 4));
  return Math.ceil((tenThousandths * row.eligibleCommunities) / 10000);
}

export function publicPiles(row: Pick<ProgressFigures, 'publicAcPiles' | 'publicDcPiles'>): number {
  return row.publicAcPiles + row.publicDcPiles;
}
