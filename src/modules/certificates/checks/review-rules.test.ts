/** Machine review as a whole (review-rules.ts): every type's baseline, required fields, formats, charset, dates, retroactive issue, marks image, and every rule code. */
import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES, type CertificateTypeCode } from "../../reference/index.ts";
import { M } from "../messages.ts";
import { computeRetroactive } from "./review-rules.ts";
import type { Problem } from "./review-problems.ts";
import { type Edit, FILED_NAME, filingFor, goods0, only, review, rules, TODAY, validCert } from "./review.fixtures.ts";

describe("baseline", () => {
  for (const type of CERTIFICATE_TYPE_CODES) {
    test(`a complete ${type} certificate has no problems`, () => {
      expect(review(type)).toEqual([]);
    });
  }

  test("every problem has a Chinese message and hint", () => {
    const ps = review("CHAFTA", (c) => {
      c.exporter = null;
      c.goods = [{}];
      c.transport = {};
    });
    expect(ps.length).toBeGreaterThan(5);
    for (const p of ps) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.hint).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("REQUIRED", () => {
  test("empty fields the form needs are named by path", () => {
    const ps = review("CHAFTA", (c) => {
      c.exporter = { name: " ", address: null };
      c.consignee = null;
      c.invoice = { currency: "USD" };
      c.exportCustoms = "";
      c.handSigner = null;
      goods0(c).description = "";
    });
    expect(only(ps, "REQUIRED").map((p) => p.field)).toEqual([
      "handSigner",
      "exporter.name",
      "exporter.address",
      "consignee.name",
      "consignee.address",
      "consignee.country",
      "invoice.number",
      "invoice.date",
      "goods.0.description",
      "exportCustoms",
    ]);
  });

  test("the filed English name is offered as the fix for an empty exporter name", () => {
    const [p] = only(
      review("CHAFTA", (c) => (c.exporter!.name = "")),
      "REQUIRED",
    );
    expect(p?.hint).toContain(FILED_NAME);
  });

  test("no goods at all", () => {
    expect(rules(review("GENERAL", (c) => (c.goods = [])))).toEqual(["REQUIRED@goods"]);
  });

  test("departure date: required on agreement forms, optional on the general certificate", () => {
    expect(rules(review("CHAFTA", (c) => (c.transport!.departureDate = null)))).toEqual(["REQUIRED@transport.departureDate"]);
    expect(review("GENERAL", (c) => (c.transport!.departureDate = null))).toEqual([]);
  });

  test("producer: required where the form has a producer box only", () => {
    expect(rules(review("CNKR", (c) => (c.producer = null)))).toEqual(["REQUIRED@producer.name"]);
    expect(review("ACFTA", (c) => (c.producer = null))).toEqual([]);
  });

  test("quantity or gross weight", () => {
    expect(
      rules(
        review("GENERAL", (c) => {
          goods0(c).quantity = null;
          goods0(c).grossWeightKg = null;
        }),
      ),
    ).toEqual(["REQUIRED@goods.0.quantity"]);
    expect(review("GENERAL", (c) => (goods0(c).quantity = null))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (goods0(c).quantity = { value: 10 })))).toEqual(["REQUIRED@goods.0.quantity.unit"]);
  });

  test("an unnamed consignee (TO ORDER) needs no address, but its country is still checked", () => {
    expect(review("GENERAL", (c) => (c.consignee = { name: "to order", country: "US" }))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (c.consignee = { name: "to order" })))).toEqual(["REQUIRED@consignee.country"]);
    expect(rules(review("GENERAL", (c) => (c.consignee = { name: "TO ORDER", country: "DE" })))).toEqual(["CONSIGNEE_COUNTRY@consignee.country"]);
  });

  test("currency is needed once a line carries a value", () => {
    expect(rules(review("GENERAL", (c) => (c.invoice!.currency = null)))).toEqual(["REQUIRED@invoice.currency"]);
    expect(
      review("GENERAL", (c) => {
        c.invoice!.currency = null;
        goods0(c).value = null;
      }),
    ).toEqual([]);
  });
});

