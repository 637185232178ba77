import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { Resvg } from "@resvg/resvg-js";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { M as RM } from "../registration/messages.ts";
import forge from "node-forge";
import { certificateEndorsements, officeSeals, officeSignatories, officeSigningKeys } from "../endorsement/schema.ts";
import { importSigningKey } from "../endorsement/documents.ts";
import { M as EM } from "../endorsement/messages.ts";
import { createSelfSignedKey, signPdf } from "../endorsement/signing.ts";
import { M as VM } from "../verify/messages.ts";
import { VERIFY_LIMITS } from "../verify/rules.ts";
import { verificationLookups } from "../verify/schema.ts";
import { certificates } from "./schema.ts";
import { apiClient, goodBody, tokenFor } from "../../../test/support/certificates.ts";
import { pdfSig, pdfText, readQrCode } from "../../../test/support/pdf.ts";
import { approveCertificate } from "./office/office-actions.ts";

let PUBLIC: string;
let t: Awaited<ReturnType<typeof startTestApp>>;
let api: ReturnType<typeof apiClient>;
let token: string;

beforeAll(async () => {
  // The configured default (no override): development's own origin, not whatever the client sends.
  t = await startTestApp();
  PUBLIC = t.config.publicUrl;
  token = await tokenFor(t.db, "1100A4419");
  api = apiClient(t.app, token);
});
afterAll(() => t.close());

async function approvedGeneral(over: Record<string, unknown> = {}) {
  const created = await api("POST", "/certificates", { ...goodBody("GENERAL"), localPrint: true, ...over });
  expect((await api("POST", `/certificates/${created.json.id}/send`)).status).toBe(200);
  const reviewer = await t.db.query.accounts.findFirst({ where: (x, { eq }) => eq(x.login, "reviewer1100") });
  const approved = await approveCertificate({ db: t.db, reviewer: { ...reviewer!, role: "office_reviewer" }, id: created.json.id });
  const row = await t.db.query.certificates.findFirst({ where: (x, { eq }) => eq(x.id, created.json.id) });
  return { id: created.json.id as string, number: approved.number, code: row!.verificationCode! };
}

