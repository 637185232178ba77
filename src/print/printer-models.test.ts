import { describe, expect, test } from "bun:test";
import { APPROVED_PRINTER_MODELS, matchApprovedModel, PRINTER_MISMATCH_MESSAGES } from "./printer-models.ts";

const idOf = (makeAndModel: string) => {
  const r = matchApprovedModel(makeAndModel, APPROVED_PRINTER_MODELS);
  return r.ok ? r.model.id : null;
};

describe("matchApprovedModel", () => {
  test("the manual lists six approved models", () => {
    expect(APPROVED_PRINTER_MODELS.map((m) => m.id)).toEqual(["hp-m251", "hp-m252", "hp-m451", "hp-cp5225", "hp-m551", "samsung-c1810"]);
  });

  test("accepts each model as real printers report it over IPP", () => {
    expect(idOf("HP LaserJet 200 color M251n")).toBe("hp-m251");
    expect(idOf("HP Color LaserJet Pro M252dw")).toBe("hp-m252");
    expect(idOf("HP LaserJet 400 color M451dn")).toBe("hp-m451");
    expect(idOf("HP Color LaserJet CP5225dn")).toBe("hp-cp5225");
    expect(idOf("HP LaserJet 500 color M551")).toBe("hp-m551");
    expect(idOf("Samsung C1810 Series")).toBe("samsung-c1810");
  });

  test("ignores word order, case, whitespace, punctuation, full-width letters and vendor spelling", () => {
    expect(idOf("HP Color LaserJet Pro M252")).toBe("hp-m252");
    expect(idOf("HP LaserJet Pro M252 color")).toBe("hp-m252");
    expect(idOf("  hp   color laserjet pro m252n  ")).toBe("hp-m252");
    expect(idOf("Hewlett-Packard HP Color LaserJet Pro M252dw")).toBe("hp-m252");
    expect(idOf("ＨＰ Ｃｏｌｏｒ ＬａｓｅｒＪｅｔ Ｐｒｏ Ｍ２５２")).toBe("hp-m252");
    expect(idOf("Color LaserJet Pro M252")).toBe("hp-m252");
  });

  test("refuses other models, near-miss numbers and another vendor's code", () => {
    expect(idOf("HP LaserJet Pro M404")).toBeNull();
    expect(idOf("HP Color LaserJet Pro M2520")).toBeNull();
    expect(idOf("HP Color LaserJet Pro M25")).toBeNull();
    expect(idOf("Canon PIXMA TS3100")).toBeNull();
    expect(idOf("Canon M252")).toBeNull();
    expect(idOf("Samsung M252")).toBeNull();
  });

  test("the mismatch reason names what the printer reported and the approved models, and never asks for a rename", () => {
    const r = matchApprovedModel("Canon PIXMA TS3100", APPROVED_PRINTER_MODELS);
    expect(r).toEqual({ ok: false, reason: PRINTER_MISMATCH_MESSAGES.notApproved("Canon PIXMA TS3100", APPROVED_PRINTER_MODELS) });
    if (r.ok) return;
    expect(r.reason).toContain("Canon PIXMA TS3100");
    for (const m of APPROVED_PRINTER_MODELS) expect(r.reason).toContain(m.label);
    for (const reason of [r.reason, PRINTER_MISMATCH_MESSAGES.noModel]) expect(reason).not.toMatch(/名称|改名|重命名|rename/i);
  });

  test("an empty report is refused with its own reason", () => {
    expect(matchApprovedModel("  ", APPROVED_PRINTER_MODELS)).toEqual({ ok: false, reason: PRINTER_MISMATCH_MESSAGES.noModel });
  });

  test("matches against the list it is given, not a built-in one", () => {
    const only = APPROVED_PRINTER_MODELS.filter((m) => m.id === "samsung-c1810");
    expect(matchApprovedModel("HP Color LaserJet Pro M252", only).ok).toBe(false);
    expect(matchApprovedModel("Samsung C1810 Series", only).ok).toBe(true);
  });
});
