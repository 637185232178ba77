/**
 * 证书预览 over HTTP: the preview block lists lazily loaded page images and the PDF link; each page
 * image is a PNG of the same drawing as the PDF, revalidated by ETag (304 without drawing); PREVIEW
 * until approval; another enterprise or office gets 404.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { startTestApp, TestClient } from "../../../test/support/app.ts";
import { goodBody } from "../../../test/support/certificates.ts";
import { approvedCertificate, userOf } from "../../../test/support/print.ts";
import { createCertificate } from "../certificates/index.ts";
import { M } from "./messages.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let enterprise: TestClient;
let reviewer: TestClient;
let draftId: string;

beforeAll(async () => {
  t = await startTestApp();
  enterprise = new TestClient(t.app);
  await enterprise.signIn("1100A4419", DEMO_PASSWORD);
  reviewer = new TestClient(t.app);
  await reviewer.signIn("reviewer1100", DEMO_PASSWORD);
  draftId = (await createCertificate({ db: t.db, user: await userOf(t.db, "1100A4419"), body: { ...goodBody("GENERAL", "INV-PREVIEW-1") } })).id;
});
afterAll(() => t.close());

async function pdfText(res: Response) {
  const file = `${require("node:os").tmpdir()}/origo-preview-${crypto.randomUUID()}.pdf`;
  await Bun.write(file, await res.arrayBuffer());
  return Bun.$`pdftotext -layout ${file} -`.text();
}

describe("certificate preview", () => {
  test("the block lists one lazily loaded image per page and links the PDF", async () => {
    const res = await enterprise.get(`/print/certificates/${draftId}/preview`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(M.previewMarked);
    expect(html).toContain(`href="/print/certificates/${draftId}/pdf"`);
    const images = [...html.matchAll(/<img src="([^"]+)" loading="lazy"/g)].map((m) => m[1]);
    // The form, then its overleaf notes (an eCO's last page).
    expect(images.length).toBe(2);
    images.forEach((src, i) => expect(src).toMatch(new RegExp(`^/print/certificates/${draftId}/pages/${i + 1}\\?v=[\\w-]{12}$`)));
  });

  test("a page image is a PNG, answered 304 when the browser's copy is current", async () => {
    const res = await enterprise.get(`/print/certificates/${draftId}/pages/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // A4 at 120 dpi: 992 px wide (the PNG header holds width and height big-endian at 16 and 20).
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(16)).toBe(992);
    expect(view.getUint32(20)).toBe(1403);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await enterprise.get(`/print/certificates/${draftId}/pages/1`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await enterprise.get(`/print/certificates/${draftId}/pages/2`)).status).toBe(200);
    expect((await enterprise.get(`/print/certificates/${draftId}/pages/3`)).status).toBe(404);
    expect((await enterprise.get(`/print/certificates/${draftId}/pages/x`)).status).toBe(404);
  });

  test("the PDF is the same drawing, marked PREVIEW before approval", async () => {
    const res = await enterprise.get(`/print/certificates/${draftId}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain("-preview.pdf");
    const text = await pdfText(res);
    expect(text).toContain("PREVIEW");
    expect(text).toContain("INV-PREVIEW-1");
  });

  test("the office sees its enterprises' certificates; after approval its drawing is the print", async () => {
    expect((await reviewer.get(`/print/certificates/${draftId}/pages/1`)).status).toBe(200);
    const { id, number } = await approvedCertificate(t.db);
    const block = await (await reviewer.get(`/print/certificates/${id}/preview`)).text();
    expect(block).toContain(M.previewFinal);
    const pdf = await reviewer.get(`/print/certificates/${id}/pdf`);
    const text = await pdfText(pdf);
    expect(text).toContain(number);
    expect(text).not.toContain("PREVIEW");
    // The enterprise without local printing still gets the marked drawing: the office prints the original.
    expect(await (await enterprise.get(`/print/certificates/${id}/preview`)).text()).toContain(M.previewMarked);
    // Approval changes the drawing, so the validator changes with it.
    const before = (await enterprise.get(`/print/certificates/${id}/pages/1`)).headers.get("etag");
    expect(before).not.toBe((await reviewer.get(`/print/certificates/${id}/pages/1`)).headers.get("etag"));
  });

  test("another enterprise or another office gets 404 for the block, the images and the PDF", async () => {
    for (const login of ["1100A4420", "admin3100"]) {
      const other = new TestClient(t.app);
      await other.signIn(login, DEMO_PASSWORD);
      for (const path of ["preview", "pages/1", "pdf"]) {
        const res = await other.get(`/print/certificates/${draftId}/${path}`);
        expect({ login, path, status: res.status }).toEqual({ login, path, status: 404 });
      }
    }
  });
});
