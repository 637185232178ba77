/**
 * Demo data. The Beijing enterprises and their customs codes are the table in the operations manual
 * (../shared/seed, 一(五) 增加海关编码); English names, addresses and hand-signers are invented for
 * the demo. Every demo account uses DEMO_PASSWORD.
 * The manual prints most customs codes with 9 digits (its table lost a digit: customs codes have 10);
 * they are padded with a trailing 0 here. 沙洛特公司 (1100P0000) shows the office code in that
 * column, i.e. no customs code: it is the demo of manual Q5 (filing refused until a code is approved).
 */
export const DEMO_PASSWORD = "origo2026";

/**
 * The demo office accounts' second factor (TOTP key, base32), already enrolled so a newcomer can
 * add this one key to any authenticator app and sign in as any of them. Demo data only: a real
 * account gets a random key at its first sign-in.
 */
export const DEMO_TOTP_SECRET = "ORIGODEMOTOTPSECRETFORSTAFFONLY2";

// biome-ignore format: a data table, laid out by hand
export const DEMO_OFFICES = [
  { code: "1100B0", nameZh: "中国国际贸易促进委员会北京市分会", nameEn: "CCPIT BEIJING SUB-COUNCIL", placeEn: "BEIJING, CHINA", addressEn: "DEMO ADDRESS, XICHENG DISTRICT, BEIJING, CHINA", tel: "+86 10 0000 0001", fax: "+86 10 0000 0002" },
  { code: "3100B0", nameZh: "中国国际贸易促进委员会上海市分会", nameEn: "CCPIT SHANGHAI SUB-COUNCIL", placeEn: "SHANGHAI, CHINA", addressEn: "DEMO ADDRESS, HUANGPU DISTRICT, SHANGHAI, CHINA", tel: "+86 21 0000 0001", fax: "+86 21 0000 0002" },
];

// biome-ignore format: a data table, laid out by hand
export const DEMO_STAFF = [
  { login: "admin1100", role: "office_admin", officeCode: "1100B0", displayName: "北京管理员" },
  { login: "reviewer1100", role: "office_reviewer", officeCode: "1100B0", displayName: "北京审核员", signatoryLatin: "LI MING" },
  { login: "print1100", role: "print_clerk", officeCode: "1100B0", displayName: "北京打印员" },
  { login: "admin3100", role: "office_admin", officeCode: "3100B0", displayName: "上海管理员" },
  { login: "reviewer3100", role: "office_reviewer", officeCode: "3100B0", displayName: "上海审核员", signatoryLatin: "CHEN HUA" },
] as const;

type DemoEnterprise = {
  regNo: string;
  customsCode: string;
  nature: string;
  nameZh: string;
  nameEn: string;
  addressEn: string;
  signer: string;
  /** The hand-signer's name as the office records it for English certificates. */
  signerLatin: string;
  officeCode: string;
  smallMicro?: boolean;
};