describe("FORMAT", () => {
  test("unknown country codes", () => {
    expect(
      rules(
        review("GENERAL", (c) => {
          c.destinationCountry = "XX";
          c.consignee!.country = "XX";
          c.transport!.to!.country = "XX";
        }),
      ),
    ).toEqual(["FORMAT@consignee.country", "FORMAT@destinationCountry", "FORMAT@transport.to.country"]);
    expect(
      only(
        review("GENERAL", (c) => (c.destinationCountry = "us")),
        "FORMAT",
      ).map((p) => p.field),
    ).toEqual(["destinationCountry"]);
  });

  test("customs district not in the list", () => {
    expect(rules(review("GENERAL", (c) => (c.exportCustoms = "1234")))).toEqual(["FORMAT@exportCustoms"]);
  });

  test("declaration number: 18 digits, an export one", () => {
    expect(review("GENERAL", (c) => (c.declarationNo = "090020260000012345"))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (c.declarationNo = "09002026000001234")))).toEqual(["FORMAT@declarationNo"]);
    const [imported] = review("GENERAL", (c) => (c.declarationNo = "090020261000012345"));
    expect(imported?.message).toContain("不是出口报关单");
  });

  test("amounts, quantities, weights, currency, copies, mode", () => {
    expect(rules(review("ACFTA", (c) => (goods0(c).value = "2500.001")))).toEqual(["FORMAT@goods.0.value"]);
    expect(rules(review("ACFTA", (c) => (goods0(c).value = "12,000")))).toEqual(["FORMAT@goods.0.value"]);
    expect(review("ACFTA", (c) => (goods0(c).value = "2500.50"))).toEqual([]);
    expect(rules(review("GENERAL", (c) => (goods0(c).quantity!.value = 0)))).toEqual(["FORMAT@goods.0.quantity.value"]);
    expect(rules(review("GENERAL", (c) => (goods0(c).grossWeightKg = -1)))).toEqual(["FORMAT@goods.0.grossWeightKg"]);
    expect(rules(review("GENERAL", (c) => (c.invoice!.currency = "US$")))).toEqual(["FORMAT@invoice.currency"]);
    expect(rules(review("GENERAL", (c) => (c.copies = 1.5)))).toEqual(["FORMAT@copies"]);
    expect(rules(review("GENERAL", (c) => (c.transport!.mode = "CAMEL")))).toEqual(["FORMAT@transport.mode"]);
    expect(review("GENERAL", (c) => (c.transport!.mode = "by vessel"))).toEqual([]);
  });
});

describe("CHARSET", () => {
  test("names the full-width character and its half-width replacement", () => {
    const ps = review("GENERAL", (c) => (c.consignee!.address = "1 GEORGE ST，SYDNEY（NSW）"));
    expect(rules(ps)).toEqual(["CHARSET@consignee.address"]);
    expect(ps[0]!.message).toBe("全角字符 '，'、'（'、'）' 应为半角 ','、'('、')'。");
    expect(ps[0]!.hint).toContain("一键替换");
  });

  test("Chinese characters have no replacement and are named", () => {
    const [p] = review("GENERAL", (c) => (goods0(c).description = "WORKING GLOVES 手套"));
    expect(p?.rule).toBe("CHARSET");
    expect(p?.field).toBe("goods.0.description");
    expect(p?.message).toBe("英文证书上不能出现中文字符：'手'、'套'。");
    expect(p?.message).not.toContain("U+");
    expect(p?.hint).toBe(M.charsetHintDelete);
  });

  test("every printed field is checked; the hand-signer's Chinese name is not printed", () => {
    const ps = review("CHAFTA", (c) => {
      c.producer!.name = "ＳＡＭＥ";
      goods0(c).marks = "Ｎ/Ｍ";
      c.transport!.vessel = "COSCO　STAR";
      c.remarks = "L/C NO：1";
      c.invoice!.number = "CI—1";
    });
    expect(only(ps, "CHARSET").map((p) => p.field)).toEqual(["producer.name", "transport.vessel", "invoice.number", "goods.0.marks", "remarks"]);
  });

  test("fields the form does not print are not checked", () => {
    expect(review("GENERAL", (c) => (c.transport!.vessel = "中远之星"))).toEqual([]);
    expect(review("GENERAL", (c) => (goods0(c).originCriterion = "ＷＯ")).map((p) => p.rule)).toEqual(["CRITERION_INVALID"]);
  });

  test("a full-width difference in the exporter name is both CHARSET and EXPORTER_MISMATCH", () => {
    const ps = review("CHAFTA", (c) => (c.exporter!.name = FILED_NAME.replace(",", "，")));
    expect(rules(ps)).toEqual(["CHARSET@exporter.name", "EXPORTER_MISMATCH@exporter.name"]);
  });
});

