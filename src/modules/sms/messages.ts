import { SMS_LIMITS } from "./rules.ts";

const minutes = SMS_LIMITS.ttlMs / 60_000;

/** Chinese text of the SMS slice: the messages themselves and every refusal a user can meet. */
export const SMS_M = {
  registrationText: (code: string) => `【Origo 原产地证】企业注册验证码 ${code}，${minutes} 分钟内有效。请勿告诉他人；如非本人操作请忽略。`,
  resetText: (code: string, login: string) => `【Origo 原产地证】您正在重置账户 ${login} 的密码，验证码 ${code}，${minutes} 分钟内有效。如非本人操作请忽略。`,
  sent: (masked: string) => `验证码已发送至 ${masked}，${minutes} 分钟内有效。`,
  resendAfter: (seconds: number) => `${seconds} 秒后可重新获取。`,
  cooldown: (seconds: number) => `验证码发送过于频繁，请 ${seconds} 秒后再获取。`,
  numberLimit: `该手机号 1 小时内获取验证码已达 ${SMS_LIMITS.perNumber} 次，请稍后再试。`,
  ipLimit: `此网络地址 1 小时内获取验证码次数过多（${SMS_LIMITS.perIp} 次），请稍后再试。`,
  sendFailed: "短信发送失败（短信服务暂时不可用），请稍后重新获取。",
  codeRequired: "请输入短信验证码。",
  codeFormat: "短信验证码为 6 位数字。",
  codeWrong: "短信验证码不正确。",
  codeExpired: `短信验证码已过期（有效期 ${minutes} 分钟），请重新获取。`,
  codeUsed: "该短信验证码已使用过，请重新获取。",
  codeTooMany: "短信验证码输错次数过多，已失效，请重新获取。",
  codeMissing: "请先点击“获取短信验证码”。",
  mobileChanged: "手机号与接收验证码的号码不一致，请用当前号码重新获取验证码。",
  outboxTitle: "短信发件箱",
  outboxIntro: "未接入短信服务商时，系统发出的短信保存在这里（验证码短信同时写入日志）。只显示与本机构企业和工作人员有关的短信。",
  outboxEmpty: "暂无短信。",
  purposeLabels: { registration: "企业注册", password_reset: "找回密码", notification: "通知" },
} as const;
