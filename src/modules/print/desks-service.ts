/**
 * The print slice's services for desks, approved printer models and printers (service.ts re-exports
 * the public ones; jobs are there). Each call runs in one transaction with its audit.
 * Who sees what: office staff their office's desks and printers; an enterprise its own desk.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, isNull } from "drizzle-orm";
import type { CurrentUser } from "../../app-env.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import { uniqueViolation } from "../../db/errors.ts";
import { unstorableChar } from "../../lib/charset.ts";
import { conflict, invalid, notFound } from "../../lib/errors.ts";
import { getPrinterInfo, PrinterError } from "../../print/ipp.ts";
import { matchApprovedModel, PRINTER_VENDORS } from "../../print/printer-models.ts";
import { recordAudit } from "../audit/index.ts";
import { getEnterpriseProfile } from "../registration/index.ts";
import type { Actor, PrintBus } from "./jobs.ts";
import { M } from "./messages.ts";
import * as q from "./queries.ts";
import { calibrationOk, normalizeModelCode, normalizePrinterUri, printerSays, type Route } from "./rules.ts";
import { printApprovedModels, printDesks, printPrinters } from "./schema.ts";

export const actorOf = (user: CurrentUser): Actor => ({ id: user.id, name: user.displayName });
export const isOffice = (user: CurrentUser) => user.role !== "enterprise";

export const hashDeskToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
const newDeskToken = () => `origo_desk_${encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))}`;

// --- desks ---------------------------------------------------------------------------------------

function deskVisible(user: CurrentUser, desk: q.DeskRow) {
  return isOffice(user) ? desk.officeCode === user.officeCode && desk.enterpriseId === null : desk.enterpriseId === user.enterpriseId;
}

/** A desk the user may work at, or not_found. */
export async function getDesk({ db, user, id }: { db: DbOrTx; user: CurrentUser; id: string }) {
  // An id from the address (?desk=) that the database cannot even compare (NUL) is no desk's.
  const desk = unstorableChar(id) ? undefined : await q.findDesk(db, id);
  if (!desk || !deskVisible(user, desk)) throw notFound();
  return desk;
}

/** The office's desks for office staff; the enterprise's own desk (if registered) for an enterprise. */
export async function listDesks({ db, user }: { db: DbOrTx; user: CurrentUser }) {
  if (isOffice(user)) return q.listOfficeDesks(db, user.officeCode!);
  const desk = await q.findEnterpriseDesk(db, user.enterpriseId!);
  return desk ? [desk] : [];
}

/** The desk a job goes to: the one asked for, else the user's first (office) or own (enterprise) desk. */
export async function targetDesk(db: DbOrTx, user: CurrentUser, deskId?: string) {
  if (deskId) return getDesk({ db, user, id: deskId });
  const [desk] = await listDesks({ db, user });
  if (!desk) throw conflict(isOffice(user) ? M.noDesk : M.noEnterpriseDesk);
  return desk;
}

/** Office admin: a new office desk. An agent-route desk gets its token now, shown once. */
export async function createOfficeDesk({ db, user, name, route }: { db: Db; user: CurrentUser; name: string; route: Route }) {
  const clean = name.trim();
  if (!clean || clean.length > 40) throw invalid(M.deskNameRequired, [{ path: "name", message: M.deskNameRequired }]);
  const id = Bun.randomUUIDv7();
  const token = route === "AGENT" ? newDeskToken() : null;
  await db.transaction(async (tx) => {
    await tx.insert(printDesks).values({ id, officeCode: user.officeCode!, name: clean, route, agentTokenHash: token ? hashDeskToken(token) : null });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: user.officeCode,
      entity: "print_desk",
      entityId: id,
      action: "created",
      after: { name: clean, route },
    });
  });
  return { id, token };
}

/**
 * A new agent token for a desk, replacing the old one (which stops working at once). An enterprise
 * calling this the first time gets its desk created (route AGENT: the server cannot reach its printer).
 */
export async function issueAgentToken({ db, user, deskId }: { db: Db; user: CurrentUser; deskId?: string }) {
  const token = newDeskToken();
  const id = await db.transaction(async (tx) => {
    const desk = isOffice(user)
      ? await getDesk({ db: tx, user, id: deskId ?? "" })
      : ((await q.findEnterpriseDesk(tx, user.enterpriseId!)) ?? (await newEnterpriseDesk(tx, user)));
    if (desk.route !== "AGENT") throw conflict(M.agentBadState);
    await tx
      .update(printDesks)
      .set({ agentTokenHash: hashDeskToken(token) })
      .where(eq(printDesks.id, desk.id));
    await recordAudit(tx, { actorId: user.id, officeCode: desk.officeCode, entity: "print_desk", entityId: desk.id, action: "agent_token_issued" });
    return desk.id;
  });
  return { deskId: id, token };
}