describe("INVOICE_DUPLICATE", () => {
  test("names the live certificate holding the invoice number", () => {
    const ps = review("GENERAL", () => {}, { invoiceHolder: { id: "c-17", applicationNo: "A2026110001" } });
    expect(rules(ps)).toEqual(["INVOICE_DUPLICATE@invoice.number"]);
    expect(ps[0]!.message).toContain("A2026110001");
    expect(ps[0]!.message).toContain("CI-P171123");
  });
});

describe("dates: DATE_IN_FUTURE, INVOICE_AFTER_SHIPMENT", () => {
  test("invoice date after today", () => {
    expect(rules(review("GENERAL", (c) => (c.invoice!.date = "2026-11-26")))).toEqual(["DATE_IN_FUTURE@invoice.date"]);
    expect(review("GENERAL", (c) => (c.invoice!.date = TODAY))).toEqual([]);
  });

  test("invoice date after the departure date", () => {
    const ps = review("GENERAL", (c) => {
      c.invoice!.date = "2026-11-24";
      c.transport!.departureDate = "2026-11-23";
    });
    expect(rules(ps)).toEqual(["INVOICE_AFTER_SHIPMENT@invoice.date"]);
    expect(
      review("GENERAL", (c) => {
        c.invoice!.date = "2026-11-23";
        c.transport!.departureDate = "2026-11-23";
      }),
    ).toEqual([]);
  });
});

describe("RETRO_NOT_ALLOWED, RETRO_TOO_LATE and the retroactive marking", () => {
  const shipped =
    (departure: string, invoice = "2020-01-01"): Edit =>
    (c) => {
      c.transport!.departureDate = departure;
      c.invoice!.date = invoice;
    };
  const retro = (type: CertificateTypeCode, departure: string, today = TODAY) => {
    const cert = validCert(type);
    shipped(departure)(cert);
    return computeRetroactive(cert, { today });
  };

  test("APTA: no retroactive issue after 3 working days (2026-11-25 is a Wednesday)", () => {
    expect(review("APTA", shipped("2026-11-20"))).toEqual([]);
    const ps = review("APTA", shipped("2026-11-19"));
    expect(rules(ps)).toEqual(["RETRO_NOT_ALLOWED@transport.departureDate"]);
    expect(ps[0]!.message).toContain("3 个工作日");
    expect(retro("APTA", "2026-11-19")).toBeNull();
  });

  test("New Zealand: none before the 2022-04-07 upgrade, within a year since", () => {
    const nz = (departure: string, today: string) => review("CNNZ", shipped(departure, "2022-01-01"), { today });
    expect(rules(nz("2022-02-20", "2022-03-01"))).toEqual(["RETRO_NOT_ALLOWED@transport.departureDate"]);
    expect(nz("2022-04-20", "2022-05-01")).toEqual([]);
    expect(retro("CNNZ", "2022-04-20", "2022-05-01")?.wording).toBe("ISSUED RETROSPECTIVELY");
  });

  test("more than one year after shipment is too late", () => {
    expect(rules(review("CHAFTA", shipped("2025-11-24")))).toEqual(["RETRO_TOO_LATE@transport.departureDate"]);
    expect(review("CHAFTA", shipped("2025-11-25"))).toEqual([]);
    for (const type of ["ACFTA", "CNKR", "RCEP", "CNSG", "CNPK"] as const) {
      expect(rules(review(type, shipped("2025-11-01")))).toEqual(["RETRO_TOO_LATE@transport.departureDate"]);
    }
  });

  test("Chile before 2019-03-01: 30 days", () => {
    const cl = (departure: string) => review("CNCL", shipped(departure, "2019-01-01"), { today: "2019-02-20" });
    expect(rules(cl("2019-01-15"))).toEqual(["RETRO_TOO_LATE@transport.departureDate"]);
    expect(cl("2019-01-25")).toEqual([]);
  });

  test("the general certificate has no limit and is marked in Box 5", () => {
    expect(review("GENERAL", shipped("2023-06-01"))).toEqual([]);
    expect(retro("GENERAL", "2023-06-01")).toEqual({ wording: "ISSUED RETROSPECTIVELY", box: "5", tick: false });
  });

  test("grace periods: Form E 3 days, Korea 7 working days, Pakistan 15 days", () => {
    expect(retro("ACFTA", "2026-11-22")).toBeNull();
    expect(retro("ACFTA", "2026-11-21")).toEqual({ wording: "ISSUED RETROACTIVELY", box: "13", tick: true });
    expect(retro("CNKR", "2026-11-16")).toBeNull(); // Mon + 7 working days = Wed 25
    expect(retro("CNKR", "2026-11-13")).toEqual({ wording: "ISSUED RETROACTIVELY", box: "5", tick: false });
    expect(retro("CNPK", "2026-11-10")).toBeNull();
    expect(retro("CNPK", "2026-11-09")?.box).toBe("13");
  });

  test("wording and box per agreement", () => {
    expect(retro("CHAFTA", "2026-11-24")).toEqual({ wording: "ISSUED RETROSPECTIVELY", box: "5", tick: false });
    expect(retro("RCEP", "2026-11-24")).toEqual({ wording: "ISSUED RETROACTIVELY", box: "17", tick: true });
    expect(retro("CNPE", "2026-11-24")?.box).toBe("title");
    expect(retro("CNCH", "2026-11-24")?.box).toBe("4");
    expect(retro("CNCR", "2026-11-24")?.box).toBe("14");
    expect(retro("CNSG", "2026-11-24")?.box).toBe("12");
  });

  test("no marking before shipment or on the day of shipment", () => {
    expect(retro("CHAFTA", "2026-12-01")).toBeNull();
    expect(retro("CHAFTA", TODAY)).toBeNull();
    expect(computeRetroactive({ ...validCert("CHAFTA"), transport: null }, { today: TODAY })).toBeNull();
  });
});

