import { DistrictKind, DistrictTier, StreetKind } from '@app/org';

/** How fast a district covers its eligible communities (see PACE_CURVES). */
export enum DemoPace {
  /** Reaches full coverage before the end of 2025. */
  Fast = 'fast',
  /** Misses 2025 by a little and catches up in 2026. */
  Steady = 'steady',
  /** Clearly off track: about half covered at the end of 2025. */
  Slow = 'slow',
}

export interface DemoStreetSeed {
  name: string;
  kind: StreetKind;
}

export interface DemoDistrictSeed {
  /** 行政区划代码 (GB/T 2260) where one exists; parks have internal codes 5301A1…5301A5. */
  code: string;
  name: string;
  kind: DistrictKind;
  tier: DistrictTier;
  /** The district user's login: pinyin of the short name. */
  username: string;
  /** Display name of the district account. */
  office: string;
  /** 6-digit division code used in the credit codes of companies registered there (parks: the host county's). */
  registrationDivision: string;
  /** Approximate centre of the built-up area, WGS-84 [longitude, latitude]. */
  centre: [number, number];
  /** Spread of street centres around the centre, in degrees. */
  spread: number;
  /** Communities in the register at 2022-01-01. */
  communities: number;
  /** Share of communities in the old-community renovation plan (2019–2026). */
  oldShare: number;
  pace: DemoPace;
  /** 2022 pilots: how many the district designates, and how many of them it completes by 2022-12-31. */
  pilotsDesignated: number;
  pilotsCompletedIn2022: number;
  /** 街道 / 乡镇; real names, except where marked plausible in the comments. */
  streets: DemoStreetSeed[];
  /** Place names used in community names (金星小区, 翠湖花园 …). */
  stems: string[];
  roads: string[];
}

const street = (name: string): DemoStreetSeed => ({ name, kind: StreetKind.Street });
const town = (name: string): DemoStreetSeed => ({ name, kind: StreetKind.Town });
const words = (text: string): string[] => text.trim().split(/\s+/);
const streets = (names: string) => words(names).map((n) => (n.endsWith('街道') ? street(n) : town(n)));

export const KUNMING_CITY = {
  code: '530100',
  name: '昆明市',
  provinceCode: '530000',
  provinceName: '云南省',
} as const;

/**
 * Kunming's 14 county-level divisions and 5 development/resort parks. Tiers follow the Kunming plan §二(一)1
 * (昆新产推办〔2022〕10号): A = 五华 盘龙 西山 官渡 呈贡 (5 pilots), B = 经开区 度假区 高新区 (3), C = the rest (1).
 * Park codes are ours (5301A1 经开区, 5301A2 度假区, 5301A3 高新区, 5301A4 阳宗海风景名胜区, 5301A5 空港经济区):
 * parks have no 行政区划代码. Streets the parks administer on behalf of a county (托管) are listed under the park.
 */
