/** Chinese text of the office's actions on certificates (审核通过, 退回, 作废, 修改印刷号) and their refusals. */
import type { CertificateStatus } from "../lifecycle.ts";
import { STATUS_LABELS } from "../labels.ts";
import type { NumberFormatProblem } from "../numbers.ts";

const inState = (s: CertificateStatus) => `该证书当前状态为“${STATUS_LABELS[s]}”`;

export const OM = {
  notReviewer: "只有贸促会的审核员和管理员可以审核证书。",
  notAdmin: "只有贸促会管理员可以修改证书号格式。",

  alreadyApproved: (number: string | null) => `该证书已审核通过（证书号 ${number ?? "—"}），请勿重复审核。`,
  notApprovable: (s: CertificateStatus) => `${inState(s)}，只有待审核的证书可以审核通过。`,
  approvalBlocked: "重新机审发现以下问题，不能审核通过。请把问题写入退回原因，退回企业修改：",

  reasonRequired: "请填写退回原因，企业需要据此修改。",
  reasonTooLong: (max: number) => `退回原因不能超过 ${max} 字。`,
  notReturnable: (s: CertificateStatus) => `${inState(s)}，只有待审核的证书可以退回。`,

  voidReasonRequired: "请填写作废原因，企业会看到它。",
  voidReasonTooLong: (max: number) => `作废原因不能超过 ${max} 字。`,
  voidIssued: "已发证的证书不能作废。如证书内容需要更改，请企业使用“改证重发”：新证书审核通过后，原证书自动失效。",
  voidVoided: "该证书已作废。作废是最终操作，无法恢复。",
  voidReplaced: "该证书已被改证重发的新证书替代，不能作废。",

  serialNotPco: "电子证书（eCO）没有印刷号；只有套打证书（PCO）需要录入印刷号。",
  serialWrongState: (s: CertificateStatus) => `${inState(s)}，只有已审核通过或已发证的套打证书可以录入印刷号。`,
  serialRequired: "请填写印刷号（预印证书纸上的编号）。",
  serialFormat: "印刷号只能包含英文字母、数字和“-”，不超过 30 位。",
  serialTaken: (other: string) => `印刷号已用于证书 ${other}，请核对证书纸上的编号后重新录入。`,

  formatProblems: {
    unknown_token: "格式中有无法识别的占位符。可用：{T} 证书类型字母、{YY} 或 {YYYY} 年份、{OFFICE} 签证机构代码、{N6} 流水号（数字为位数）。",
    literal: "占位符以外只能使用大写英文字母、数字、“-”和“/”。",
    missing_type: "格式须包含 {T}（证书类型字母）：流水号按证书类型分别编号，没有类型字母会出现重号。",
    missing_year: "格式须包含 {YY} 或 {YYYY}（年份）：流水号每年重新开始，没有年份会出现重号。",
    serial_count: "格式须包含且只包含一个流水号占位符，如 {N6}。",
    serial_width: "流水号至少 3 位，如 {N6}。",
  } satisfies Record<NumberFormatProblem, string>,

  noteApproved: (number: string) => `证书号 ${number}`,
  noteReplacedBy: (number: string) => `已由改证重发的证书 ${number} 替代`,
  noteSerial: (serial: string) => `印刷号 ${serial}`,
  noteSerialChanged: (before: string, after: string) => `印刷号由 ${before} 改为 ${after}`,
} as const;
