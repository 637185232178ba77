/** Machine review of the parties, destination, ports and transport (review-parties.ts), on the valid fixtures. */

import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES } from "../../reference/index.ts";
import { hasBlockingProblems } from "./review-rules.ts";
import { type Edit, FILED_NAME, only, review, rules, TODAY } from "./review.fixtures.ts";

describe("EXPORTER_MISMATCH", () => {
  test("the exporter name must equal the filed English name exactly", () => {
    expect(rules(review("CHAFTA", (c) => (c.exporter!.name = "BEIJING TUOBANG INVESTMENT CO.,LTD.")))).toEqual(["EXPORTER_MISMATCH@exporter.name"]);
    expect(rules(review("GENERAL", (c) => (c.exporter!.name = "Beijing Tuobang Investment Co., Ltd.")))).toEqual(["EXPORTER_MISMATCH@exporter.name"]);
    expect(review("CHAFTA", (c) => (c.exporter!.name = `  ${FILED_NAME} `))).toEqual([]);
  });
});

describe("SIGNER_INVALID", () => {
  test("unknown or inactive hand-signer", () => {
    expect(rules(review("GENERAL", (c) => (c.handSigner = "赵六")))).toEqual(["SIGNER_INVALID@handSigner"]);
    const [inactive] = review("GENERAL", (c) => (c.handSigner = "李四"));
    expect(inactive?.rule).toBe("SIGNER_INVALID");
    expect(inactive?.hint).toContain("张三、王五");
  });

  test("no signature image only matters when seal and signature are printed", () => {
    expect(rules(review("GENERAL", (c) => (c.handSigner = "王五")))).toEqual(["SIGNER_INVALID@handSigner"]);
    expect(
      review("GENERAL", (c) => {
        c.handSigner = "王五";
        c.printSeal = false;
      }),
    ).toEqual([]);
  });

  test("a hand-signer without a romanised name cannot be printed on an English certificate", () => {
    const noLatin = { handSigners: [{ name: "张三", active: true, hasSignature: true, hasLatinName: false }] };
    const [p] = review("GENERAL", () => {}, noLatin);
    expect(p?.rule).toBe("SIGNER_INVALID");
    expect(p?.message).toContain("没有登记姓名拼音");
    expect(review("GENERAL", () => {}, { handSigners: [{ name: "张三", active: true, hasSignature: true, hasLatinName: true }] })).toEqual([]);
  });
});

describe("DEST_IS_CHINA", () => {
  test("destination mainland China; Hong Kong is not mainland", () => {
    const ps = review("GENERAL", (c) => {
      c.destinationCountry = "CN";
      c.consignee!.country = "CN";
      c.transport!.to = { country: "CN" };
    });
    expect(only(ps, "DEST_IS_CHINA").map((p) => p.field)).toEqual(["destinationCountry"]);
    expect(only(ps, "DEST_NOT_PARTY")).toEqual([]);
    expect(
      review("GENERAL", (c) => {
        c.destinationCountry = "HK";
        c.consignee!.country = "HK";
        c.transport!.to = { country: "HK", port: "HONG KONG" };
      }),
    ).toEqual([]);
  });
});

describe("DEST_NOT_PARTY", () => {
  const elsewhere =
    (country: string, port = ""): Edit =>
    (c) => {
      c.destinationCountry = country;
      c.consignee!.country = country;
      c.transport!.to = { country, port };
    };

  test("a destination that is not an importing party", () => {
    const ps = review("CHAFTA", elsewhere("NZ", "AUCKLAND"));
    expect(rules(ps)).toEqual(["DEST_NOT_PARTY@destinationCountry"]);
    expect(ps[0]!.hint).toContain("澳大利亚");
    expect(rules(review("CEPA_HK", elsewhere("MO")))).toEqual(["DEST_NOT_PARTY@destinationCountry"]);
    expect(review("GENERAL", elsewhere("NZ", "AUCKLAND"))).toEqual([]);
  });

  test("an agreement not yet in force for that party on the application date", () => {
    const atDate = (today: string) =>
      review(
        "RCEP",
        (c) => {
          elsewhere("KR", "BUSAN")(c);
          c.invoice!.date = "2022-01-10";
          c.transport!.departureDate = "2022-02-20";
        },
        { today },
      );
    const ps = atDate("2022-01-15");
    expect(rules(ps)).toEqual(["DEST_NOT_PARTY@destinationCountry"]);
    expect(ps[0]!.message).toContain("2022-02-01");
    expect(atDate("2022-02-01")).toEqual([]);
  });
});

