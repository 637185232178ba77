/**
 * Chinese text of the certificates slice: every machine-review message and hint, in one place.
 * Messages say what is wrong with the field; hints say how to fix it. Certificate contents quoted
 * inside them stay English.
 */
import type { UnprintableChar } from "../../lib/charset.ts";

const list = (items: readonly string[]) => items.join("、");

const quoted = (chars: readonly string[]) => chars.map((c) => (c === "\u3000" ? "全角空格" : c.trim() ? `'${c}'` : "特殊空白")).join("、");
const isHan = (c: UnprintableChar) => /\p{Script=Han}/u.test(c.char);

/** In plain words, grouped by what to do: Chinese to translate, full-width to convert, the rest to delete. */
function describeChars(chars: readonly UnprintableChar[]): string {
  const chinese = chars.filter(isHan);
  const wide = chars.filter((c) => c.replacement !== null);
  const other = chars.filter((c) => c.replacement === null && !isHan(c));
  const parts: string[] = [];
  if (chinese.length) parts.push(`英文证书上不能出现中文字符：${quoted(chinese.map((c) => c.char))}`);
  if (wide.length) parts.push(`全角字符 ${quoted(wide.map((c) => c.char))} 应为半角 ${quoted(wide.map((c) => c.replacement!))}`);
  if (other.length) parts.push(`证书上无法打印的字符：${quoted(other.map((c) => c.char))}`);
  return `${parts.join("；")}。`;
}

