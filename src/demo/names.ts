/** Xiangtan County's 17 townships (real names); everything below them in the demo is fictional. */
export const XIANGTAN_TOWNSHIPS = [
  '易俗河镇',
  '谭家山镇',
  '中路铺镇',
  '茶恩寺镇',
  '河口镇',
  '射埠镇',
  '花石镇',
  '青山桥镇',
  '石鼓镇',
  '云湖桥镇',
  '石潭镇',
  '杨嘉桥镇',
  '乌石镇',
  '白石镇',
  '梅林桥镇',
  '分水乡',
  '排头乡',
] as const;

export const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国德明春梅冬生福来桂香海燕文斌志强金凤淑珍荣'.split(
    '',
  );
export const VILLAGE_WORDS =
  '新塘 石桥 长冲 枫树 花园 荷叶 白果 青龙 黄泥 大塘 竹山 杉木 松柏 金星 红旗 联合 双江 和平 团结 光明 胜利 向阳 永兴 福田 丰收 茶园 桃源 梅花 柳塘 古井'.split(
    ' ',
  );
export const ORG_WORDS =
  '阳光 爱心 同心 春晖 暖阳 莲乡 湘莲 众善 仁和 善行 守望 夕阳红 邻里 明德 益众 康乐 惠民 安康 助老 心连心 彩虹 红烛 晨曦 温馨'.split(
    ' ',
  );
export const ORG_SUFFIX = ['社会工作服务中心', '志愿者协会', '公益服务中心', '养老服务中心', '社工服务社'];