describe("CONSIGNEE_COUNTRY", () => {
  const consigneeIn =
    (country: string): Edit =>
    (c) =>
      (c.consignee!.country = country);

  test("an error on every agreement form", () => {
    for (const type of CERTIFICATE_TYPE_CODES.filter((t) => t !== "GENERAL")) {
      const ps = review(type, consigneeIn("US"));
      expect(ps.map((p) => [p.rule, p.field, p.severity])).toEqual([["CONSIGNEE_COUNTRY", "consignee.country", "error"]]);
    }
  });

  test("a warning on the general certificate, which does not block sending", () => {
    const ps = review("GENERAL", consigneeIn("CA"));
    expect(ps.map((p) => [p.rule, p.severity])).toEqual([["CONSIGNEE_COUNTRY", "warning"]]);
    expect(hasBlockingProblems(ps)).toBe(false);
  });
});

describe("PORT_COUNTRY", () => {
  test("the loading port must be in mainland China", () => {
    expect(rules(review("CHAFTA", (c) => (c.transport!.from = { country: "CN", port: "HONG KONG" })))).toEqual(["PORT_COUNTRY@transport.from.port"]);
    expect(rules(review("CHAFTA", (c) => (c.transport!.from = { country: "HK", port: "KWAI CHUNG" })))).toEqual(["PORT_COUNTRY@transport.from.port"]);
    expect(review("CHAFTA", (c) => (c.transport!.from = { country: "CN", port: "TAICANG" }))).toEqual([]);
  });

  test("a known discharge port must be in the destination country", () => {
    const [p] = review("CHAFTA", (c) => (c.transport!.to = { country: "AU", port: "BUSAN" }));
    expect([p?.rule, p?.field]).toEqual(["PORT_COUNTRY", "transport.to.port"]);
    expect(p?.message).toContain("BUSAN");
    expect(rules(review("CHAFTA", (c) => (c.transport!.to = { country: "NZ", port: "AUCKLAND" })))).toEqual(["PORT_COUNTRY@transport.to.port"]);
    // A port the reference does not know, or the country alone, is accepted.
    expect(review("CHAFTA", (c) => (c.transport!.to = { country: "AU", port: "DARWIN" }))).toEqual([]);
    expect(review("CHAFTA", (c) => (c.transport!.to = { country: "AU", port: null }))).toEqual([]);
  });
});

describe("TRANSPORT", () => {
  test("missing mode or destination is TRANSPORT, not REQUIRED", () => {
    expect(rules(review("GENERAL", (c) => (c.transport!.mode = null)))).toEqual(["TRANSPORT@transport.mode"]);
    expect(rules(review("GENERAL", (c) => (c.transport!.to = null)))).toEqual(["TRANSPORT@transport.to"]);
  });

  test("after shipment an FTA form needs the real carrier number", () => {
    const after =
      (vessel: string | null): Edit =>
      (c) => {
        c.transport!.departureDate = "2026-11-24";
        c.transport!.vessel = vessel;
      };
    for (const vessel of [null, "***", "BY SEA", "TBA"]) {
      expect(rules(review("CHAFTA", after(vessel)))).toEqual(["TRANSPORT@transport.vessel"]);
    }
    expect(review("CHAFTA", after("COSCO STAR V.123"))).toEqual([]);
    // The day of shipment counts as after shipment (§17 rule 33: application date ≥ shipment date).
    expect(
      rules(
        review("CHAFTA", (c) => {
          c.transport!.departureDate = TODAY;
          c.transport!.vessel = "BY SEA";
        }),
      ),
    ).toEqual(["TRANSPORT@transport.vessel"]);
    expect(review("GENERAL", after(null))).toEqual([]);
    expect(
      review("APTA", (c) => {
        after(null)(c);
        c.transport!.departureDate = "2026-11-25";
      }),
    ).toEqual([]);
  });

  test("before shipment *** is accepted, except on the Chile form", () => {
    expect(review("CHAFTA", (c) => (c.transport!.vessel = "***"))).toEqual([]);
    expect(rules(review("CNCL", (c) => (c.transport!.vessel = "***")))).toEqual(["TRANSPORT@transport.vessel"]);
  });
});