/** An enterprise's desk: always agent-route (the server cannot reach a printer in the exporter's office). */
async function newEnterpriseDesk(tx: DbOrTx, user: CurrentUser): Promise<q.DeskRow> {
  const { enterprise } = await getEnterpriseProfile({ db: tx, enterpriseId: user.enterpriseId! });
  const [desk] = await tx
    .insert(printDesks)
    .values({ id: Bun.randomUUIDv7(), officeCode: enterprise.officeCode, enterpriseId: enterprise.id, name: enterprise.nameZh, route: "AGENT" })
    .returning();
  return desk!;
}

// --- printers and approved models ---------------------------------------------------------------

/** The office's approved models (its own list, or the manual's until its first edit). */
export function listApprovedModels({ db, officeCode }: { db: DbOrTx; officeCode: string }) {
  return q.approvedModels(db, officeCode);
}

export async function addApprovedModel({ db, user, vendor, code, label }: { db: Db; user: CurrentUser; vendor: string; code: string; label: string }) {
  const issues = [];
  const normalized = normalizeModelCode(code);
  if (!PRINTER_VENDORS.includes(vendor)) issues.push({ path: "vendor", message: M.modelVendor });
  if (!normalized) issues.push({ path: "code", message: M.modelCode });
  if (!label.trim() || label.length > 100) issues.push({ path: "label", message: M.modelLabelRequired });
  if (issues.length) throw invalid(issues[0]!.message, issues);
  await db.transaction(async (tx) => {
    await q.materializeModels(tx, user.officeCode!);
    await tx
      .insert(printApprovedModels)
      .values({ id: Bun.randomUUIDv7(), officeCode: user.officeCode!, vendor, code: normalized!, label: label.trim() })
      .onConflictDoUpdate({
        target: [printApprovedModels.officeCode, printApprovedModels.vendor, printApprovedModels.code],
        set: { label: label.trim(), removedAt: null },
      });
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: user.officeCode,
      entity: "print_model",
      entityId: `${vendor}:${normalized}`,
      action: "approved",
      after: { label: label.trim() },
    });
  });
}

export async function removeApprovedModel({ db, user, vendor, code }: { db: Db; user: CurrentUser; vendor: string; code: string }) {
  await db.transaction(async (tx) => {
    await q.materializeModels(tx, user.officeCode!);
    const rows = await tx
      .update(printApprovedModels)
      .set({ removedAt: new Date() })
      .where(
        and(
          eq(printApprovedModels.officeCode, user.officeCode!),
          eq(printApprovedModels.vendor, vendor),
          eq(printApprovedModels.code, code),
          isNull(printApprovedModels.removedAt),
        ),
      )
      .returning({ id: printApprovedModels.id });
    if (!rows.length) throw notFound();
    await recordAudit(tx, { actorId: user.id, officeCode: user.officeCode, entity: "print_model", entityId: `${vendor}:${code}`, action: "removed" });
  });
}

/** The printers of the user's desks (office: every office desk; enterprise: the one its agent reported). */
export async function listPrinters({ db, user }: { db: DbOrTx; user: CurrentUser }) {
  const desks = await listDesks({ db, user });
  return q.listPrinters(
    db,
    desks.map((d) => d.id),
  );
}

export async function visiblePrinter(db: DbOrTx, user: CurrentUser, printerId: string) {
  const printer = await q.findPrinter(db, printerId);
  if (!printer || printer.removedAt) throw notFound();
  const desk = await getDesk({ db, user, id: printer.deskId });
  return { printer, desk };
}

/**
 * Office admin: registers a printer at a desk by its IPP URI. The printer is asked what it is
 * (`printer-make-and-model`) and refused unless that matches an approved model, with the reason
 * (what it reported, what is approved). Nobody is asked to rename anything (manual Q15, Q21).
 */
