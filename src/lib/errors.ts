/**
 * The closed set of failures a service may raise. Each maps to one HTTP status in one place
 * (`statusOf`); anything else that escapes a handler is a bug, logged with the request id and shown
 * as a friendly 500 page.
 */
export type ErrorCode =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  /** The database cannot be reached just now (restart, failover): answered at once, never waited on. */
  | "unavailable";

export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

const statuses: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export function statusOf(code: ErrorCode) {
  return statuses[code];
}

/** Default human messages (Chinese UI); slices pass more specific ones where they know better. */
export const ERROR_MESSAGES: Record<ErrorCode | "internal", string> = {
  invalid: "提交的内容有误，请按提示修改后再试。",
  unauthorized: "请先登录。",
  forbidden: "您的账户无权访问此页面。",
  not_found: "找不到您要访问的页面或记录。",
  conflict: "该记录当前状态不允许此操作，请刷新后再试。",
  too_large: "提交的内容过大。",
  rate_limited: "操作过于频繁，请稍后再试。",
  unavailable: "系统正在维护或重新连接数据库，请稍候几秒后重试。您已保存的内容不会丢失。",
  internal: "系统出错了，我们已记录此问题。请稍后再试；如需帮助，请向管理员提供错误编号。",
};

export const invalid = (message: string, issues: FieldIssue[] = []) => new AppError("invalid", message, issues);
export const notFound = (message = ERROR_MESSAGES.not_found) => new AppError("not_found", message);
export const forbidden = (message = ERROR_MESSAGES.forbidden) => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);
