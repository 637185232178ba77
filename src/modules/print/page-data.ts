/** What each print page shows, gathered from the services (routes.tsx renders it). */
import type { CurrentUser } from "../../app-env.ts";
import type { Db } from "../../db/client.ts";
import { composeBackPage, printableTypes, type CertificateType } from "../../render/index.ts";
import { PRINTER_VENDORS } from "../../print/printer-models.ts";
import { getCertificate, getCertificatesByIds, listCertificates } from "../certificates/index.ts";
import { agentOnline } from "./agent-service.ts";
import { M } from "./messages.ts";
import type { DeskRow, JobRow } from "./queries.ts";
import * as q from "./queries.ts";
import { printRefusal } from "./rules.ts";
import { getDesk, listApprovedModels, listCertificateJobs, listDeskJobs, listDesks, listPrinters } from "./service.ts";

let backPageTypesCache: string[] | null = null;
/** The form types that have overleaf notes (the renderer refuses the others). */
export function backPageTypes(): string[] {
  backPageTypesCache ??= printableTypes().filter((t) => {
    try {
      composeBackPage(t);
      return true;
    } catch {
      return false;
    }
  });
  return backPageTypesCache;
}

/** PCO certificates printed and still waiting for their form serial (office only): the job list links to 修改印刷号. */
export async function awaitingSerial(db: Db, user: CurrentUser, jobs: JobRow[]): Promise<Set<string>> {
  if (user.role === "enterprise") return new Set();
  const ids = [...new Set(jobs.filter((j) => j.kind === "CERTIFICATE" && j.state === "DONE" && j.certificateId).map((j) => j.certificateId!))];
  const rows = await getCertificatesByIds({ db, user, ids });
  return new Set(rows.filter((r) => r.printMode === "PCO" && r.status === "APPROVED" && !r.formSerial).map((r) => r.id));
}

/** The office's approved certificates not yet printed (待打印), and which of them a job already holds. */
export async function waitingData(db: Db, user: CurrentUser) {
  const [waiting, open] = await Promise.all([
    listCertificates({ db, user, filters: { status: "APPROVED", printed: false }, sort: "sentAt", dir: "asc", pageSize: 50 }),
    q.listJobs(db, { officeCode: user.officeCode! }, 0),
  ]);
  return { waiting: waiting.rows, queued: new Set(open.filter((j) => j.certificateId && j.kind === "CERTIFICATE").map((j) => j.certificateId!)) };
}

/** The clerk's desk: the one asked for, else the office's first. */
export async function deskPageData(db: Db, user: CurrentUser, deskId: string | undefined) {
  const desks = await listDesks({ db, user });
  const desk = deskId ? await getDesk({ db, user, id: deskId }) : (desks[0] ?? null);
  if (!desk)
    return {
      desks,
      desk: null,
      printers: [],
      agentOnline: false,
      waiting: [],
      queued: new Set<string>(),
      jobs: [],
      awaitingSerial: new Set<string>(),
      backPageTypes: [],
    };
  const [printers, jobs, waiting] = await Promise.all([q.listPrinters(db, [desk.id]), listDeskJobs({ db, user, deskId: desk.id }), waitingData(db, user)]);
  return {
    desks,
    desk,
    printers,
    agentOnline: agentOnline(desk),
    ...waiting,
    jobs,
    awaitingSerial: await awaitingSerial(db, user, jobs),
    backPageTypes: backPageTypes(),
  };
}

export async function setupPageData(db: Db, user: CurrentUser) {
  const [desks, printers, models] = await Promise.all([
    listDesks({ db, user }),
    listPrinters({ db, user }),
    listApprovedModels({ db, officeCode: user.officeCode! }),
  ]);
  return { desks: desks.map((d) => ({ ...d, online: agentOnline(d) })), printers, models, vendors: PRINTER_VENDORS, formTypes: printableTypes() };
}

export async function agentPageData(db: Db, user: CurrentUser) {
  const [desk] = await listDesks({ db, user });
  if (!desk) return { desk: null, printers: [], online: false, printable: [], jobs: [] };
  const pages = await Promise.all(
    (["APPROVED", "ISSUED"] as const).map((status) =>
      listCertificates({ db, user, filters: { status, printMode: "ECO" }, sort: "sentAt", dir: "desc", pageSize: 50 }),
    ),
  );
  const full = await getCertificatesByIds({ db, user, ids: pages.flatMap((p) => p.rows.map((r) => r.id)) });
  const printable = full
    .filter((c) => c.body.localPrint)
    .map((c) => ({ id: c.id, number: c.number, applicationNo: c.applicationNo, type: c.type, invoiceNo: c.invoiceNo, printCount: c.printCount }));
  const [printers, jobs] = await Promise.all([q.listPrinters(db, [desk.id]), listDeskJobs({ db, user, deskId: desk.id })]);
  return { desk, printers, online: agentOnline(desk), printable, jobs };
}

export async function certificatePageData(db: Db, user: CurrentUser, id: string) {
  const cert = await getCertificate({ db, user, id });
  const office = user.role !== "enterprise";
  const desks: DeskRow[] = await listDesks({ db, user });
  let refusal = printRefusal(office ? "office" : "enterprise", { status: cert.status, printMode: cert.printMode, localPrint: Boolean(cert.body.localPrint) });
  if (!refusal && !desks.length) refusal = office ? M.noDesk : M.noEnterpriseDesk;
  const jobs = await listCertificateJobs({ db, user, certificateId: id });
  return {
    cert: {
      id: cert.id,
      number: cert.number,
      applicationNo: cert.applicationNo,
      type: cert.type,
      printMode: cert.printMode,
      status: cert.status,
      printCount: cert.printCount,
    },
    desks,
    office,
    refusal,
    jobs,
    awaitingSerial: await awaitingSerial(db, user, jobs),
    hasBackPage: backPageTypes().includes(cert.type as CertificateType),
  };
}
