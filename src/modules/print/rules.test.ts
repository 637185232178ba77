import { describe, expect, test } from "bun:test";
import { matchApprovedModel } from "../../print/printer-models.ts";
import { M } from "./messages.ts";
import {
  ippJobName,
  ippJobTag,
  isCancellable,
  isRetryable,
  normalizeModelCode,
  normalizePrinterUri,
  printRefusal,
  reprintReasonProblem,
  retryDelayMs,
} from "./rules.ts";

describe("print job rules", () => {
  test("anything not yet at the printer may be cancelled; PRINTING and finished jobs may not", () => {
    expect(["QUEUED", "COMPOSING", "COMPOSED", "DOWNLOADING", "COMPOSE_FAILED", "PRINTER_MISMATCH", "FAILED"].every((s) => isCancellable(s as never))).toBe(
      true,
    );
    expect(["PRINTING", "DONE", "CANCELLED"].some((s) => isCancellable(s as never))).toBe(false);
    expect(["COMPOSE_FAILED", "PRINTER_MISMATCH", "FAILED"].every((s) => isRetryable(s as never))).toBe(true);
    expect(["QUEUED", "PRINTING", "DONE", "CANCELLED"].some((s) => isRetryable(s as never))).toBe(false);
  });

  test("the office prints what it approved; an enterprise only eCO it asked to print itself", () => {
    expect(printRefusal("office", { status: "APPROVED", printMode: "PCO", localPrint: false })).toBeNull();
    expect(printRefusal("office", { status: "ISSUED", printMode: "ECO", localPrint: false })).toBeNull();
    expect(printRefusal("office", { status: "PENDING", printMode: "ECO", localPrint: true })).toBe(M.notPrintableStatus);
    expect(printRefusal("enterprise", { status: "APPROVED", printMode: "ECO", localPrint: true })).toBeNull();
    expect(printRefusal("enterprise", { status: "APPROVED", printMode: "ECO", localPrint: false })).toBe(M.notLocalPrint);
    expect(printRefusal("enterprise", { status: "APPROVED", printMode: "PCO", localPrint: true })).toBe(M.notLocalPrint);
  });

  test("a reprint needs a reason of at most 200 characters; a first print needs none", () => {
    expect(reprintReasonProblem(0, undefined)).toBeNull();
    expect(reprintReasonProblem(1, " ")).toBe(M.reprintReasonRequired);
    expect(reprintReasonProblem(2, "卡纸")).toBeNull();
    expect(reprintReasonProblem(1, "长".repeat(201))).toBe(M.reprintReasonTooLong);
  });

  test("an admin's model code is compared as the matcher does: M404dn approves a printer reporting M404", () => {
    expect(normalizeModelCode("M404dn")).toBe("m404");
    expect(normalizeModelCode(" ｍ４０４ ")).toBe("m404");
    expect(normalizeModelCode("CP5225")).toBe("cp5225");
    expect(normalizeModelCode("LaserJet")).toBeNull();
    const approved = [{ id: "x", vendor: "hp", code: normalizeModelCode("M404dn")!, label: "HP M404" }];
    expect(matchApprovedModel("HP LaserJet Pro M404", approved).ok).toBe(true);
  });

  test("printer addresses are ipp:// or ipps:// with a host", () => {
    expect(normalizePrinterUri(" ipp://192.168.1.20:631/ipp/print ")).toBe("ipp://192.168.1.20:631/ipp/print");
    expect(normalizePrinterUri("ipps://printer.local/ipp/print")).toBe("ipps://printer.local/ipp/print");
    expect(normalizePrinterUri("http://printer/")).toBeNull();
    expect(normalizePrinterUri("printer:631")).toBeNull();
  });

  test("retries wait longer each time, at most a minute; each run of a job has its own IPP tag", () => {
    expect([1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 60000]);
    const job = { id: "0199", run: 2, title: "26C1100A0001" };
    expect(ippJobTag(job)).toBe("origo-0199.2");
    expect(ippJobName(job)).toBe("origo-0199.2 26C1100A0001");
    expect(ippJobTag({ ...job, run: 3 })).not.toBe(ippJobTag(job));
  });
});
