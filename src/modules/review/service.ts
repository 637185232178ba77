import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, invalid, notFound } from "../../lib/errors.ts";
import { log } from "../../lib/log.ts";
import { listStaff } from "../accounts/index.ts";
import {
  countOfficeQueues,
  getOfficeWorkbenchFacts,
  iterateOfficeCertificates,
  listCertificates,
  officeToday,
  type CertificateFilters,
} from "../certificates/index.ts";
import { COMMERCIAL_MESSAGES, countCommercialQueues } from "../commercial/index.ts";
import { listProducts } from "../filing/index.ts";
import { M } from "./messages.ts";
import { DEFAULT_TAB, EXPORT_COLUMNS, TABS } from "./rules.ts";
import { certificateExportChunks, certificateExports } from "./schema.ts";
import { createXlsxWriter, XLSX_MAX_ROWS } from "../../lib/xlsx-write.ts";

const DESK_ROLES: readonly string[] = ["office_admin", "office_reviewer"];

function assertDesk(user: CurrentUser) {
  if (!DESK_ROLES.includes(user.role) || !user.officeCode) throw forbidden();
}

/** Display names of the office's staff by account id (who is reviewing what). */
export async function staffNames({ db, officeCode }: { db: Db; officeCode: string }) {
  const staff = await listStaff({ db, officeCode });
  return new Map(staff.map((s) => [s.id, s.displayName]));
}

/** The count on every tab of the desk, the pending product filings (商品备案待审) and commercial documents (商事证明). */
export async function deskCounts({ db, user }: { db: Db; user: CurrentUser }) {
  assertDesk(user);
  const [{ groups, sentToday }, products, commercial] = await Promise.all([
    countOfficeQueues({ db, user }),
    listProducts({ db, user, status: "PENDING" }),
    countCommercialQueues({ db, user }),
  ]);
  return { tabs: Object.fromEntries(TABS.map((t) => [t.key, t.count(groups, sentToday)])) as Record<string, number>, products: products.total, commercial };
}

/**
 * The reviewer's 工作台: every queue's count (eCO/PCO × EDI/网页, 待打印, 商品备案), the
 * longest-waiting certificate, what colleagues are reviewing now, and today's approvals.
 */
export async function getWorkbench({ db, user }: { db: Db; user: CurrentUser }) {
  const [counts, facts, names] = await Promise.all([
    deskCounts({ db, user }),
    getOfficeWorkbenchFacts({ db, user }),
    staffNames({ db, officeCode: user.officeCode! }),
  ]);
  return {
    queues: [
      ...TABS.filter((t) => t.key !== DEFAULT_TAB).map((t) => ({
        key: t.key,
        label: t.label,
        count: counts.tabs[t.key] ?? 0,
        href: `/office/certificates?tab=${t.key}`,
      })),
      ...(["edi", "pending"] as const).map((k) => ({
        key: `commercial-${k}`,
        label: COMMERCIAL_MESSAGES.deskTabs[k]!,
        count: counts.commercial[k],
        href: `/office/commercial?tab=${k}`,
      })),
    ],
    sentToday: counts.tabs[DEFAULT_TAB] ?? 0,
    products: counts.products,
    oldest: facts.oldest,
    claimed: facts.claimed.map((c) => ({ ...c, by: names.get(c.reviewingBy ?? "") ?? "—" })),
    approvedToday: facts.approvedToday,
  };
}

export type Workbench = Awaited<ReturnType<typeof getWorkbench>>;

/** The longest-waiting other certificate of the same queue (eCO/PCO × EDI/网页), for 下一份. */
export async function nextInQueue({ db, user, current }: { db: Db; user: CurrentUser; current: { id: string; printMode: string; source: string } }) {
  assertDesk(user);
  const { rows } = await listCertificates({
    db,
    user,
    filters: { status: "PENDING", printMode: current.printMode as "ECO" | "PCO", source: current.source as "WEB" | "EDI" },
    sort: "sentAt",
    dir: "asc",
    pageSize: 2,
    withTotal: false,
  });
  return rows.find((r) => r.id !== current.id)?.id ?? null;
}

// ---- Excel export ----

/** Rows per database round trip while exporting; also how often progress is saved. */
const EXPORT_BATCH = 500;
/** Bytes collected before they are written as one chunk row. */
const CHUNK_BYTES = 256 * 1024;
/** A RUNNING export whose heartbeat is older than this was left by a process that stopped. */
export const EXPORT_STALE_MS = 60_000;
/** Finished exports are deleted after a day (when the next export starts). */
const EXPORT_KEEP_MS = 24 * 3600_000;

export type ExportState = "RUNNING" | "DONE" | "FAILED" | "INTERRUPTED";

/**
 * Starts an Excel export of the office's certificates matching `filters` and returns its id at
 * once; the file is written in the background (`finished` settles when it is done), rows streamed
 * from the database in batches into the xlsx stream and the compressed bytes into chunk rows, while
 * the export row counts progress. Refuses (`invalid`) a set larger than one Excel sheet holds.
 */
