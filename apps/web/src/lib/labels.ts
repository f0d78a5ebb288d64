export const GARAGE_LABELS: Record<string, string> = {
  surface: '地面停车',
  underground: '地下车库',
  semi_underground: '半地下车库',
  high_rise: '高层建筑车库',
  mixed: '混合',
  none: '无车库',
};

export const USAGE_LABELS: Record<string, string> = {
  public: '公用',
  self_use: '自用',
};

export const TIER_LABELS: Record<string, string> = { A: 'A 档（试点 ≥5）', B: 'B 档（试点 ≥3）', C: 'C 档（试点 ≥1）' };
