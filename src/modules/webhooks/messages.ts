/** Text of the webhooks slice (Chinese UI); tests assert these constants. */
import type { UrlProblem, WebhookEventType } from "./rules.ts";

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  "certificate.returned": "证书退回",
  "certificate.approved": "证书审核通过",
  "certificate.issued": "证书已签发（已打印）",
  "certificate.voided": "证书作废",
  "filing.approved": "商品备案通过",
  "filing.returned": "商品备案退回",
  "commercial.approved": "商事证明审核通过（出证）",
  "commercial.returned": "商事证明退回",
  "commercial.voided": "商事证明作废",
  "api_token.expiring": "接口令牌即将过期",
};

export const STATE_LABELS: Record<string, string> = { PENDING: "待发送", DELIVERED: "已送达", FAILED: "已放弃" };

export const M = {
  sectionTitle: "Webhook 推送",
  sectionIntro:
    "证书、商事证明或商品备案状态变化时（以及接口令牌即将过期时），系统向您登记的地址 POST 一个 JSON 事件，并以 HMAC-SHA256 签名（Origo-Signature 头）。失败时在 24 小时内按退避间隔重试。签名校验方法见接口文档。",
  url: "推送地址（URL）",
  urlHint: "http:// 或 https://；生产环境不接受内网、本机与链路本地地址。",
  events: "推送事件",
  description: "备注",
  descriptionHint: "便于识别用途，如“ERP 生产环境”。",
  create: "登记推送地址",
  none: "尚未登记推送地址。",
  endpointTitle: "Webhook 推送地址",
  secretOnce: "签名密钥（只显示这一次，请保存到您的系统中）：",
  deliveries: "推送记录",
  noDeliveries: "尚无推送记录。",
  attempts: "尝试",
  noAnswer: "无应答",
  interrupted: "未完成（发送时服务进程停止，对方可能已收到；之后会重发同一事件）",
  replay: "重新发送",
  replayed: "已重新排队发送。",
  replayPending: "该推送仍在发送或等待重试，无需重新发送。",
  remove: "删除",
  removeConfirm: "删除后不再推送，推送记录一并删除。",
  back: "返回 EDI 接口令牌",
  urlRequired: "请填写推送地址。",
  urlProblem: {
    malformed: "推送地址不是有效的 URL。",
    scheme: "推送地址只能以 http:// 或 https:// 开头。",
    credentials: "推送地址不能包含用户名或密码。",
    private: "推送地址不能指向本机、内网或链路本地地址。",
  } satisfies Record<UrlProblem, string>,
  eventsRequired: "请至少选择一个推送事件。",
  tooMany: (max: number) => `每个企业最多登记 ${max} 个推送地址，请先删除不用的地址。`,
  noEnterprise: "只有企业账户可以登记推送地址。",
} as const;
