import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ORIGIN, startTestApp, TestClient } from "../../../test/support/app.ts";
import { invoiceFields, invoicePdf } from "../../../test/support/commercial.ts";
import { userFor } from "../../../test/support/users.ts";
import { DEMO_PASSWORD } from "../../demo/data.ts";
import { M } from "./messages.ts";
import { returnCommercialDocument } from "./office-actions.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
let a: TestClient;
let b: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  a = new TestClient(t.app);
  await a.signIn("1100A4419", DEMO_PASSWORD);
  b = new TestClient(t.app);
  await b.signIn("1100A4420", DEMO_PASSWORD);
});
afterAll(() => t.close());

/** Posts the application form as the page does: fields and (optionally) the file, multipart. */
async function postForm(client: TestClient, path: string, fields: Record<string, string | number>, file?: { bytes: Uint8Array; name: string; type: string }) {
  if (!client.csrf) await client.get("/sign-in");
  const body = new FormData();
  body.set("_csrf", client.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, String(v));
  if (file) body.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  return client.request(path, { method: "POST", body, headers: { origin: ORIGIN } });
}

const idFrom = (res: Response) => res.headers.get("location")!.match(/\/commercial\/([^/?]+)/)![1]!;

describe("the exporter's 商事证明 pages", () => {
  test("the navigation leads to the list; the new-application form names every field", async () => {
    const home = await (await a.get("/commercial")).text();
    expect(home).toContain('href="/commercial"');
    const form = await (await a.get("/commercial/new")).text();
    for (const label of Object.values(M.fields)) expect(form).toContain(label);
    expect(form).toContain("商业发票 Commercial Invoice");
  });

  test("a refused file keeps everything typed and names the field", async () => {
    const fields = { ...invoiceFields("CI-KEEP-ME"), purpose: "保留我 keep me" };
    const res = await postForm(a, "/commercial", fields, { bytes: new TextEncoder().encode("not a pdf"), name: "invoice.pdf", type: "application/pdf" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(M.fileType);
    expect(html).toContain('value="CI-KEEP-ME"');
    expect(html).toContain('value="保留我 keep me"');
    expect(html).toMatch(/<option value="COMMERCIAL_INVOICE" selected/);
  });

  test("a bad country is shown beside its field with the rest kept", async () => {
    const res = await postForm(a, "/commercial", { ...invoiceFields("CI-BAD-CTRY"), destinationCountry: "ZZ" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(M.countryUnknown);
    expect(html).toContain('value="CI-BAD-CTRY"');
  });

  test("save, send, withdraw, send; the list finds it by document number under its tab; B sees nothing of it", async () => {
    const saved = await postForm(a, "/commercial", invoiceFields("CI-PAGE-001"), { bytes: await invoicePdf(2), name: "发票.pdf", type: "application/pdf" });
    expect(saved.status).toBe(303);
    const id = idFrom(saved);
    const detail = await (await a.get(`/commercial/${id}?done=saved`)).text();
    expect(detail).toContain(M.saved);
    expect(detail).toContain("发票.pdf（2 KB，2 页）");
    expect((await a.post(`/commercial/${id}/send`, {})).status).toBe(303);
    expect(await (await a.get(`/commercial/${id}`)).text()).toContain(M.statusLabels.PENDING!);
    expect((await a.post(`/commercial/${id}/withdraw`, {})).status).toBe(303);
    expect((await a.post(`/commercial/${id}/send`, {})).status).toBe(303);
    const list = await (await a.get("/commercial?status=PENDING&q=page-001")).text();
    expect(list).toContain("CI-PAGE-001");
    expect(await (await a.get("/commercial?status=DRAFT&q=page-001")).text()).not.toContain("CI-PAGE-001");
    for (const path of [`/commercial/${id}`, `/commercial/${id}/file`, `/commercial/${id}/edit`, `/commercial/${id}/pdf`])
      expect({ path, status: (await b.get(path)).status }).toEqual({ path, status: 404 });
    expect((await b.post(`/commercial/${id}/withdraw`, {})).status).toBe(404);
    expect(await (await b.get("/commercial?q=page-001")).text()).not.toContain("CI-PAGE-001");
    const file = await a.get(`/commercial/${id}/file`);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
  });

  test("sending an incomplete draft lists what is missing; a returned application shows the office's reason", async () => {
    const draft = idFrom(await postForm(a, "/commercial", { docType: "PACKING_LIST" }));
    const refused = await a.post(`/commercial/${draft}/send`, {});
    expect(refused.status).toBe(422);
    const html = await refused.text();
    for (const m of [M.documentNoRequired, M.countryRequired, M.purposeRequired, M.fileRequired]) expect(html).toContain(m);
    const sent = idFrom(await postForm(a, "/commercial", invoiceFields("CI-RET-1"), { bytes: await invoicePdf(1), name: "i.pdf", type: "application/pdf" }));
    await a.post(`/commercial/${sent}/send`, {});
    await returnCommercialDocument({ db: t.db, reviewer: await userFor(t.db, "reviewer1100"), id: sent, reason: "请上传盖章的发票" });
    expect(await (await a.get(`/commercial/${sent}`)).text()).toContain("请上传盖章的发票");
    expect(await (await a.get("/commercial?status=RETURNED")).text()).toContain("请上传盖章的发票");
    // Edit keeps the stored file when no new one is chosen, and may be sent again.
    expect((await postForm(a, `/commercial/${sent}`, { ...invoiceFields("CI-RET-1"), remarks: "已更正" })).status).toBe(303);
    expect((await a.post(`/commercial/${sent}/send`, {})).status).toBe(303);
  });
});