describe("MARKS_IMAGE", () => {
  const png = (size: number) => {
    const bytes = new Uint8Array(size);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };

  test("jpg, png or gif by content, at most 400 KB", () => {
    expect(review("GENERAL", () => {}, { marksImage: { mime: "image/png", bytes: png(400 * 1024) } })).toEqual([]);
    const gif = new TextEncoder().encode("GIF89a......");
    expect(review("GENERAL", () => {}, { marksImage: { mime: "image/gif", bytes: gif } })).toEqual([]);
    const big = review("GENERAL", () => {}, { marksImage: { mime: "image/png", bytes: png(400 * 1024 + 1) } });
    expect(rules(big)).toEqual(["MARKS_IMAGE@marksImage"]);
    expect(big[0]!.message).toContain("401 KB");
    const pdf = new TextEncoder().encode("%PDF-1.7 ...");
    expect(rules(review("GENERAL", () => {}, { marksImage: { mime: "image/png", bytes: pdf } }))).toEqual(["MARKS_IMAGE@marksImage"]);
  });
});

describe("all rule codes", () => {
  test("each contract rule code is produced by some case above", async () => {
    const { RULE_CODES } = await import("./review-problems.ts");
    const seen = new Set<string>();
    const add = (ps: Problem[]) => ps.forEach((p) => seen.add(p.rule));
    add(
      review(
        "CHAFTA",
        (c) => {
          c.exporter = { name: "ＡCME", address: null };
          c.handSigner = "nobody";
          c.destinationCountry = "NZ";
          c.consignee!.country = "US";
          c.transport = { from: { country: "HK", port: "HONG KONG" }, to: { country: "NZ", port: "BUSAN" }, departureDate: "2024-01-01" };
          c.invoice = { number: "X", date: "2030-01-01", currency: "usd" };
          c.goods = Array.from({ length: 21 }, () => ({ marks: "", originCriterion: "RVC 40%", hsCode: "12" }));
        },
        { invoiceHolder: { id: 1, applicationNo: null }, marksImage: { mime: "x", bytes: new Uint8Array(1) }, filings: [] },
      ),
    );
    add(review("GENERAL", (c) => (c.destinationCountry = "CN")));
    add(
      review("ACFTA", (c) => {
        goods0(c).originCriterion = "RVC 10%";
        goods0(c).value = null;
      }),
    );
    add(
      review(
        "ACFTA",
        (c) => {
          c.invoice!.date = "2026-11-02";
          c.transport!.departureDate = "2026-11-01";
          goods0(c).packages = null;
        },
        { filings: [filingFor("ACFTA", undefined, "WO")] },
      ),
    );
    add(review("APTA", (c) => (c.transport!.departureDate = "2026-11-01")));
    add(review("CHAFTA", (c) => (goods0(c).hsCode = "6116109000")));
    add(review("CHAFTA", () => {}, { filings: [] }));
    expect([...RULE_CODES].filter((r) => !seen.has(r))).toEqual([]);
  });
});
