/**
 * The printer models approved for eCO self-printing, and the check that a printer is one of them.
 *
 * The old system compared the Windows printer *name* with a model string, so offices renamed their
 * printers to make it pass (manual Q15 “打印机不匹配”, Q21 “如何修改打印机名称”). We compare what the
 * printer itself reports over IPP (`printer-make-and-model`), which nobody can or needs to rename.
 *
 * How a reported make-and-model matches an entry: both are reduced to words (NFKC, lower case, any
 * punctuation is a separator) and the printer's words must contain the entry's model code — letters
 * then digits, e.g. `m252`, `cp5225` — optionally followed by variant letters (`n`, `dn`, `dw`, `nw`:
 * network, duplex, wireless), since those variants share the print engine and so the layout.
 * Series and marketing words (“Color”, “Pro 200”, “Professional”, “Enterprise 500”) are not
 * compared: vendors order them differently across firmware and drivers (“HP Color LaserJet Pro M252”
 * and “HP LaserJet Pro M252 color” are the same printer), and the model code alone identifies it.
 * When the report names a vendor we know (HP, Samsung, or another big printer maker), it must be the
 * entry's vendor; a report without a known vendor word is matched on the code alone.
 */

export type ApprovedPrinterModel = {
  /** Stable key, stored with a registered printer. */
  id: string;
  /** One of PRINTER_VENDORS. */
  vendor: string;
  /** The model code as compared: letters then digits, lower case. */
  code: string;
  /** How the model is shown to people, as the manual writes it. */
  label: string;
};

/** Source: the old system's manual (seed/000_50dafbf4b65299ee.txt), 五、打印, Q20 “指定的激光打印机型号有哪些”. */
export const APPROVED_PRINTER_MODELS: readonly ApprovedPrinterModel[] = [
  { id: "hp-m251", vendor: "hp", code: "m251", label: "惠普 (HP) LaserJet Pro 200 M251n 彩色激光打印机" },
  { id: "hp-m252", vendor: "hp", code: "m252", label: "惠普 (HP) Color LaserJet Pro M252 彩色激光打印机" },
  { id: "hp-m451", vendor: "hp", code: "m451", label: "惠普 (HP) LaserJet Pro 400 M451dn 彩色激光打印机" },
  { id: "hp-cp5225", vendor: "hp", code: "cp5225", label: "惠普 (HP) Color LaserJet Professional CP5225dn 彩色激光打印机" },
  { id: "hp-m551", vendor: "hp", code: "m551", label: "惠普 (HP) LaserJet Enterprise 500 color M551n 彩色激光打印机" },
  { id: "samsung-c1810", vendor: "samsung", code: "c1810", label: "三星 (Samsung) C1810 Series 彩色激光打印机" },
];

/**
 * Vendor words as printers report them, to tell a Canon “M252” from an HP one. Vendors with no
 * approved model are listed too, so that their codes cannot match an approved entry.
 */
const VENDOR_WORDS: Record<string, string> = {
  hp: "hp",
  hewlett: "hp",
  packard: "hp",
  samsung: "samsung",
  brother: "brother",
  canon: "canon",
  dell: "dell",
  epson: "epson",
  fuji: "fujifilm",
  fujifilm: "fujifilm",
  fujixerox: "fujifilm",
  konica: "konica-minolta",
  minolta: "konica-minolta",
  kyocera: "kyocera",
  lenovo: "lenovo",
  lexmark: "lexmark",
  oki: "oki",
  pantum: "pantum",
  ricoh: "ricoh",
  sharp: "sharp",
  toshiba: "toshiba",
  xerox: "xerox",
};

/** The vendors a reported make-and-model is recognised by, for approved-model lists kept as data. */
export const PRINTER_VENDORS: readonly string[] = [...new Set(Object.values(VENDOR_WORDS))];

/** Text of the PRINTER_MISMATCH state. It tells what the printer reported and what is approved; it never asks anyone to rename a printer. */
export const PRINTER_MISMATCH_MESSAGES = {
  noModel: "该打印机没有报告型号，无法确认是否为指定型号。请确认打印机地址指向的是打印机本身，或改用指定型号的打印机。",
  notApproved: (reported: string, approved: readonly ApprovedPrinterModel[]) =>
    `该打印机报告的型号为“${reported}”，不在指定的激光打印机型号之列。请改用以下型号之一：${approved.map((m) => m.label).join("；")}。`,
} as const;

export type ModelMatch = { ok: true; model: ApprovedPrinterModel } | { ok: false; reason: string };

const CODE_WORD = /^([a-z]{1,3})(\d{3,5})([a-z]{0,3})$/;

function words(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Matches a printer's reported `printer-make-and-model` against the approved models (see the file comment for the rules). */
export function matchApprovedModel(makeAndModel: string, approved: readonly ApprovedPrinterModel[]): ModelMatch {
  const reported = makeAndModel.trim();
  const ws = words(reported);
  if (ws.length === 0) return { ok: false, reason: PRINTER_MISMATCH_MESSAGES.noModel };
  const vendor = ws.map((w) => VENDOR_WORDS[w]).find((v) => v !== undefined);
  const codes = new Set(
    ws.flatMap((w) => {
      const m = CODE_WORD.exec(w);
      return m ? [m[1]! + m[2]!] : [];
    }),
  );
  const model = approved.find((m) => codes.has(m.code) && (vendor === undefined || vendor === m.vendor));
  return model ? { ok: true, model } : { ok: false, reason: PRINTER_MISMATCH_MESSAGES.notApproved(reported, approved) };
}
