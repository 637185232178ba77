/**
 * Customs districts (关区) an exporter picks as 出境海关 (the manual's form shows "北京关区").
 *
 * Source: REFERENCE.md §16.2 — codes marked [S] there ([S19], [S89]) are verified; the codes it gives
 * "(unverified)" keep that mark. The remaining directly-administered districts (直属海关) are added
 * from the GACC district table as remembered, marked `unverified` and `notInReference`, because
 * refusing an exporter's real district as FORMAT would block them; correct or remove them here.
 */
export type CustomsDistrict = {
  code: string;
  nameZh: string;
  nameEn: string;
  unverified?: true;
  notInReference?: true;
};

const verified = (code: string, nameZh: string, nameEn: string): CustomsDistrict => ({ code, nameZh, nameEn });
const unverified = (code: string, nameZh: string, nameEn: string): CustomsDistrict => ({ code, nameZh, nameEn, unverified: true });
const remembered = (code: string, nameZh: string, nameEn: string): CustomsDistrict => ({
  code,
  nameZh,
  nameEn,
  unverified: true,
  notInReference: true,
});

export const CUSTOMS_DISTRICTS: readonly CustomsDistrict[] = [
  verified("0100", "北京关区", "BEIJING"),
  verified("0200", "天津关区", "TIANJIN"),
  verified("0202", "新港海关", "XINGANG"),
  remembered("0400", "石家庄关区", "SHIJIAZHUANG"),
  remembered("0500", "太原关区", "TAIYUAN"),
  remembered("0600", "满洲里关区", "MANZHOULI"),
  remembered("0700", "呼和浩特关区", "HOHHOT"),
  remembered("0800", "沈阳关区", "SHENYANG"),
  unverified("0900", "大连关区", "DALIAN"),
  remembered("1500", "长春关区", "CHANGCHUN"),
  remembered("1900", "哈尔滨关区", "HARBIN"),
  verified("2200", "上海关区", "SHANGHAI"),
  verified("2300", "南京关区", "NANJING"),
  verified("2900", "杭州关区", "HANGZHOU"),
  verified("3100", "宁波关区", "NINGBO"),
  remembered("3300", "合肥关区", "HEFEI"),
  verified("3500", "福州关区", "FUZHOU"),
  verified("3700", "厦门关区", "XIAMEN"),
  remembered("4000", "南昌关区", "NANCHANG"),
  verified("4200", "青岛关区", "QINGDAO"),
  remembered("4600", "郑州关区", "ZHENGZHOU"),
  unverified("4700", "武汉关区", "WUHAN"),
  remembered("4900", "长沙关区", "CHANGSHA"),
  verified("5100", "广州关区", "GUANGZHOU"),
  verified("5200", "黄埔关区", "HUANGPU"),
  verified("5300", "深圳关区", "SHENZHEN"),
  unverified("5700", "拱北关区", "GONGBEI"),
  unverified("6000", "汕头关区", "SHANTOU"),
  unverified("6400", "海口关区", "HAIKOU"),
  remembered("6700", "湛江关区", "ZHANJIANG"),
  remembered("6800", "江门关区", "JIANGMEN"),
  remembered("7200", "南宁关区", "NANNING"),
  remembered("7900", "成都关区", "CHENGDU"),
  unverified("8000", "重庆关区", "CHONGQING"),
  remembered("8300", "贵阳关区", "GUIYANG"),
  remembered("8600", "昆明关区", "KUNMING"),
  remembered("8800", "拉萨关区", "LHASA"),
  remembered("9000", "西安关区", "XI'AN"),
  remembered("9400", "乌鲁木齐关区", "URUMQI"),
  remembered("9500", "兰州关区", "LANZHOU"),
  remembered("9600", "银川关区", "YINCHUAN"),
  remembered("9700", "西宁关区", "XINING"),
];