export async function registerPrinter({
  db,
  events,
  user,
  deskId,
  name,
  uri,
}: {
  db: Db;
  events: PrintBus;
  user: CurrentUser;
  deskId: string;
  name: string;
  uri: string;
}) {
  const desk = await getDesk({ db, user, id: deskId });
  const clean = name.trim();
  const normalized = normalizePrinterUri(uri);
  const issues = [];
  if (!clean || clean.length > 40) issues.push({ path: "name", message: M.nameRequired });
  if (!normalized) issues.push({ path: "uri", message: M.uriInvalid });
  if (issues.length) throw invalid(issues[0]!.message, issues);
  let makeAndModel: string;
  try {
    makeAndModel = (await getPrinterInfo({ uri: normalized! })).makeAndModel;
  } catch (e) {
    if (!(e instanceof PrinterError)) throw e;
    const message = printerSays(e);
    throw invalid(message, [{ path: "uri", message }]);
  }
  const match = matchApprovedModel(makeAndModel, await q.approvedModels(db, desk.officeCode));
  if (!match.ok) throw invalid(match.reason, [{ path: "uri", message: match.reason }]);
  const id = Bun.randomUUIDv7();
  await db
    .transaction(async (tx) => {
      await tx
        .insert(printPrinters)
        .values({ id, deskId: desk.id, name: clean, uri: normalized!, makeAndModel, modelLabel: match.model.label, checkedAt: new Date() });
      if (!desk.printerId) await tx.update(printDesks).set({ printerId: id }).where(eq(printDesks.id, desk.id));
      await recordAudit(tx, {
        actorId: user.id,
        officeCode: desk.officeCode,
        entity: "print_printer",
        entityId: id,
        action: "registered",
        after: { deskId: desk.id, name: clean, uri: normalized, makeAndModel },
      });
      await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
    })
    .catch((e) => {
      if (uniqueViolation(e)) throw invalid(M.printerExists, [{ path: "uri", message: M.printerExists }]);
      throw e;
    });
  return { id, makeAndModel, model: match.model };
}

export async function removePrinter({ db, events, user, printerId }: { db: Db; events: PrintBus; user: CurrentUser; printerId: string }) {
  const { printer, desk } = await visiblePrinter(db, user, printerId);
  await db.transaction(async (tx) => {
    await tx.update(printPrinters).set({ removedAt: new Date() }).where(eq(printPrinters.id, printer.id));
    if (desk.printerId === printer.id) await tx.update(printDesks).set({ printerId: null }).where(eq(printDesks.id, desk.id));
    await recordAudit(tx, { actorId: user.id, officeCode: desk.officeCode, entity: "print_printer", entityId: printer.id, action: "removed" });
    await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
  });
}

/** The desk's printer from now on (a desk remembers its last printer, manual Q15). */
export async function chooseDeskPrinter({
  db,
  events,
  user,
  deskId,
  printerId,
}: {
  db: Db;
  events: PrintBus;
  user: CurrentUser;
  deskId: string;
  printerId: string;
}) {
  const desk = await getDesk({ db, user, id: deskId });
  const printer = await q.findPrinter(db, printerId);
  if (!printer || printer.removedAt || printer.deskId !== desk.id) throw invalid(M.printerNotOnDesk, [{ path: "printerId", message: M.printerNotOnDesk }]);
  await db.transaction(async (tx) => {
    await tx.update(printDesks).set({ printerId }).where(eq(printDesks.id, desk.id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: desk.officeCode,
      entity: "print_desk",
      entityId: desk.id,
      action: "printer_chosen",
      after: { printerId },
    });
    await events.emit("print.desk", { deskId: desk.id, officeCode: desk.officeCode }, { tx });
  });
}

/** PCO offsets of a printer, in mm (positive = right / down), within ±10 mm. */
export async function setCalibration({ db, user, printerId, xMm, yMm }: { db: Db; user: CurrentUser; printerId: string; xMm: number; yMm: number }) {
  const issues = [];
  if (!calibrationOk(xMm)) issues.push({ path: "xMm", message: M.calibrationRange });
  if (!calibrationOk(yMm)) issues.push({ path: "yMm", message: M.calibrationRange });
  if (issues.length) throw invalid(M.calibrationRange, issues);
  const { printer, desk } = await visiblePrinter(db, user, printerId);
  await db.transaction(async (tx) => {
    await tx.update(printPrinters).set({ calibrationXMm: xMm, calibrationYMm: yMm }).where(eq(printPrinters.id, printer.id));
    await recordAudit(tx, {
      actorId: user.id,
      officeCode: desk.officeCode,
      entity: "print_printer",
      entityId: printer.id,
      action: "calibrated",
      before: { xMm: printer.calibrationXMm, yMm: printer.calibrationYMm },
      after: { xMm, yMm },
    });
  });
}

// --- jobs ----------------------------------------------------------------------------------------