export const KUNMING_DISTRICTS: DemoDistrictSeed[] = [
  {
    code: '530102',
    name: '五华区',
    kind: DistrictKind.District,
    tier: DistrictTier.A,
    username: 'wuhua',
    office: '五华区发展和改革局',
    registrationDivision: '530102',
    centre: [102.7075, 25.0435],
    spread: 0.028,
    communities: 430,
    oldShare: 0.3,
    pace: DemoPace.Fast,
    pilotsDesignated: 6,
    pilotsCompletedIn2022: 5,
    streets: streets('华山街道 护国街道 大观街道 龙翔街道 丰宁街道 莲华街道 红云街道 黑林铺街道 普吉街道 西翥街道'),
    stems: words(`
      翠湖 圆通 大观 篆塘 潘家湾 龙翔 莲华 红云 黑林铺 普吉 王家桥 虹山
      丰宁 学府 小康 昌源 滇缅 桃园 林家院 云山
    `),
    roads: words(`
      人民中路 青年路 翠湖南路 东风西路 学府路 一二一大街 龙翔街 建设路 昌源中路 红锦路 王家桥路 普吉路
      黄瓜营路 小康大道 海屯路 虹山东路
    `),
  },
  {
    code: '530103',
    name: '盘龙区',
    kind: DistrictKind.District,
    tier: DistrictTier.A,
    username: 'panlong',
    office: '盘龙区发展和改革局',
    registrationDivision: '530103',
    centre: [102.7275, 25.0725],
    spread: 0.03,
    communities: 410,
    oldShare: 0.28,
    pace: DemoPace.Fast,
    pilotsDesignated: 5,
    pilotsCompletedIn2022: 5,
    streets: streets('拓东街道 鼓楼街道 东华街道 联盟街道 金辰街道 青云街道 龙泉街道 茨坝街道 双龙街道 松华街道'),
    stems: words(`
      拓东 金星 白塔 东华 鼓楼 穿金 金辰 北辰 青云 龙泉 茨坝 桃源
      金尚 霖雨 江东 联盟 万宏 小坝 岗头 沣源
    `),
    roads: words(`
      北京路 白塔路 东风东路 穿金路 金尚路 北辰大道 龙泉路 新迎路 东华路 联盟路 沣源路 茨坝路
      世博路 霖雨路 金星路
    `),
  },
  {
    code: '530111',
    name: '官渡区',
    kind: DistrictKind.District,
    tier: DistrictTier.A,
    username: 'guandu',
    office: '官渡区发展和改革局',
    registrationDivision: '530111',
    centre: [102.7585, 25.0055],
    spread: 0.032,
    communities: 500,
    oldShare: 0.22,
    pace: DemoPace.Steady,
    pilotsDesignated: 5,
    pilotsCompletedIn2022: 4,
    streets: streets('关上街道 太和街道 吴井街道 金马街道 小板桥街道 官渡街道 矣六街道 六甲街道'),
    stems: words(`
      关上 吴井 太和 金马 小板桥 官渡 螺蛳湾 广福 福德 关兴 春城 民航
      宝海 双桥 东郊 云秀 石虎 矣六 六甲 星耀
    `),
    roads: words(`
      春城路 关平路 广福路 金马路 民航路 彩云北路 关上中路 吴井路 东郊路 宝海路 福德路 云秀路
      环城南路 双桥路
    `),
  },
  {
    code: '530112',
    name: '西山区',
    kind: DistrictKind.District,
    tier: DistrictTier.A,
    username: 'xishan',
    office: '西山区发展和改革局',
    registrationDivision: '530112',
    centre: [102.6655, 25.0215],
    spread: 0.03,
    communities: 420,
    oldShare: 0.26,
    pace: DemoPace.Steady,
    pilotsDesignated: 5,
    pilotsCompletedIn2022: 3,
    streets: streets('金碧街道 永昌街道 前卫街道 福海街道 棕树营街道 西苑街道 马街街道 碧鸡街道 海口街道 团结街道'),
    stems: words(`
      金碧 永昌 前卫 福海 棕树营 西苑 马街 碧鸡 海口 团结 日新 前兴
      眠山 船房 书林 兴苑 西华 大观楼 西园 新河
    `),
    roads: words(`
      滇池路 西昌路 前兴路 日新中路 人民西路 西园路 金碧路 前卫西路 福海路 棕树营路 马街路 碧鸡路
      兴苑路 书林街
    `),
  },
  {
    code: '530113',
    name: '东川区',
    kind: DistrictKind.District,
    tier: DistrictTier.C,
    username: 'dongchuan',
    office: '东川区发展和改革局',
    registrationDivision: '530113',
    centre: [103.1875, 26.083],
    spread: 0.02,
    communities: 60,
    oldShare: 0.3,
    pace: DemoPace.Slow,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('铜都街道 碧谷街道 汤丹镇 阿旺镇 乌龙镇 红土地镇'),
    stems: words('铜都 碧谷 汤丹 阿旺 乌龙 天南 集义 滨河 东川 深沟'),
    roads: words('铜都大道 碧谷路 天南路 集义路 滨河路 人民路 新村路'),
  },
  {
    code: '530114',
    name: '呈贡区',
    kind: DistrictKind.District,
    tier: DistrictTier.A,
    username: 'chenggong',
    office: '呈贡区发展和改革局',
    registrationDivision: '530114',
    centre: [102.8215, 24.8865],
    spread: 0.03,
    communities: 260,
    oldShare: 0.08,
    pace: DemoPace.Fast,
    pilotsDesignated: 6,
    pilotsCompletedIn2022: 6,
    streets: streets('龙城街道 乌龙街道 洛龙街道 斗南街道 吴家营街道 雨花街道'),
    stems: words(`
      龙城 洛龙 斗南 吴家营 雨花 春融 彩云 联大 锦绣 大学城 七彩 新城
      乌龙 梁王 白龙 古城
    `),
    roads: words('彩云南路 春融街 吴家营路 联大街 锦绣大道 洛龙路 斗南路 雨花路 古城路 梁王路'),
  },
  {
    code: '530115',
    name: '晋宁区',
    kind: DistrictKind.District,
    tier: DistrictTier.C,
    username: 'jinning',
    office: '晋宁区发展和改革局',
    registrationDivision: '530115',
    centre: [102.5955, 24.6695],
    spread: 0.025,
    communities: 90,
    oldShare: 0.18,
    pace: DemoPace.Steady,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('昆阳街道 宝峰街道 晋城街道 上蒜镇 六街镇 二街镇'),
    stems: words('昆阳 宝峰 晋城 郑和 月山 南滇 古滇 滇阳 上蒜 六街'),
    roads: words('郑和路 月山路 昆阳大道 宝峰路 晋城大道 南滇路 滇阳路'),
  },
  {
    code: '530124',
    name: '富民县',
    kind: DistrictKind.County,
    tier: DistrictTier.C,
    username: 'fumin',
    office: '富民县发展和改革局',
    registrationDivision: '530124',
    centre: [102.4975, 25.2215],
    spread: 0.02,
    communities: 35,
    oldShare: 0.2,
    pace: DemoPace.Slow,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('永定街道 大营街道 款庄镇 散旦镇 东村镇 赤鹫镇'),
    stems: words('永定 大营 螳川 富民 款庄 东村 河滨 凤翥'),
    roads: words('螳川路 永定路 大营路 富民大道 河滨路 环城路'),
  },
  {
    code: '530125',
    name: '宜良县',
    kind: DistrictKind.County,
    tier: DistrictTier.C,
    username: 'yiliang',
    office: '宜良县发展和改革局',
    registrationDivision: '530125',
    centre: [103.1415, 24.9195],
    spread: 0.022,
    communities: 70,
    oldShare: 0.2,
    pace: DemoPace.Steady,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('匡远街道 南羊街道 北古城镇 狗街镇 马街镇'),
    stems: words('匡远 南羊 古城 狗街 岩泉 宜良 凤鸣 汇东 金星 西浦'),
    roads: words('匡远路 岩泉路 南羊街 汇东路 宜良大道 滨河路'),
  },
  {
    code: '530126',
    name: '石林彝族自治县',
    kind: DistrictKind.County,
    tier: DistrictTier.C,
    username: 'shilin',
    office: '石林县发展和改革局',
    registrationDivision: '530126',
    centre: [103.2905, 24.7715],
    spread: 0.02,
    communities: 45,
    oldShare: 0.2,
    pace: DemoPace.Slow,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('鹿阜街道 石林街道 板桥街道 西街口镇 长湖镇 圭山镇'),
    stems: words('鹿阜 石林 板桥 西街口 长湖 圭山 巴江 阿诗玛 杏林 文笔'),
    roads: words('巴江路 鹿阜路 石林大道 文笔路 杏林路 环城路'),
  },
  {
    code: '530127',
    name: '嵩明县',
    kind: DistrictKind.County,
    tier: DistrictTier.C,
    username: 'songming',
    office: '嵩明县发展和改革局',
    registrationDivision: '530127',
    centre: [103.0365, 25.3385],
    spread: 0.025,
    communities: 70,
    oldShare: 0.15,
    pace: DemoPace.Steady,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('嵩阳街道 杨桥街道 杨林镇 小街镇 牛栏江镇'),
    stems: words('嵩阳 杨桥 杨林 小街 秀嵩 职教城 黄龙 兰茂 玉明 嵩明'),
    roads: words('秀嵩街 兰茂路 嵩阳路 杨林大道 职教路 玉明路'),
  },
  {
    code: '530128',
    name: '禄劝彝族苗族自治县',
    kind: DistrictKind.County,
    tier: DistrictTier.C,
    username: 'luquan',
    office: '禄劝县发展和改革局',
    registrationDivision: '530128',
    centre: [102.4705, 25.5515],
    spread: 0.018,
    communities: 40,
    oldShare: 0.2,
    pace: DemoPace.Slow,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 0,
    streets: streets('屏山街道 崇德街道 转龙镇 撒营盘镇 团街镇 中屏镇'),
    stems: words('屏山 崇德 转龙 撒营盘 团街 中屏 掌鸠河 绣屏 禄劝 云龙'),
    roads: words('绣屏路 屏山大道 崇德路 掌鸠河路 环城路 人民路'),
  },
  {
    code: '530129',
    name: '寻甸回族彝族自治县',
    kind: DistrictKind.County,
    tier: DistrictTier.C,
    username: 'xundian',
    office: '寻甸县发展和改革局',
    registrationDivision: '530129',
    centre: [103.2565, 25.5585],
    spread: 0.018,
    communities: 45,
    oldShare: 0.2,
    pace: DemoPace.Slow,
    pilotsDesignated: 2,
    pilotsCompletedIn2022: 1,
    streets: streets('仁德街道 塘子街道 羊街镇 柯渡镇 倘甸镇 功山镇'),
    stems: words('仁德 塘子 羊街 柯渡 倘甸 功山 凤梧 寻甸 钟灵 月溪'),
    roads: words('仁德路 凤梧路 钟灵路 月溪路 寻甸大道 塘子路'),
  },
  {
    code: '530181',
    name: '安宁市',
    kind: DistrictKind.CountyCity,
    tier: DistrictTier.C,
    username: 'anning',
    office: '安宁市发展和改革局',
    registrationDivision: '530181',
    centre: [102.4785, 24.9195],
    spread: 0.028,
    communities: 150,
    oldShare: 0.2,
    pace: DemoPace.Fast,
    pilotsDesignated: 2,
    pilotsCompletedIn2022: 2,
    streets: streets('连然街道 金方街道 太平新城街道 温泉街道 八街街道 草铺街道 县街街道 禄脿街道 青龙街道'),
    stems: words(`
      连然 金方 太平 温泉 八街 草铺 县街 禄脿 青龙 宁湖 螳螂川 大屯
      百花 玉泉 昆钢
    `),
    roads: words('百花路 大屯路 宁湖路 连然路 金方路 太平大道 温泉路 宁湖大道 昆钢大道'),
  },
  {
    code: '5301A1',
    name: '经开区',
    kind: DistrictKind.Park,
    tier: DistrictTier.B,
    username: 'jingkai',
    office: '经开区经济发展局',
    registrationDivision: '530111',
    centre: [102.8335, 24.9855],
    spread: 0.022,
    communities: 110,
    oldShare: 0.05,
    pace: DemoPace.Fast,
    pilotsDesignated: 3,
    pilotsCompletedIn2022: 3,
    streets: streets('阿拉街道 洛羊街道'),
    stems: words('阿拉 洛羊 普照 大冲 信息 经开 牛街庄 清水 王家营 鸿图'),
    roads: words('经开路 普照路 大冲路 洛羊路 阿拉路 鸿图路 经景路'),
  },
  {
    // 海埂街道 and 福保街道 are plausible names; 大渔街道 is real (administered by the resort).
    code: '5301A2',
    name: '度假区',
    kind: DistrictKind.Park,
    tier: DistrictTier.B,
    username: 'dujia',
    office: '度假区经济发展局',
    registrationDivision: '530112',
    centre: [102.6605, 24.9625],
    spread: 0.018,
    communities: 90,
    oldShare: 0.05,
    pace: DemoPace.Steady,
    pilotsDesignated: 3,
    pilotsCompletedIn2022: 2,
    streets: streets('大渔街道 海埂街道 福保街道'),
    stems: words('海埂 福保 大渔 草海 湖滨 星海 渔浦 柏联 滇池 金宝'),
    roads: words('滇池路 海埂路 环湖东路 福保路 湖滨路 大渔路 红塔西路'),
  },
  {
    // 马金铺街道 is real (administered by the zone); 科高街道 and 海源街道 are plausible names.
    code: '5301A3',
    name: '高新区',
    kind: DistrictKind.Park,
    tier: DistrictTier.B,
    username: 'gaoxin',
    office: '高新区经济发展局',
    registrationDivision: '530112',
    centre: [102.6585, 25.0695],
    spread: 0.022,
    communities: 120,
    oldShare: 0.04,
    pace: DemoPace.Fast,
    pilotsDesignated: 4,
    pilotsCompletedIn2022: 4,
    streets: streets('科高街道 海源街道 马金铺街道'),
    stems: words('科高 海源 马金铺 高新 科医 二环西 茭菱 海源北 新城 创新'),
    roads: words('科高路 海源北路 科医路 二环西路 茭菱路 马金铺路 高新大道'),
  },
  {
    code: '5301A4',
    name: '阳宗海风景名胜区',
    kind: DistrictKind.Park,
    tier: DistrictTier.C,
    username: 'yangzonghai',
    office: '阳宗海风景名胜区经济发展局',
    registrationDivision: '530125',
    centre: [102.9985, 24.9005],
    spread: 0.02,
    communities: 20,
    oldShare: 0.05,
    pace: DemoPace.Slow,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('七甸街道 汤池街道'),
    stems: words('七甸 汤池 阳宗 温泉 明湖 阳宗海 金湖 湖畔'),
    roads: words('汤池大道 阳宗海大道 七甸路 温泉路 湖滨路'),
  },
  {
    // 大板桥街道 is real (administered by the zone); 长水街道 is a plausible name.
    code: '5301A5',
    name: '空港经济区',
    kind: DistrictKind.Park,
    tier: DistrictTier.C,
    username: 'konggang',
    office: '空港经济区经济发展局',
    registrationDivision: '530111',
    centre: [102.9305, 25.1005],
    spread: 0.022,
    communities: 45,
    oldShare: 0.05,
    pace: DemoPace.Steady,
    pilotsDesignated: 1,
    pilotsCompletedIn2022: 1,
    streets: streets('大板桥街道 长水街道'),
    stems: words('大板桥 长水 空港 宝象 临空 阿地 云水 机场'),
    roads: words('空港大道 长水大道 大板桥路 临空路 宝象河路 空港一路'),
  },
];

/**
 * Share of a district's eligible communities covered by its own public facility by each date, per pace
 * (piecewise linear between the points). The Kunming plan's "一年试点、三年推广" ramp: little in 2022, most in 2024–25.
 */
export const PACE_CURVES: Record<DemoPace, [string, number][]> = {
  [DemoPace.Fast]: [
    ['2022-01-01', 0],
    ['2022-07-31', 0.01],
    ['2022-12-31', 0.05],
    ['2023-12-31', 0.3],
    ['2024-12-31', 0.66],
    ['2025-11-30', 1],
  ],
  [DemoPace.Steady]: [
    ['2022-01-01', 0],
    ['2022-07-31', 0.005],
    ['2022-12-31', 0.03],
    ['2023-12-31', 0.2],
    ['2024-12-31', 0.48],
    ['2025-12-31', 0.82],
    ['2026-12-31', 1],
  ],
  [DemoPace.Slow]: [
    ['2022-01-01', 0],
    ['2022-12-31', 0.01],
    ['2023-12-31', 0.08],
    ['2024-12-31', 0.25],
    ['2025-12-31', 0.52],
    ['2026-12-31', 0.74],
    ['2027-12-31', 0.92],
  ],
};
