/**
 * Word lists for the demo's invented names. Companies are fictional on purpose: the demo records obstruction
 * complaints and grid delays against them, which must not point at real firms.
 */

/** Space-separated lists keep the data compact. */
const words = (text: string): string[] => text.trim().split(/\s+/);

/** 翠湖 + 花园 → 翠湖花园 */
export const COMMUNITY_WORDS = words(`
  金色 阳光 锦绣 春晓 云景 兰亭 翡翠 碧水 香樟 紫云 星河 银海 书香 凤凰 东方
  春城 彩云 御景 康乐 嘉和 和谐 幸福 丽水 泰和 顺城 新都 金沙 银杏 梧桐 玉兰
  海棠 山茶 樱花 滨江 湖畔 怡景 朝阳 晨光 南屏 东骏 西城 华夏 世纪 时代 盛世
  万福 百合 荷塘 云岭 岭秀 润城 金鼎 金泰 馨园 雅郡 悦城 天骄 明珠 福润 瑞景
  安居 宜家 龙腾 凯旋 德馨 祥和 春江 半山 云溪 清水
`);

export const COMMUNITY_SUFFIXES = words(`
  花园 小区 苑 家园 新村 公寓 雅居 名城 嘉园 佳苑 华府 雅苑 丽景 花城 山庄
  名苑 新城 公馆 庭院 里 园 国际社区 府
`);

/** 世纪城·金源苑: sub-estates of a large development. */
export const ESTATE_SUFFIXES = ['城', '新城', '花园', '国际', '阳光城'];
export const ESTATE_PARTS = words(`
  金源苑 兰苑 玉兰苑 彩云苑 银杏苑 梧桐苑 丁香苑 海棠苑 紫薇苑 樱花苑 香樟苑 荷苑 竹苑 菊苑 梅苑
  春景苑 秋实苑 东园 西园 南园 北园 一期 二期 三期
`);

/** Work-unit housing, typical of communities in the old-community renovation plan. */
export const WORK_UNITS = words(`
  电力 供电局 铁路局 邮电 市政 纺织厂 机床厂 自来水公司 电信 农科院 地矿局 冶金 化工厂 煤机厂 五金厂
  水泥厂 粮食局 公交公司 气象局 师范学院 财贸学校 第一人民医院 中医院 印刷厂 电机厂 汽车修理厂 建工集团 烟草公司 交通局 水利局
`);
export const WORK_UNIT_SUFFIXES = ['宿舍', '职工宿舍', '家属区', '职工住宅小区', '家属院'];

export const PROPERTY_COMPANY_WORDS = words(`
  春城 滇池 金马 碧鸡 翠峰 圆通 盘江 螺峰 西园 金殿 昆华 云岭 彩云 七彩 阳光
  安居 恒泰 嘉禾 锦程 鼎盛 宏远 瑞丰 康泰 泰和 华信 联创 恒信 佳和 众邦 和美
  宜居 悦家 万家 润德 恒安 博雅 乐居 晨曦 兰亭 滇中 南屏 青云 金碧 龙泉 海埂
  呈祥 怡景 景岚 星耀 德馨 瑞景 福盛 祥云 宏图 创美 佳境 汇丰园 荣昌 广厦 金诚
`);
export const PROPERTY_COMPANY_SUFFIXES = ['物业服务有限公司', '物业管理有限公司'];

export const OPERATOR_NAMES = words(`
  云南滇能充电科技有限公司 昆明春城电旅新能源有限公司 云南绿源智慧能源有限公司 昆明云充新能源科技有限公司 云南彩云充能源服务有限公司 昆明驰电充电服务有限公司 云南易充新能源科技有限公司 昆明滇池新能源服务有限公司 云南途电智慧能源科技有限公司 昆明快驿充电科技有限公司 云南岭电新能源有限公司 昆明通衢充电设施运营有限公司
`);

export const SURNAMES = words(`
  王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡
  郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹
  彭 曾 田 董 袁 潘 蒋 蔡 余 杜 叶 苏 魏 段 普
  李 杨 张 字 者
`);
export const GIVEN_NAMES = words(`
  伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛
  明 超 秀英 霞 平 刚 华 红 建华 云 丽华 志强 晓明 春燕 海燕
  家明 文 斌 宇 浩 鑫 琳 婷 雪 梅 燕 玲 鹏 飞 波
  辉 旭 云飞 建国 丽萍 春梅 晓燕
`);
