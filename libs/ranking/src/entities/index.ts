export * from './ranking.entity.js';
export * from './ranking-row.entity.js';

import { Ranking } from './ranking.entity.js';
import { RankingRow } from './ranking-row.entity.js';

export const RANKING_ENTITIES = [Ranking, RankingRow];
