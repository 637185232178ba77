/**
 * Where pages link a certificate. The duplicate-invoice problem names the holder only by its
 * application number (the API returns it as text), so pages link that number through
 * `/certificates/by-application/…`, which finds the holder whatever its date or status (manual Q8).
 */
import { M } from "./messages.ts";

export const certificateHref = (id: string) => `/certificates/${encodeURIComponent(id)}`;
/** 批量导入: upload, preview and the drafts it created. */
export const BULK_IMPORT_PATH = "/certificates/imports";
export const applicationNoHref = (applicationNo: string) => `/certificates/by-application/${encodeURIComponent(applicationNo)}`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Built from the message itself, so rewording the message cannot silently break the link.
const DUPLICATE = new RegExp(`^${escapeRegExp(M.invoiceDuplicate("\u0001", "\u0002")).replace("\u0001", "[\\s\\S]*").replace("\u0002", "(\\S+)")}$`);

/** The application number an INVOICE_DUPLICATE problem names, or null for any other problem. */
export function invoiceHolderApplicationNo(p: { rule: string; message: string }): string | null {
  if (p.rule !== "INVOICE_DUPLICATE") return null;
  return DUPLICATE.exec(p.message)?.[1] ?? null;
}
