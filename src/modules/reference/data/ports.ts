/**
 * Ports known to the reference tables.
 *
 * Source: REFERENCE.md §16.2 — Chinese loading ports with UN/LOCODE and customs district (关区) code,
 * Hong Kong as a transit port, and the common discharge ports abroad (UN/LOCODE; [S88]). The Chinese
 * name of ADELAIDE is the one the operations manual shows (常见问题 6). District codes the reference
 * marks "(unverified)" carry `unverified`. Ports not listed here are still accepted on certificates;
 * the PORT_COUNTRY check only applies to ports this table knows.
 */
export type Port = {
  name: string;
  country: string;
  locode: string;
  nameZh?: string;
  /** Other spellings an exporter may type. */
  aliases?: readonly string[];
  /** Customs district (关区) code of a Chinese port. */
  district?: string;
  /** An airport rather than a seaport. */
  air?: true;
  unverified?: true;
};

export const PORTS: readonly Port[] = [
  // Mainland China (loading ports)
  { name: "DALIAN", nameZh: "大连", country: "CN", locode: "CNDLC", district: "0900", unverified: true },
  { name: "YINGKOU", nameZh: "营口", country: "CN", locode: "CNYIK" },
  { name: "BAYUQUAN", nameZh: "鲅鱼圈", country: "CN", locode: "CNBAY" },
  { name: "TIANJIN", nameZh: "天津", country: "CN", locode: "CNTSN", district: "0200" },
  { name: "XINGANG", nameZh: "新港", country: "CN", locode: "CNTXG", district: "0202", aliases: ["TIANJIN XINGANG"] },
  { name: "QINGDAO", nameZh: "青岛", country: "CN", locode: "CNTAO", district: "4200" },
  { name: "RIZHAO", nameZh: "日照", country: "CN", locode: "CNRZH" },
  { name: "YANTAI", nameZh: "烟台", country: "CN", locode: "CNYNT" },
  { name: "LIANYUNGANG", nameZh: "连云港", country: "CN", locode: "CNLYG" },
  { name: "SHANGHAI", nameZh: "上海", country: "CN", locode: "CNSHA", district: "2200" },
  { name: "NANJING", nameZh: "南京", country: "CN", locode: "CNNKG", district: "2300" },
  { name: "ZHANGJIAGANG", nameZh: "张家港", country: "CN", locode: "CNZJG" },
  { name: "NINGBO", nameZh: "宁波", country: "CN", locode: "CNNGB", district: "3100" },
  { name: "HANGZHOU", nameZh: "杭州", country: "CN", locode: "CNHGH", district: "2900", air: true },
  { name: "FUZHOU", nameZh: "福州", country: "CN", locode: "CNFOC", district: "3500" },
  { name: "XIAMEN", nameZh: "厦门", country: "CN", locode: "CNXMN", district: "3700" },
  { name: "SHANTOU", nameZh: "汕头", country: "CN", locode: "CNSWA", district: "6000", unverified: true },
  { name: "SHENZHEN", nameZh: "深圳", country: "CN", locode: "CNSZX", district: "5300" },
  { name: "YANTIAN", nameZh: "盐田", country: "CN", locode: "CNYTN", district: "5300" },
  { name: "SHEKOU", nameZh: "蛇口", country: "CN", locode: "CNSHK", district: "5300" },
  { name: "CHIWAN", nameZh: "赤湾", country: "CN", locode: "CNCWN", district: "5300" },
  { name: "GUANGZHOU", nameZh: "广州", country: "CN", locode: "CNCAN", district: "5100" },
  { name: "NANSHA", nameZh: "南沙", country: "CN", locode: "CNNSA", district: "5100" },
  { name: "HUANGPU", nameZh: "黄埔", country: "CN", locode: "CNHUA", district: "5200" },
  { name: "ZHUHAI", nameZh: "珠海", country: "CN", locode: "CNZUH", district: "5700", unverified: true },
  { name: "HAIKOU", nameZh: "海口", country: "CN", locode: "CNHAK", district: "6400", unverified: true },
  { name: "BEIJING", nameZh: "北京", country: "CN", locode: "CNBJS", district: "0100", air: true },
  { name: "WUHAN", nameZh: "武汉", country: "CN", locode: "CNWUH", district: "4700", unverified: true },
  { name: "CHONGQING", nameZh: "重庆", country: "CN", locode: "CNCKG", district: "8000", unverified: true },
  // Transit
  { name: "HONG KONG", nameZh: "香港", country: "HK", locode: "HKHKG", aliases: ["HONGKONG"] },
  // Discharge ports abroad
  { name: "ADELAIDE", nameZh: "阿得雷德", country: "AU", locode: "AUADL" },
  { name: "BRISBANE", country: "AU", locode: "AUBNE" },
  { name: "FREMANTLE", country: "AU", locode: "AUFRE" },
  { name: "MELBOURNE", country: "AU", locode: "AUMEL" },
  { name: "SYDNEY", country: "AU", locode: "AUSYD" },
  { name: "AUCKLAND", country: "NZ", locode: "NZAKL" },
  { name: "BUSAN", country: "KR", locode: "KRPUS", aliases: ["PUSAN"] },
  { name: "TOKYO", country: "JP", locode: "JPTYO" },
  { name: "SINGAPORE", country: "SG", locode: "SGSIN" },
  { name: "LAEM CHABANG", country: "TH", locode: "THLCH" },
  { name: "HAIPHONG", country: "VN", locode: "VNHPH" },
  { name: "HO CHI MINH", country: "VN", locode: "VNSGN", aliases: ["HO CHI MINH CITY"] },
  { name: "PORT KLANG", country: "MY", locode: "MYPKG" },
  { name: "JAKARTA", country: "ID", locode: "IDJKT" },
  { name: "MANILA", country: "PH", locode: "PHMNL" },
  { name: "ROTTERDAM", country: "NL", locode: "NLRTM" },
  { name: "HAMBURG", country: "DE", locode: "DEHAM" },
  { name: "VALPARAISO", country: "CL", locode: "CLVAP" },
  { name: "CALLAO", country: "PE", locode: "PECLL" },
  { name: "PUERTO LIMON", country: "CR", locode: "CRLIO" },
  { name: "KARACHI", country: "PK", locode: "PKKHI" },
  { name: "COLOMBO", country: "LK", locode: "LKCMB" },
  { name: "CHATTOGRAM", country: "BD", locode: "BDCGP", aliases: ["CHITTAGONG"] },
  { name: "NHAVA SHEVA", country: "IN", locode: "INNSA" },
];
