import { M } from "../messages.ts";
import { maskIdNo } from "../rules.ts";

export { formatDateTime as formatTime } from "../../../lib/time.ts";

export function formatBytes(n: number) {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}

/** Labels of the values an audit row may carry, by entity. */
const AUDIT_LABELS: Record<string, Record<string, string>> = {
  enterprise: { ...M.fields, active: "状态", sealImageId: "企业印章" },
  hand_signer: {
    name: M.fields.signerName,
    phone: M.fields.signerPhone,
    idNo: M.fields.signerIdNo,
    active: M.fields.signerActive,
    isDefault: M.fields.signerDefault,
  },
  customs_code: { code: M.fields.customsCode, status: "状态", reason: M.fields.reason },
  account: { login: "登录名", active: "状态" },
};

/** The value that says which record a row is about; shown even when it did not change. */
const IDENTITY: Record<string, string> = { customs_code: "code", account: "login", hand_signer: "name" };

function formatValue(entity: string, key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "（空）";
  // A record's "active" is a state (正常/已停用); a hand-signer's is its 有效 box (是/否).
  if (key === "active" && typeof value === "boolean" && entity !== "hand_signer") return value ? M.active : M.inactive;
  if (typeof value === "boolean") return value ? M.yes : M.no;
  if (key === "status" && typeof value === "string" && value in M.customsStatus) return M.customsStatus[value as keyof typeof M.customsStatus];
  if (key === "idNo" && typeof value === "string") return maskIdNo(value);
  return String(value);
}

type ImageFacts = { mediaType: string; width: number; height: number; byteSize: number };

function isImageFacts(v: unknown): v is ImageFacts {
  return !!v && typeof v === "object" && "mediaType" in v && "width" in v;
}

/**
 * One line per changed value of an audit row, "label：before → after" (or just the value for a new
 * record), so the history reads as what happened rather than as data.
 */
export function describeChange(entry: { entity: string; before: unknown; after: unknown }): string[] {
  const labels = AUDIT_LABELS[entry.entity] ?? {};
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const identity = IDENTITY[entry.entity];
  if (isImageFacts(entry.after)) {
    const a = entry.after;
    const picture = `${a.mediaType === "image/png" ? "PNG" : "JPEG"} ${a.width}×${a.height}，${formatBytes(a.byteSize)}`;
    return identity && identity in after ? [`${labels[identity]}：${formatValue(entry.entity, identity, after[identity])}`, picture] : [picture];
  }
  const lines: string[] = [];
  for (const key of Object.keys(labels)) {
    if (!(key in after)) continue;
    if (key in before && before[key] !== after[key])
      lines.push(`${labels[key]}：${formatValue(entry.entity, key, before[key])} → ${formatValue(entry.entity, key, after[key])}`);
    else if (key === identity) lines.push(`${labels[key]}：${formatValue(entry.entity, key, after[key])}`);
    else if (!(key in before) && after[key] !== null && after[key] !== undefined && after[key] !== "")
      lines.push(`${labels[key]}：${formatValue(entry.entity, key, after[key])}`);
  }
  return lines;
}

export function actionLabel(entity: string, action: string) {
  return M.audit.actions[`${entity}.${action}`] ?? `${entity}.${action}`;
}
