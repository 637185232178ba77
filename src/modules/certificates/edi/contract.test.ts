import { describe, expect, test } from "bun:test";
import { CERTIFICATE_TYPE_CODES } from "../../reference/index.ts";
import { certificateBodyJsonSchema, parseCertificateBody } from "./contract.ts";

/** The body printed in edi-v1.md, verbatim. */
const contractExample = JSON.parse(`{
  "type": "CHAFTA",
  "printMode": "ECO",
  "localPrint": true,
  "printSeal": true,
  "copies": 2,
  "handSigner": "张三",
  "exporter":  {"name": "BEIJING TUOBANG INVESTMENT CO., LTD.", "address": "NO.1 ..., BEIJING, CHINA"},
  "producer":  {"name": "SAME", "address": ""},
  "consignee": {"name": "ACME PTY LTD", "address": "1 GEORGE ST, SYDNEY", "country": "AU"},
  "destinationCountry": "AU",
  "transport": {"from": {"country": "CN", "port": "DALIAN"}, "to": {"country": "AU", "port": "ADELAIDE"},
                "via": "HONGKONG", "mode": "SEA", "departureDate": "2026-12-01", "vessel": "COSCO STAR V.123",
                "routeText": null},
  "invoice": {"number": "CI-P171123", "date": "2026-11-20", "currency": "USD"},
  "goods": [{
    "marks": "N/M",
    "packages": {"count": 150, "kind": "CARTONS"},
    "description": "WORKING GLOVES",
    "hsCode": "6116100000",
    "originCriterion": "WP",
    "quantity": {"value": 1500, "unit": "PAIRS"},
    "grossWeightKg": 320.5,
    "value": 2500.00
  }],
  "remarks": "L/C NO. 123456",
  "exportCustoms": "0900",
  "declarationNo": null
}`);

const paths = (input: unknown) => {
  const r = parseCertificateBody(input);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe("the certificate body's shape", () => {
  test("the contract's example is well-shaped and parses to itself", () => {
    const r = parseCertificateBody(contractExample);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data).toEqual(contractExample);
  });

  test("every contract type code is accepted; others are a shape error", () => {
    for (const type of CERTIFICATE_TYPE_CODES) expect(parseCertificateBody({ ...contractExample, type }).ok).toBe(true);
    expect(paths({ ...contractExample, type: "FORM_A" })).toEqual(["type"]);
    expect(paths({ ...contractExample, type: "chafta" })).toEqual(["type"]);
  });

  test("printMode is ECO or PCO and must be given", () => {
    expect(paths({ ...contractExample, printMode: "PDF" })).toEqual(["printMode"]);
    const { printMode: _, ...noMode } = contractExample;
    expect(paths(noMode)).toEqual(["printMode"]);
  });

  test("dates must be real YYYY-MM-DD dates", () => {
    const at = (date: string) => paths({ ...contractExample, invoice: { ...contractExample.invoice, date } });
    expect(at("2026-02-30")).toEqual(["invoice.date"]);
    expect(at("2026-2-3")).toEqual(["invoice.date"]);
    expect(at("20.11.2026")).toEqual(["invoice.date"]);
    expect(at("2024-02-29")).toEqual([]);
    expect(paths({ ...contractExample, transport: { ...contractExample.transport, departureDate: "2025-02-29" } })).toEqual(["transport.departureDate"]);
  });

  test("at most 999 goods lines", () => {
    const line = contractExample.goods[0];
    expect(paths({ ...contractExample, goods: Array(999).fill(line) })).toEqual([]);
    expect(paths({ ...contractExample, goods: Array(1000).fill(line) })).toEqual(["goods"]);
  });

  test("wrong JSON types are shape errors, with dotted paths", () => {
    const line = { ...contractExample.goods[0], hsCode: 6116100000, packages: { count: "150", kind: "CARTONS" } };
    expect(paths({ ...contractExample, goods: [line], copies: "2" }).sort()).toEqual(["copies", "goods.0.hsCode", "goods.0.packages.count"]);
    expect(paths("not an object")).toEqual([""]);
  });

  test("bulk goods carry a null package count", () => {
    const line = { ...contractExample.goods[0], packages: { count: null, kind: "IN BULK" } };
    expect(paths({ ...contractExample, goods: [line] })).toEqual([]);
  });

  test("content problems are not shape errors: a nearly empty draft is well-shaped", () => {
    expect(paths({ type: "GENERAL", printMode: "PCO" })).toEqual([]);
    expect(paths({ type: "GENERAL", printMode: "PCO", destinationCountry: "XX", goods: [{ hsCode: "61.16", value: "abc", packages: { count: -1 } }] })).toEqual(
      [],
    );
  });

  test("unknown keys are dropped, so a body read back from GET can be sent again", () => {
    const r = parseCertificateBody({ ...contractExample, id: "c-1", status: "DRAFT", problems: [] });
    expect(r.ok && Object.keys(r.data)).not.toContain("status");
  });

  test("shape messages are Chinese", () => {
    const r = parseCertificateBody({ ...contractExample, type: "X" });
    expect(!r.ok && r.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("JSON Schema for the OpenAPI document", () => {
  test("is generated from the same schema, with type codes, limits and descriptions", () => {
    const schema = certificateBodyJsonSchema() as { $defs: Record<string, any>; $ref: string };
    expect(schema.$ref).toBe("#/$defs/CertificateBody");
    const body = schema.$defs.CertificateBody;
    expect(body.required).toEqual(["type", "printMode"]);
    expect(schema.$defs.CertificateType.enum).toEqual([...CERTIFICATE_TYPE_CODES]);
    expect(JSON.stringify(body.properties.goods)).toContain('"maxItems":999');
    expect(schema.$defs.Transport.properties.departureDate.description).toContain("YYYY-MM-DD");
    expect(JSON.stringify(schema.$defs.Transport)).toContain('"format":"date"');
  });
});
