/** Texts of the office's seal, signatory and signing-key pages and refusals (tests assert these). */
export const M = {
  title: "签证章与签证员",
  sealTitle: "签证章",
  noSeal: "尚未上传签证章：审核通过的电子证书将没有签证章。",
  signatoriesTitle: "签证员",
  noSignatories: "尚无签证员：审核通过的电子证书将没有授权签名。",
  historyTitle: "变更记录",
  keyTitle: "文件签名证书（PAdES）",
  noKey: "尚无签名证书：审核通过的电子证书无法生成签名 PDF。请运行 bun run cli office signing-key create --office 本机构代码。",
  fields: {
    nameLatin: "签证员姓名（拉丁字母，证书上打印）",
    accountId: "对应的审核员账户",
    active: "有效",
    isDefault: "默认签证员（审核员本人不是签证员时使用）",
    image: "图片文件",
  },
  hints: {
    nameLatin: "大写拉丁字母，如 LI MING。证书上只打印此名称。",
    accountId: "审核员本人审核通过时，证书上使用其签名。",
    image: "PNG 或 JPEG 图片，不超过 512 KB，边长 16–4000 像素。",
  },
  done: {
    sealUploaded: "签证章已更新。此前审核通过的证书保持原签证章不变。",
    signatoryAdded: "签证员已添加。",
    signatoryUpdated: "签证员信息已保存。",
    signatureUploaded: "签名图片已更新。此前审核通过的证书保持原签名不变。",
  },
  defaultMustBeActive: "默认签证员必须是有效的。",
  accountNotReviewer: "只能关联本机构的审核员或管理员账户。",
  accountTaken: "该账户已关联另一位签证员。",
  none: "（无）",
} as const;
