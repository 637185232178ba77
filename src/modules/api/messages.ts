/** Text of the API slice: the JSON error messages (Chinese) and the token page. */
export const M = {
  unauthorized: "缺少或无效的 API 令牌（Authorization: Bearer <token>）。",
  forbidden: "此令牌的账户无权使用该接口。",
  malformedJson: "请求体不是有效的 JSON。",
  tooLarge: "请求体超过 1 MiB。",
  invalidBody: "请求内容不符合接口格式，请按 issues 中列出的字段修改。",
  notFound: "找不到该记录。",
  tokensTitle: "EDI 接口令牌",
  tokensIntro: "令牌用于企业自有系统（ERP）或货代通过 EDI 接口提交和查询证书。令牌只显示一次，请妥善保存；不再使用时请吊销。",
  tokenName: "令牌名称",
  tokenNameHint: "便于识别用途，如“ERP 系统”。",
  tokenNameRequired: "请填写令牌名称。",
  create: "生成令牌",
  revoke: "吊销",
  revoked: "已吊销",
  newToken: "新令牌（只显示这一次）：",
  none: "尚未生成令牌。",
} as const;