const BJ = "1100B0";
// biome-ignore format: a data table, laid out by hand
export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  { regNo: "1100A4419", customsCode: "1102919180", nature: "中国企业", nameZh: "北京拓邦投资有限公司", nameEn: "BEIJING TUOBANG INVESTMENT CO., LTD.", addressEn: "NO.1 JIANGUOMENWAI AVENUE, CHAOYANG DISTRICT, BEIJING, CHINA", signer: "张三", signerLatin: "ZHANG SAN", officeCode: BJ },
  { regNo: "1100A4420", customsCode: "1105919190", nature: "中国企业", nameZh: "中信金属有限公司", nameEn: "CITIC METAL CO., LTD.", addressEn: "NO.6 XINYUAN SOUTH ROAD, CHAOYANG DISTRICT, BEIJING, CHINA", signer: "李四", signerLatin: "LI SI", officeCode: BJ },
  { regNo: "1100A4417", customsCode: "1105909130", nature: "中国企业", nameZh: "北京中德汇投资有限公司", nameEn: "BEIJING ZHONGDEHUI INVESTMENT CO., LTD.", addressEn: "NO.18 FINANCIAL STREET, XICHENG DISTRICT, BEIJING, CHINA", signer: "王五", signerLatin: "WANG WU", officeCode: BJ },
  { regNo: "1100A4418", customsCode: "1105923970", nature: "中国企业", nameZh: "北京市大蓝洋行有限公司", nameEn: "BEIJING DALAN TRADING CO., LTD.", addressEn: "NO.9 DONGZHIMEN SOUTH STREET, DONGCHENG DISTRICT, BEIJING, CHINA", signer: "赵六", signerLatin: "ZHAO LIU", officeCode: BJ, smallMicro: true },
  { regNo: "1100A4415", customsCode: "1105934570", nature: "中国企业", nameZh: "泰文特(北京)工程技术有限公司", nameEn: "TAIWENTE (BEIJING) ENGINEERING TECHNOLOGY CO., LTD.", addressEn: "NO.3 KEXUEYUAN SOUTH ROAD, HAIDIAN DISTRICT, BEIJING, CHINA", signer: "孙七", signerLatin: "SUN QI", officeCode: BJ },
  { regNo: "1100A4416", customsCode: "1113961157", nature: "中国企业", nameZh: "北京华冠利电线电缆有限公司", nameEn: "BEIJING HUAGUANLI WIRE AND CABLE CO., LTD.", addressEn: "NO.12 YONGCHANG NORTH ROAD, DAXING DISTRICT, BEIJING, CHINA", signer: "周八", signerLatin: "ZHOU BA", officeCode: BJ, smallMicro: true },
  { regNo: "1100A4414", customsCode: "1105903080", nature: "中国企业", nameZh: "北京冠博利实业有限公司", nameEn: "BEIJING GUANBOLI INDUSTRIAL CO., LTD.", addressEn: "NO.5 JINGHAI 3RD ROAD, DAXING DISTRICT, BEIJING, CHINA", signer: "吴九", signerLatin: "WU JIU", officeCode: BJ },
  { regNo: "1100A4413", customsCode: "1129609050", nature: "中国企业", nameZh: "北京冠博利电子科技有限公司", nameEn: "BEIJING GUANBOLI ELECTRONIC TECHNOLOGY CO., LTD.", addressEn: "NO.5 JINGHAI 3RD ROAD, DAXING DISTRICT, BEIJING, CHINA", signer: "郑十", signerLatin: "ZHENG SHI", officeCode: BJ },
  { regNo: "1100A4412", customsCode: "1108919405", nature: "中国企业", nameZh: "三峡国际股份有限公司", nameEn: "THREE GORGES INTERNATIONAL CORPORATION", addressEn: "NO.1 YUYUANTAN SOUTH ROAD, HAIDIAN DISTRICT, BEIJING, CHINA", signer: "陈一", signerLatin: "CHEN YI", officeCode: BJ },
  { regNo: "1100A4411", customsCode: "1108908320", nature: "中国企业", nameZh: "北京京鹏威科技发展有限公司", nameEn: "BEIJING JINGPENGWEI TECHNOLOGY DEVELOPMENT CO., LTD.", addressEn: "NO.8 SHANGDI INFORMATION ROAD, HAIDIAN DISTRICT, BEIJING, CHINA", signer: "刘二", signerLatin: "LIU ER", officeCode: BJ, smallMicro: true },
  { regNo: "1100P0000", customsCode: "", nature: "贸易企业", nameZh: "沙洛特公司", nameEn: "SHALUOTE COMPANY", addressEn: "NO.2 CHAOYANGMENWAI STREET, CHAOYANG DISTRICT, BEIJING, CHINA", signer: "杨三", signerLatin: "YANG SAN", officeCode: BJ },
  { regNo: "1100A4408", customsCode: "1108903400", nature: "中国企业", nameZh: "北京中至生物科技发展有限公司", nameEn: "BEIJING ZHONGZHI BIOTECHNOLOGY DEVELOPMENT CO., LTD.", addressEn: "NO.29 LIFE SCIENCE PARK ROAD, CHANGPING DISTRICT, BEIJING, CHINA", signer: "黄四", signerLatin: "HUANG SI", officeCode: BJ },
  { regNo: "3100A0001", customsCode: "3101900001", nature: "中国企业", nameZh: "上海示范进出口有限公司", nameEn: "SHANGHAI SHIFAN IMPORT AND EXPORT CO., LTD.", addressEn: "NO.100 CENTURY AVENUE, PUDONG NEW AREA, SHANGHAI, CHINA", signer: "钱五", signerLatin: "QIAN WU", officeCode: "3100B0" },
];
