import type { Role } from "../app-env.ts";

/** Each role's Chinese name: the page header shows the signed-in person's, the staff list everyone's. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  enterprise: "企业用户",
  office_admin: "贸促会管理员",
  office_reviewer: "审核员",
  print_clerk: "打印员",
};

/** Shell text shared by every page (Chinese first). */
export const UI = {
  product: "Origo 原产地证签证系统",
  skipToContent: "跳到正文",
  formTooLarge: "提交的内容超过 12 MB，未被接收。请缩小上传的文件后重试。",
  signedInAs: "当前用户",
  signOut: "退出",
  notifications: "通知",
  unreadCount: (n: number) => `${n > 99 ? "99+" : n} 条未读`,
  enterpriseSide: "企业端",
  officeSide: "贸促会端",
  errorTitle: "出错了",
  notFoundTitle: "页面不存在",
  forbiddenTitle: "无权访问",
  requestId: "错误编号",
  backHome: "返回首页",
  formHasErrors: "表单有以下问题，请修改后再提交：",
  required: "（必填）",
} as const;

export type NavItem = { href: string; label: string; roles: readonly string[] };

/** Navigation per side. Each slice's pages are listed here as they come to exist. */
export const NAV: NavItem[] = [
  { href: "/home", label: "用户首页", roles: ["enterprise"] },
  { href: "/certificates", label: "原产地证书", roles: ["enterprise"] },
  { href: "/commercial", label: "商事证明", roles: ["enterprise"] },
  { href: "/products", label: "商品备案", roles: ["enterprise"] },
  { href: "/office", label: "工作台", roles: ["office_admin", "office_reviewer", "print_clerk"] },
  { href: "/office/certificates", label: "原产地证书签发", roles: ["office_admin", "office_reviewer"] },
  { href: "/office/products", label: "商品备案待审", roles: ["office_admin", "office_reviewer"] },
  { href: "/office/enterprises", label: "企业注册信息", roles: ["office_admin", "office_reviewer"] },
  { href: "/office/staff", label: "工作人员", roles: ["office_admin"] },
  { href: "/office/endorsement", label: "签证章与签证员", roles: ["office_admin"] },
  { href: "/office/print", label: "打印台", roles: ["print_clerk"] },
  { href: "/office/print/setup", label: "打印设置", roles: ["office_admin"] },
  { href: "/print/agent", label: "本地打印", roles: ["enterprise"] },
  { href: "/account/tokens", label: "接口令牌", roles: ["enterprise"] },
  { href: "/office/registrations", label: "注册查询", roles: ["office_admin", "office_reviewer"] },
  { href: "/office/sms-outbox", label: "短信发件箱", roles: ["office_admin"] },
  { href: "/office/email-outbox", label: "邮件发件箱", roles: ["office_admin"] },
  { href: "/account/password", label: "修改密码", roles: ["enterprise", "office_admin", "office_reviewer", "print_clerk"] },
];