export const M = {
  // ---- shape (400) ----
  bodyInvalid: "证书数据格式不正确，未保存。请按提示修改后重新提交。",

  // ---- CHARSET ----
  charset: describeChars,
  charsetHintFix: "证书只能打印英文半角字符。可点击“转为半角”一键替换。",
  charsetHintDelete: "请删除这些字符或改用英文。",
  charsetHintChinese: "证书只能打印英文半角字符：请删除中文字符或改用英文，其余全角字符可点击“转为半角”一键替换。",

  // ---- exporter, hand-signer, producer ----
  exporterNameRequired: "出口商名称未填写。",
  exporterNameHint: (filed: string) => (filed ? `请填写本企业备案的英文名称：${filed}` : "请填写本企业备案的英文名称。"),
  exporterMismatch: "出口商名称与本企业备案的英文名称不一致（空格、标点、全角半角也须一致）。",
  exporterAddressRequired: "出口商地址未填写。",
  exporterAddressHint: (filed: string) => (filed ? `请填写英文地址，如备案地址：${filed}` : "请填写出口商的英文详细地址。"),
  signerRequired: "未选择手签员。",
  signerHint: (active: readonly string[]) =>
    active.length ? `请选择本企业的有效手签员：${list(active)}。` : "本企业目前没有有效手签员，请联系所在贸促会办理手签员备案。",
  signerNotActive: (name: string) => `“${name}”不是本企业的有效手签员。`,
  signerNoSignature: (name: string) => `手签员“${name}”没有签字图片，无法打印印章和签字。`,
  signerNoLatinName: (name: string) => `手签员“${name}”没有登记姓名拼音，英文证书上无法打印其姓名（证书上不打印汉字）。`,
  signerNoLatinNameHint: "请联系所在贸促会在手签员信息中登记姓名拼音（如 ZHANG SAN），或选择其他手签员。",
  signerNoSignatureHint: "请联系所在贸促会上传该手签员的签字图片，或选择其他手签员，或取消打印印章。",
  producerRequired: "生产商未填写。",
  producerHint: "填写生产商名称和地址；与出口商相同填 SAME，不愿公开填 AVAILABLE TO THE AUTHORIZED BODY UPON REQUEST，不明填 UNKNOWN。",

  // ---- countries, destination, consignee ----
  countryUnknown: (code: string) => `“${code}”不是可识别的国家或地区。`,
  countryHint: "可输入中文名、英文名或两位代码（如 澳大利亚、AUSTRALIA、AU），并从列表中选择。",
  destinationRequired: "目的国/地区未填写。",
  destIsChina: "目的国不能是中国大陆。",
  destIsChinaHint: "原产地证书用于出口货物，请填写货物最终运抵的国家或地区。",
  destNotParty: (agreement: string, country: string) => `${country}不是${agreement}的进口成员方。`,
  destPartiesHint: (parties: readonly string[]) =>
    parties.length ? `该证书只能发往：${list(parties)}。请核对目的国或改选证书类型。` : "请核对目的国或改选证书类型。",
  destNotInForce: (agreement: string, country: string, from: string, today: string) =>
    `${agreement}对${country}自 ${from} 起适用，申请日期 ${today} 尚未生效。`,
  destNotInForceHint: "请在协定生效后申请，或改为申请一般原产地证书。",
  consigneeNameRequired: "收货人名称未填写。",
  consigneeNameHint: "填写最终收货人名称；信用证要求空白时可填 TO ORDER 或 TO WHOM IT MAY CONCERN。",
  consigneeAddressRequired: "收货人地址未填写。",
  consigneeAddressHint: "填写收货人的详细英文地址。",
  consigneeCountryRequired: "收货人国家/地区未填写。",
  consigneeCountry: (consignee: string, destination: string) => `收货人所在国家/地区（${consignee}）与目的国（${destination}）不一致。`,
  consigneeCountryHintFta: "优惠原产地证书的收货人须位于进口成员方，请核对收货人国家或目的国。",
  consigneeCountryHintGeneral: "请确认收货人国家无误；目的国应为货物最终运抵的国家，而非中间商所在国。",

  // ---- transport ----
  modeMissing: "运输方式未填写。",
  modeUnknown: (mode: string) => `运输方式“${mode}”无法识别。`,
  modeHint: "请选择 SEA（海运）、AIR（空运）、ROAD（公路）、RAIL（铁路）或 POST（邮运）；多式联运请在运输路线中分段写明。",
  fromCountryRequired: "起运国未填写。",
  fromCountryHint: "起运国应为 CN（中国）。",
  fromPortRequired: "起运港未填写。",
  fromPortHint: "请填写中国大陆的装货港，如 DALIAN、SHANGHAI。",
  loadingNotChina: (port: string) => `起运港“${port}”不在中国大陆。`,
  loadingHint: "装货港须在中国大陆；经香港等地转运请在“转运港”中填写。",
  routeMissing: "目的港/目的国未填写，运输路线不完整。",
  routeHint: "请填写卸货港及其国家；卸货港不明时可只填国家。",
  dischargeNotDestination: (port: string, destination: string) => `卸货港“${port}”不在目的国（${destination}）。`,
  dischargeHint: "卸货港须在目的国；经第三地转运请在“转运港”中填写，卸货港不明时可只填目的国。",
  departureDateRequired: "出运日期未填写。",
  departureDateHint: "请填写预计或实际出运日期，系统据此判断是否后补签发。",
  carrierAfterShipment: "货物已出运，运输工具须填写实际船名航次、航班号或车次。",
  carrierAlways: "该证书须填写运输工具编号（船名航次、航班号或车次）。",
  carrierHint: "不能只填 ***、BY SEA、BY AIR 或 TBA；出运前未知时可先填 ***，出运后须补充实际编号。",

  // ---- invoice and dates ----
  invoiceNumberRequired: "发票号未填写。",
  invoiceNumberHint: "请填写商业发票号。",
  invoiceDuplicate: (number: string, holder: string) => `发票号“${number}”已用于申请号为 ${holder} 的证书。`,
  invoiceDuplicateHint: "同一发票号只能用于一份有效证书。如需重新申请，请对原证书“改证重发”，或请贸促会作废原证书。",
  invoiceDateRequired: "发票日期未填写。",
  invoiceDateHint: "请填写商业发票上的日期。",
  dateInFuture: (date: string, today: string) => `发票日期 ${date} 晚于今天（${today}）。`,
  dateInFutureHint: "发票日期不能是将来的日期，请核对。",
  invoiceAfterShipment: (invoice: string, departure: string) => `发票日期 ${invoice} 晚于出运日期 ${departure}。`,
  invoiceAfterShipmentHint: "发票日期不得晚于出运日期，请核对发票日期或出运日期。",
  currencyRequired: "币种未填写。",
  currencyHint: "请填写三位大写字母的 ISO 4217 币种代码，如 USD。",
  currencyMalformed: (currency: string) => `币种“${currency}”格式不正确。`,
  retroNotAllowed: (agreement: string, departure: string, window: string) => `${agreement}不允许后补签发：货物已于 ${departure} 出运，须在${window}申请。`,
  retroNotAllowedHint: "如出运日期有误请更正；否则该批货物不能再申请此类证书，可改为申请一般原产地证书。",
  retroTooLate: (departure: string, limit: string) => `货物已于 ${departure} 出运，距今已超过${limit}，不能再后补签发。`,
  retroTooLateHint: "如出运日期有误请更正；超过期限的货物不能后补签发。",
  windowAtShipment: "出运前或出运当天",
  windowWorkingDays: (days: number) => `出运后 ${days} 个工作日内`,
  windowDays: (days: number) => `出运后 ${days} 天内`,
  limitMonths: (months: number) => (months % 12 === 0 ? `${months / 12} 年` : `${months} 个月`),
  limitDays: (days: number) => `${days} 天`,

  // ---- goods ----
  goodsRequired: "没有货物明细。",
  goodsHint: "请至少录入一项货物。",
  itemLimit: (count: number, cap: number, agreement: string) => `${agreement}证书最多 ${cap} 项货物，本证书有 ${count} 项。`,
  itemLimitHint: (cap: number) => `请合并相同商品编码的货物，或将超出 ${cap} 项的货物另行申请证书。`,
  marksEmpty: "唛头未填写。",
  marksHint: "无唛头请填 N/M；唛头过长或为图形时填 SEE ATTACHMENT 并上传图片唛头。",
  marksPlaceholder: (phrase: string) => `唛头不能填写“${phrase}”。`,
  marksPlaceholderHint: "请照实填写包装上的唛头；无唛头填 N/M。",
  marksForeignPlace: (phrase: string) => `唛头“${phrase}”表明货物产自中国以外的地方。`,
  marksForeignPlaceHint: "中国原产货物的唛头不能标注其他国家或地区制造（如 MADE IN TAIWAN、HONG KONG PRODUCTS），请核对。",
  packagesMissing: "包装件数及种类未填写。",
  packagesKindMissing: "包装种类未填写。",
  packagesCountMissing: (kind: string) => `包装件数未填写（包装种类为 ${kind}）。`,
  packagesCountInvalid: (count: number) => `包装件数“${count}”不正确，须为正整数。`,
  packagesHint: "请填写件数和包装种类，如 150 CARTONS；散装货物填 IN BULK，裸装货物填 NUDE CARGO（不填件数）。",
  descriptionRequired: "货物描述未填写。",
  descriptionHint: "请用英文填写具体的货物名称，与发票一致。",
  hsMissing: "商品编码（HS）未填写。",
  hsMalformed: (hs: string) => `商品编码“${hs}”格式不正确。`,
  hsHint: "商品编码须为 6 至 10 位数字（不含点和空格），与出口报关单一致，如 6116100000。",
  hsFilingMismatch: (hs: string, filed: string) => `商品编码 ${hs} 与本企业备案商品的编码 ${filed} 不一致。`,
  hsFilingMismatchHint: "请按备案商品填写商品编码；商品编码有变化的，请先办理商品备案。",
  productNotFiled: (hs: string, agreement: string) => `商品编码 ${hs} 没有已审核通过的${agreement}商品备案。`,
  productFiledOtherAgreement: (hs: string, agreement: string) => `商品编码 ${hs} 已备案，但备案中没有${agreement}。`,
  productNotFiledHint: "优惠原产地证书的货物须先办理商品备案并经贸促会审核通过。",
  criterionMismatch: (given: string, filed: readonly string[]) => `原产地标准“${given}”与商品备案的原产地标准（${list(filed)}）不一致。`,
  criterionMismatchHint: "请按备案填写原产地标准；原产地标准有变化的，请先变更商品备案。",
  quantityRequired: "数量或毛重未填写。",
  quantityHint: "请填写数量及单位（如 1500 PAIRS），按重量计的货物填写毛重（千克）。",
  quantityValueRequired: "数量未填写。",
  quantityValueInvalid: "数量须大于 0。",
  quantityUnitRequired: "数量单位未填写。",
  grossWeightInvalid: "毛重须大于 0（单位：千克）。",
  valueRequired: (kind: "FOB" | "INVOICED") => (kind === "FOB" ? "该证书须填写货物的 FOB 价值。" : "该证书须填写货物的发票价值。"),
  valueRequiredRvc: "原产地标准为 RVC 时须填写货物的 FOB 价值。",
  valueHint: "请填写该项货物的金额（最多两位小数），币种填在发票信息中。",
  valueMalformed: (value: string) => `金额“${value}”不正确。`,
  valueMalformedHint: "金额须为大于 0 的数字，最多两位小数，如 2500.00。",

  // ---- other fields ----
  exportCustomsRequired: "出境海关未填写。",
  exportCustomsHint: "请选择货物出境的海关关区，如 0900（大连关区）。",
  exportCustomsUnknown: (code: string) => `出境海关代码“${code}”不在关区代码表中。`,
  declarationNoMalformed: (value: string) => `报关单号“${value}”不是 18 位数字。`,
  declarationNoNotExport: (value: string) => `报关单号“${value}”不是出口报关单（第 9 位应为 0）。`,
  declarationNoHint: "报关单号为 18 位数字：4 位海关代码 + 4 位年份 + 进出口标志（出口为 0）+ 9 位顺序号。不知道可不填。",
  copiesInvalid: (value: number) => `打印份数“${value}”不正确。`,
  copiesHint: "打印份数须为正整数。",
  marksImageType: "图片唛头不是 jpg、png 或 gif 图片。",
  marksImageTooLarge: (kb: number) => `图片唛头大小为 ${kb} KB，超过 400 KB。`,
  marksImageHint: "图片唛头只能是 jpg、png 或 gif 格式，且不超过 400 KB；请压缩或转换后重新上传。",

  // Rules added with the preview (REFERENCE.md §17 rules 5, 10, 17, 22, 30, 34, 37, 38).
  consigneePlaceholderNotAllowed: (placeholder: string, form: string) => `${form}的收货人不能填写“${placeholder}”。`,
  consigneePlaceholderHint: (allowed: readonly string[]) =>
    allowed.length ? `该证书只接受 ${list(allowed)}，其他情况请填写进口方收货人的名称和地址。` : "请填写进口方收货人的名称、地址和国家。",
  hsNotDeclared: (hs: string, digits: number) => `商品编码“${hs}”只有 ${hs.length} 位；该证书按报关单打印 HS 编码，报关单上是 ${digits} 位。`,
  hsNotDeclaredHint: "请按出口报关单填写完整的商品编码。",
  unitUnknown: (unit: string) => `数量单位“${unit}”不在计量单位表中。`,
  unitHint: (examples: readonly string[]) => `请使用计量单位表中的英文单位，如 ${list(examples)}；只有净重时写成“KGS N.W.”。`,
  netWeightNotWeight: (unit: string) => `“${unit}”标注了净重（N.W.），但这不是重量单位。`,
  netWeightHint: "N.W.（净重）只能跟在重量单位后，如 500 KGS N.W.；其他单位请去掉 N.W.。",
  wetSignatureDestination: (country: string, form: string) => `${form}出口到${country}的证书须由签证机构手签并盖章，不能本地打印（自助打印）。`,
  wetSignatureHint: "请取消“本地打印”，由贸促会打印、签字盖章后领取。",
  declarationBeforeExport: (form: string, from: string) => `${form}的原产地证书须在出口报关之前申请（${from} 起）；已填写报关单号，说明货物已经报关。`,
  declarationBeforeExportHint: "请在报关前申请证书；已经报关的货物请联系所在贸促会。",
  sealMissing: "选择了打印印章签名，但企业还没有备案印章图片。",
  sealMissingHint: "请联系所在贸促会上传企业印章，或取消“打印印章签名”。",
  sealTooSmall: (w: number, h: number, min: number) => `企业印章图片只有 ${w}×${h} 像素，小于 ${min}×${min}，打印出来会模糊。`,
  sealTooSmallHint: "请贸促会重新上传按 600 dpi 彩色扫描的印章图片。",
  copyWordingWrong: (found: string, form: string, wording: string) => `备注中的“${found}”不是${form}的副本字样，该证书应写“${wording}”。`,
  copyWordingIncomplete: (wording: string) => `副本字样“${wording}”后须注明原证书的编号和日期。`,
  copyWordingHint: (example: string) => `例如：${example}`,
} as const;