const pdfOf = async (id: string, host: string) => {
  const res = await t.app.request(`http://${host}/api/v1/certificates/${id}/pdf`, { headers: { authorization: `Bearer ${token}`, host } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

describe("the verification address of an issued eCO", () => {
  test("comes from PUBLIC_URL, whatever Host the request names: the QR decodes to it and the Verify line prints it", async () => {
    const cert = await approvedGeneral();
    const pdf = await pdfOf(cert.id, "anything.example");
    expect(await readQrCode(pdf)).toBe(`${PUBLIC}/verify?no=${encodeURIComponent(cert.number)}&code=${cert.code}`);
    const text = await pdfText(pdf);
    expect(text).toContain(`Verify at ${PUBLIC}/verify`);
    expect(text).not.toContain("anything.example");
  });
});

/** The images a PDF draws (poppler's list: size and colour of each). */
async function imagesOf(pdf: Uint8Array) {
  const file = `${require("node:os").tmpdir()}/origo-images-${crypto.randomUUID()}.pdf`;
  await Bun.write(file, pdf);
  return (await Bun.$`pdfimages -list ${file}`.text())
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/).slice(3, 5).join("x"));
}

const pngOf = (width: number, colour: string) =>
  new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="45" fill="none" stroke="${colour}" stroke-width="6"/></svg>`,
    { fitTo: { mode: "width", value: width } },
  )
    .render()
    .asPng();

describe("the office's seal and authorised signature", () => {
  test("an approved eCO carries the office seal, the signatory's signature and name, the exporter's signature and romanised name, and no Chinese", async () => {
    const cert = await approvedGeneral({ printSeal: true, handSigner: "张三" });
    const pdf = await pdfOf(cert.id, "localhost");
    const text = await pdfText(pdf);
    expect(text).toContain("ZHANG SAN"); // the hand-signer, romanised by the office
    expect(text).toContain("LI MING"); // reviewer1100 is the office's signatory
    expect(text).toContain("CCPIT BEIJING SUB-COUNCIL");
    expect(text).not.toMatch(/[\u3400-\u9fff]/);
    // enterprise seal, hand-signer's signature, office seal, signatory's signature
    expect((await imagesOf(pdf)).length).toBeGreaterThanOrEqual(4);
  });

  test("a seal or signatory changed after approval never changes an approved certificate; a non-image seal is refused and changes nothing", async () => {
    const cert = await approvedGeneral({ printSeal: true, handSigner: "张三" });
    const before = await imagesOf(await pdfOf(cert.id, "localhost"));
    const admin = new TestClient(t.app);
    await admin.signIn("admin1100", DEMO_PASSWORD);
    const sealBefore = await t.db.query.officeSeals.findFirst({ where: eq(officeSeals.officeCode, "1100B0") });

    const bad = await admin.upload("/office/endorsement/seal", new TextEncoder().encode("%PDF-1.7 not a seal"), "seal.png", "image/png");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(RM.imageNotImage);
    expect((await t.db.query.officeSeals.findFirst({ where: eq(officeSeals.officeCode, "1100B0") }))!.imageId).toBe(sealBefore!.imageId);

    expect((await admin.upload("/office/endorsement/seal", pngOf(123, "#c00"), "new-seal.png", "image/png")).status).toBe(303);
    const signatory = (await t.db.query.officeSignatories.findFirst({ where: eq(officeSignatories.officeCode, "1100B0") }))!;
    const renamed = await admin.post(`/office/endorsement/signatories/${signatory.id}`, {
      nameLatin: "li ming-hua",
      accountId: signatory.accountId!,
      active: "1",
      isDefault: "1",
    });
    expect(renamed.status).toBe(303);
    expect((await admin.upload(`/office/endorsement/signatories/${signatory.id}/signature`, pngOf(77, "#00c"), "sig.png", "image/png")).status).toBe(303);
    expect((await admin.post("/office/endorsement/hidden-word", { word: "COPY" })).status).toBe(303);

    const again = await pdfOf(cert.id, "localhost");
    expect(await imagesOf(again)).toEqual(before);
    expect(await pdfText(again)).toContain("LI MING");
    const later = await approvedGeneral({ printSeal: true, handSigner: "张三" });
    const laterPdf = await pdfOf(later.id, "localhost");
    expect(await pdfText(laterPdf)).toContain("LI MING-HUA");
    expect(await imagesOf(laterPdf)).toContain("123x123");
    const hidden = async (id: string) =>
      (await t.db.query.certificateEndorsements.findFirst({ where: eq(certificateEndorsements.certificateId, id) }))!.hiddenWord;
    expect([await hidden(cert.id), await hidden(later.id)]).toEqual(["VOID", "COPY"]);

    const page = await (await admin.get("/office/endorsement")).text();
    expect(page).toContain("更换签证章");
    expect(page).toContain("LI MING-HUA");
  });
});

describe("the PAdES signature of an issued eCO", () => {
  test("the approved eCO is signed by its office over the whole file, reason = its number; the same bytes every time", async () => {
    const cert = await approvedGeneral();
    const first = await pdfOf(cert.id, "localhost");
    const report = await pdfSig(first);
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Signer Certificate Common Name: CCPIT BEIJING SUB-COUNCIL");
    // pdfsig does not print the reason: read it from the signature dictionary
    expect(Buffer.from(first).toString("latin1")).toContain(`/Reason (${cert.number})`);
    const again = await pdfOf(cert.id, "localhost");
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  test("a preview before approval is not signed and says PREVIEW", async () => {
    const created = await api("POST", "/certificates", { ...goodBody("GENERAL"), localPrint: true });
    const pdf = await pdfOf(created.json.id, "localhost");
    expect(await pdfSig(pdf)).toContain("does not contain any signatures");
    expect(await pdfText(pdf)).toContain("PREVIEW");
  });
});

describe("checking an issued eCO on /verify", () => {
  const visitor = () => new TestClient(t.app);
  const checkFile = async (bytes: Uint8Array, name = "eco.pdf", type = "application/pdf") => {
    const res = await visitor().upload("/verify/file", bytes, name, type, "file");
    return { status: res.status, html: await res.text() };
  };

  test("the look-up shows the issued file's SHA-256 and the office's signing certificate", async () => {
    await t.db.delete(verificationLookups);
    const cert = await approvedGeneral();
    const pdf = await pdfOf(cert.id, "localhost");
    const html = await (await t.app.request(`/verify?no=${cert.number}&code=${cert.code}`)).text();
    expect(html).toContain(new Bun.CryptoHasher("sha256").update(pdf).digest("hex"));
    expect(html).toContain("CN=CCPIT BEIJING SUB-COUNCIL");
  });

  test("an uploaded file: the issued one is recognised with its current state; altered, foreign, not-PDF and oversized files are told apart", async () => {
    await t.db.delete(verificationLookups);
    const cert = await approvedGeneral();
    const pdf = await pdfOf(cert.id, "localhost");

    const genuine = await checkFile(pdf);
    expect(genuine.status).toBe(200);
    expect(genuine.html).toContain(VM.issuedCopy);
    expect(genuine.html).toContain(VM.sigValid("CN=CCPIT BEIJING SUB-COUNCIL, O=CCPIT BEIJING SUB-COUNCIL, C=CN"));
    expect(genuine.html).toContain(VM.valid);

    await t.db.update(certificates).set({ status: "VOIDED" }).where(eq(certificates.id, cert.id));
    expect((await checkFile(pdf)).html).toContain(VM.voided);

    const altered = pdf.slice();
    // one letter of the document information changed, inside the signed bytes
    const at = Buffer.from(altered).indexOf("/Producer");
    expect(at).toBeGreaterThan(0);
    altered[at + 2] = altered[at + 2]! ^ 0x20;
    const tampered = await checkFile(altered);
    expect(tampered.html).toContain(VM.notIssuedCopy);
    expect(tampered.html).toContain(VM.sigInvalid);

    const forged = await signPdf(pdf, {
      key: createSelfSignedKey({ officeName: "CCPIT BEIJING SUB-COUNCIL" }),
      reason: cert.number,
      name: "CCPIT BEIJING SUB-COUNCIL",
      location: "BEIJING",
    });
    const foreign = await checkFile(forged);
    expect(foreign.html).toContain(VM.notIssuedCopy);
    expect(foreign.html).toContain(VM.sigValidOther);
    expect(foreign.html).not.toContain(VM.voided);

    const notPdf = await checkFile(new TextEncoder().encode("hello, I am a PDF"), "eco.pdf");
    expect(notPdf.status).toBe(400);
    expect(notPdf.html).toContain(VM.fileNotPdf);
    const huge = await checkFile(new Uint8Array(VERIFY_LIMITS.maxUploadBytes + 10).fill(0x25));
    expect(huge.status).toBe(413);
    expect(huge.html).toContain(VM.fileTooLarge);
  });
});

/** A PKCS#12 file as a CA or a tool exports it; `certKey` lets the certificate belong to another key. */
function p12Of({ notAfter = new Date(Date.now() + 365 * 86_400_000), mismatched = false, passphrase = "secret" } = {}) {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const other = mismatched ? forge.pki.rsa.generateKeyPair(1024) : keys;
  const cert = forge.pki.createCertificate();
  cert.publicKey = other.publicKey;
  cert.serialNumber = "0A1B2C";
  cert.validity.notBefore = new Date(notAfter.getTime() - 2 * 365 * 86_400_000);
  cert.validity.notAfter = notAfter;
  const name = [{ shortName: "CN", value: "CCPIT BEIJING SUB-COUNCIL (CA-ISSUED)" }];
  cert.setSubject(name);
  cert.setIssuer([{ shortName: "CN", value: "TEST CA" }]);
  cert.sign(other.privateKey, forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: "3des" })).getBytes();
  return new Uint8Array(Buffer.from(der, "binary"));
}

describe("importing an office signing key", () => {
  const secretKey = () => t.config.twoFactorKey;
  const keysOf = () => t.db.query.officeSigningKeys.findMany({ where: eq(officeSigningKeys.officeCode, "1100B0") });

  test("an expired certificate, a key that does not match its certificate, or a wrong passphrase is refused and changes nothing", async () => {
    const before = await keysOf();
    const tries = [
      [p12Of({ notAfter: new Date(Date.now() - 86_400_000) }), "secret", EM.p12.expired],
      [p12Of({ mismatched: true }), "secret", EM.p12.mismatch],
      [p12Of(), "wrong", EM.p12.unreadable],
    ] as const;
    for (const [p12, passphrase, message] of tries) {
      await expect(importSigningKey({ db: t.db, officeCode: "1100B0", p12, passphrase, secretKey: secretKey() })).rejects.toThrow(message);
    }
    expect(await keysOf()).toEqual(before);
  });

  test("a CA-issued key signs the certificates approved from then on", async () => {
    await importSigningKey({ db: t.db, officeCode: "1100B0", p12: p12Of(), passphrase: "secret", secretKey: secretKey() });
    const cert = await approvedGeneral();
    const report = await pdfSig(await pdfOf(cert.id, "localhost"));
    expect(report).toContain("Signer Certificate Common Name: CCPIT BEIJING SUB-COUNCIL (CA-ISSUED)");
    expect(report).toContain("Signature is Valid.");
  });
});
