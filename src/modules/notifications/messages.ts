import type { NotificationEvent } from "./rules.ts";

/** What a notification says about its subject; each event reads the facts it needs. */
export type NotificationFacts = {
  /** The certificate's application number (申请号), always known. */
  applicationNo?: string;
  /** The certificate number, once approved. */
  number?: string | null;
  /** A return, void or rejection reason, as the office wrote it. */
  reason?: string | null;
  /** A filed product's Chinese name and HS code. */
  productName?: string;
  hsCode?: string;
  /** An API token's name and when it expires (office time, already formatted). */
  tokenName?: string;
  expiresAt?: string;
  /** The daily summary's day (YYYY-MM-DD, office time) and lines, already worded. */
  day?: string;
  lines?: string[];
};

const cert = (f: NotificationFacts) => (f.number ? `证书号 ${f.number}（申请号 ${f.applicationNo}）` : `申请号 ${f.applicationNo}`);
const product = (f: NotificationFacts) => `「${f.productName}」（HS ${f.hsCode}）`;

/** Title and text of each event, Chinese, with the certificate number and the reason where there is one. */
export const NOTIFICATION_TEXT: Record<NotificationEvent, (f: NotificationFacts) => { title: string; body: string }> = {
  "certificate.returned": (f) => ({
    title: `原产地证书被退回：${f.applicationNo}`,
    body: `您的原产地证书申请 ${cert(f)} 已被签证机构退回。退回原因：${f.reason}。请修改后重新发送。`,
  }),
  "certificate.approved": (f) => ({
    title: `原产地证书审核通过：${f.number}`,
    body: `您的原产地证书申请 ${cert(f)} 已审核通过，可以打印或等待签证机构打印。`,
  }),
  "certificate.issued": (f) => ({
    title: `原产地证书已签发：${f.number}`,
    body: `原产地证书 ${cert(f)} 已打印签发。`,
  }),
  "certificate.voided": (f) => ({
    title: `原产地证书已作废：${f.number ?? f.applicationNo}`,
    body: `原产地证书 ${cert(f)} 已被签证机构作废。作废原因：${f.reason}。如需继续出证，请重新申请或改证重发。`,
  }),
  "filing.approved": (f) => ({
    title: `商品备案审核通过：${f.productName}`,
    body: `商品备案 ${product(f)} 已审核通过，现在可以在原产地证书中使用。`,
  }),
  "filing.returned": (f) => ({
    title: `商品备案被退回：${f.productName}`,
    body: `商品备案 ${product(f)} 未通过审核。原因：${f.reason}。请修改后重新发送审核。`,
  }),
  "commercial.returned": (f) => ({
    title: `商事证明申请被退回：${f.applicationNo}`,
    body: `您的商事证明申请 ${cert(f)} 已被签证机构退回。退回原因：${f.reason}。请修改后重新发送。`,
  }),
  "commercial.approved": (f) => ({
    title: `商事证明已出证：${f.number}`,
    body: `您的商事证明申请 ${cert(f)} 已审核通过，可以下载经签证机构签名的证明书 PDF。`,
  }),
  "commercial.voided": (f) => ({
    title: `商事证明已作废：${f.number ?? f.applicationNo}`,
    body: `商事证明 ${cert(f)} 已被签证机构作废。作废原因：${f.reason}。`,
  }),
  "api_token.expiring": (f) => ({
    title: `EDI 接口令牌即将过期：${f.tokenName}`,
    body: `您的 EDI 接口令牌「${f.tokenName}」将于 ${f.expiresAt} 过期，过期后接口请求会被拒绝。请在“EDI 接口令牌”页生成新令牌并更换到您的系统中。`,
  }),
  "office.daily_summary": (f) => ({
    title: `每日待办汇总 ${f.day}`,
    body: (f.lines ?? []).join("\n"),
  }),
};

/**
 * An SMS says what happened in one line, the title (certificate or application number included),
 * and where to read the rest: no reason text (it can be long and commercial), no link (SMS links
 * look like phishing and the signed-in list has it).
 */
export const smsText = (n: { title: string }) => `【Origo 原产地证】${n.title}。详情请登录系统“通知”页查看。`;

