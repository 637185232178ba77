/**
 * Helpers for print tests: people as the services see them, certificates put straight into the
 * APPROVED state (until the review desk's approveCertificate exists), waiting for a job's state,
 * and what a real printer (ippeveprinter, see scripts/test.sh) kept in its spool folder.
 */
import { eq } from "drizzle-orm";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CurrentUser } from "../../src/app-env.ts";
import type { Db } from "../../src/db/client.ts";
import { certificates } from "../../src/db/schema.ts";
import { createCertificate } from "../../src/modules/certificates/index.ts";
import type { CertificateTypeCode } from "../../src/modules/reference/index.ts";
import { printJobs } from "../../src/modules/print/schema.ts";
import { goodBody } from "./certificates.ts";

export async function userOf(db: Db, login: string): Promise<CurrentUser> {
  const a = await db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, login) });
  if (!a) throw new Error(`no account ${login}`);
  return { id: a.id, login: a.login, role: a.role, displayName: a.displayName, officeCode: a.officeCode, enterpriseId: a.enterpriseId };
}

let serial = 0;

/**
 * A certificate of `login`'s enterprise, saved through the certificates service and then set to
 * APPROVED with a number and verification code directly in the database.
 */
export async function approvedCertificate(
  db: Db,
  {
    login = "1100A4419",
    type = "GENERAL",
    printMode = "ECO",
    localPrint = false,
    copies = 1,
  }: { login?: string; type?: CertificateTypeCode; printMode?: "ECO" | "PCO"; localPrint?: boolean; copies?: number } = {},
) {
  const user = await userOf(db, login);
  const body = { ...goodBody(type), printMode, localPrint, copies };
  const { id } = await createCertificate({ db, user, body });
  serial += 1;
  const number = `26C1100A${String(process.pid % 1000).padStart(3, "0")}${String(serial).padStart(4, "0")}`;
  await db
    .update(certificates)
    .set({ status: "APPROVED", number, verificationCode: `V${serial}X${process.pid % 100}`, approvedAt: new Date(), sentAt: new Date() })
    .where(eq(certificates.id, id));
  return { id, number };
}

/** Polls the job until it is in one of `states`; fails with the states it went through. */
export async function waitForJobState(db: Db, id: string, states: string[], timeoutMs = 30_000) {
  const t0 = Date.now();
  let last = "";
  for (;;) {
    const job = await db.query.printJobs.findFirst({ where: eq(printJobs.id, id) });
    if (job && states.includes(job.state)) return job;
    last = `${job?.state} ${job?.message ?? ""}`;
    if (Date.now() - t0 > timeoutMs) throw new Error(`job ${id} did not reach ${states.join("/")} within ${timeoutMs} ms; it is ${last}`);
    await Bun.sleep(50);
  }
}

export const printerUri = (port: number) => `ipp://localhost:${port}/ipp/print`;
const printersUp = (process.env.IPP_PRINTERS ?? "").split(" ").filter(Boolean);
/** Ports of the printers scripts/test.sh starts that are not up here (empty inside `npm test` as root). */
export const missingPrinters = (...ports: number[]) => ports.filter((p) => !printersUp.includes(printerUri(p)));

/**
 * Documents the printer kept for IPP jobs whose name starts with `tag`. ippeveprinter names them
 * `<ipp job id>-<job name>.pdf`, the name lower-cased with every run of other characters than
 * letters, digits and `-` turned into `_` (`origo-<id>.1 26C…` is kept as `<n>-origo-<id>_1_26c….pdf`).
 */
export function spooledFor(port: number, tag: string): { name: string; ippJobId: number; bytes: Uint8Array }[] {
  const dir = process.env[`IPP_SPOOL_${port}`];
  if (!dir) throw new Error(`IPP_SPOOL_${port} is not set`);
  const prefix = `${tag} `.toLowerCase().replace(/[^a-z0-9-]+/g, "_");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pdf") && f.replace(/^\d+-/, "").startsWith(prefix))
    .map((name) => ({ name, ippJobId: Number(name.split("-")[0]), bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}