export async function startExport({ db, user, filters }: { db: Db; user: CurrentUser; filters: CertificateFilters }) {
  assertDesk(user);
  const { total } = await listCertificates({ db, user, filters: { ...filters }, pageSize: 1 });
  if (total >= XLSX_MAX_ROWS) throw invalid(M.exportTooMany(XLSX_MAX_ROWS - 1));
  await deleteOldExports(db, user.officeCode!);
  const id = Bun.randomUUIDv7();
  await db.insert(certificateExports).values({ id, officeCode: user.officeCode!, requestedBy: user.id, filters, total });
  const finished = writeExport({ db, user, id, filters }).catch(async (err) => {
    log.error("certificate export failed", { exportId: id, err });
    await db
      .update(certificateExports)
      .set({ status: "FAILED", error: String(err), updatedAt: new Date(), finishedAt: new Date() })
      .where(eq(certificateExports.id, id));
  });
  return { id, finished };
}

async function writeExport({ db, user, id, filters }: { db: Db; user: CurrentUser; id: string; filters: CertificateFilters }) {
  let buffered: Uint8Array[] = [];
  let bufferedBytes = 0;
  let seq = 0;
  let size = 0;
  const writer = createXlsxWriter({
    sheetName: M.exportSheet,
    columns: EXPORT_COLUMNS,
    onData: (chunk) => {
      buffered.push(chunk);
      bufferedBytes += chunk.byteLength;
    },
  });
  const save = async (all: boolean) => {
    if (!bufferedBytes || (!all && bufferedBytes < CHUNK_BYTES)) return;
    const bytes = Buffer.concat(buffered);
    buffered = [];
    bufferedBytes = 0;
    size += bytes.byteLength;
    await db.insert(certificateExportChunks).values({ exportId: id, seq: seq++, bytes });
  };
  let done = 0;
  for await (const rows of iterateOfficeCertificates({ db, user, filters, batch: EXPORT_BATCH })) {
    for (const r of rows) {
      done++;
      writer.addRow(EXPORT_COLUMNS.map((c) => c.value(r, done)));
    }
    await save(false);
    await db.update(certificateExports).set({ done, updatedAt: new Date() }).where(eq(certificateExports.id, id));
  }
  writer.finish();
  await save(true);
  const now = new Date();
  // `total` becomes what was written: certificates may have come or gone since the count.
  await db
    .update(certificateExports)
    .set({ status: "DONE", done, total: done, byteSize: size, updatedAt: now, finishedAt: now })
    .where(eq(certificateExports.id, id));
}

async function deleteOldExports(db: Db, officeCode: string) {
  const old = await db
    .select({ id: certificateExports.id })
    .from(certificateExports)
    .where(and(eq(certificateExports.officeCode, officeCode), lt(certificateExports.createdAt, new Date(Date.now() - EXPORT_KEEP_MS))));
  for (const { id } of old) {
    await db.delete(certificateExportChunks).where(eq(certificateExportChunks.exportId, id));
    await db.delete(certificateExports).where(eq(certificateExports.id, id));
  }
}

/** An export of the user's office with its state (a RUNNING one without a recent heartbeat is INTERRUPTED). */
export async function getExport({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  assertDesk(user);
  const row = await db.query.certificateExports.findFirst({ where: eq(certificateExports.id, id) });
  if (!row || row.officeCode !== user.officeCode) throw notFound();
  const state: ExportState = row.status === "RUNNING" && Date.now() - row.updatedAt.getTime() > EXPORT_STALE_MS ? "INTERRUPTED" : row.status;
  return { ...row, state };
}

/**
 * The finished file as a stream of its chunks, read one at a time, with its size and a file name
 * stamped with the office's time. `not_found` until the export is DONE.
 */
export async function openExportFile({ db, user, id }: { db: Db; user: CurrentUser; id: string }) {
  const e = await getExport({ db, user, id });
  if (e.state !== "DONE") throw notFound();
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const [chunk] = await db
        .select({ seq: certificateExportChunks.seq, bytes: certificateExportChunks.bytes })
        .from(certificateExportChunks)
        .where(and(eq(certificateExportChunks.exportId, id), gt(certificateExportChunks.seq, next - 1)))
        .orderBy(asc(certificateExportChunks.seq))
        .limit(1);
      if (!chunk) return controller.close();
      next = chunk.seq + 1;
      controller.enqueue(chunk.bytes);
    },
  });
  const stamp = officeStamp(e.createdAt);
  return { stream, size: e.byteSize, fileName: `${M.exportFilePrefix}-${stamp}.xlsx`, asciiName: `certificates-${stamp}.xlsx` };
}

/** 20261120-1032 in the office's time zone. */
const officeStamp = (d: Date) => `${officeToday(d).replaceAll("-", "")}-${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16).replace(":", "")}`;