/** Names of the events on the settings page. */
export const EVENT_LABELS: Record<NotificationEvent, string> = {
  "certificate.returned": "原产地证书被退回（含退回原因）",
  "certificate.approved": "原产地证书审核通过（含证书号）",
  "certificate.issued": "原产地证书已签发（已打印）",
  "certificate.voided": "原产地证书被作废",
  "filing.approved": "商品备案审核通过",
  "filing.returned": "商品备案被退回",
  "commercial.returned": "商事证明申请被退回（含退回原因）",
  "commercial.approved": "商事证明已出证（含证明书号）",
  "commercial.voided": "商事证明被作废",
  "api_token.expiring": "EDI 接口令牌即将过期（提前 7 天）",
  "office.daily_summary": "每日待办汇总（待审证书、商事证明与商品备案）",
};

/** Text of the notification pages and of every refusal a user can meet there. */
export const NOTIFY_M = {
  title: "通知",
  headerLink: "通知",
  unread: (n: number) => `${n} 条未读`,
  intro: "审核结果、签发和作废等消息。可在“通知设置”中选择哪些消息同时发送到电子邮箱或手机（短信）。",
  empty: "暂无通知。",
  markRead: "标为已读",
  markAllRead: "全部标为已读",
  allRead: "已全部标为已读。",
  open: "查看",
  unreadMark: "未读",
  emailStates: { PENDING: "邮件待发送", SENT: "邮件已发送", FAILED: "邮件未能发送" } as Record<"PENDING" | "SENT" | "FAILED", string>,
  settingsLink: "通知设置",
  settingsTitle: "通知设置",
  settingsIntro: "所有消息都会显示在本系统的“通知”页。勾选的消息还会发送到下面的电子邮箱或手机（短信）。",
  emailOff: "本系统尚未配置邮件服务器（SMTP_URL）：勾选的邮件不会真正发出，而是保存在签证机构的“邮件发件箱”中。请联系系统管理员。",
  emailLabel: "电子邮箱",
  emailHint: "留空则不发送邮件。",
  eventsLegend: "同时发送邮件或短信的消息",
  noEmailEvents: "您的角色目前没有可发送邮件或短信的消息。",
  save: "保存",
  saved: "通知设置已保存。",
  emailInvalid: "电子邮箱格式不正确，例如 name@example.com。",
  emailNeeded: "勾选了邮件通知，请填写电子邮箱。",
  notFound: "通知不存在。",
  emailFooter: (settingsUrl: string) => `——\n此邮件由 Origo 原产地证签证系统自动发送，请勿直接回复。\n更改通知方式：${settingsUrl}`,
  emailLink: (url: string) => `查看详情：${url}`,
  emailDisabledError: "邮件通知未开启（未配置 SMTP_URL）",
  smsDisabledError: "短信通知未开启（未配置短信服务）",
  smsStates: { PENDING: "短信待发送", SENT: "短信已发送", FAILED: "短信未能发送" } as Record<"PENDING" | "SENT" | "FAILED", string>,
  mobileLabel: "手机号（短信）",
  mobileHint: "中国大陆手机号，留空则不发送短信。短信只含事由和编号，详情请登录查看。",
  mobileInvalid: "手机号格式不正确，应为 11 位中国大陆手机号。",
  mobileNeeded: "勾选了短信通知，请填写手机号。",
  channelEmail: "邮件",
  channelSms: "短信",
  eventsTableCaption: "每类消息都显示在“通知”页；勾选的同时发送邮件或短信。",
  eventColumn: "消息",
  emailOutboxTitle: "邮件发件箱",
  emailOutboxIntro: "未配置邮件服务器（SMTP_URL）时，系统发出的通知邮件保存在这里，不会真正发出。只显示与本机构企业和工作人员有关的邮件。",
  emailOutboxEmpty: "暂无邮件。",
  summaryCommercial: (n: number) => `待审商事证明：${n} 份`,
  summaryCertificates: (label: string, n: number) => `原产地证书 ${label}：${n} 份`,
  summaryProducts: (n: number) => `待审商品备案：${n} 件`,
  summaryOldest: (applicationNo: string, since: string) => `等待最久：申请号 ${applicationNo}，${since} 发送`,
  summaryNothing: "今天没有待审的证书、商事证明和商品备案。",
} as const;
