/** What the slice's pages share: reading the application form with its upload, and answering with a stored file. */
import type { Context } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { formValues, type FormValues } from "../../lib/forms.ts";
import type { Upload } from "./service.ts";

/** The typed fields as strings (to show again) and the chosen file, if any. */
export async function readApplicationForm(c: Context<AppEnv>): Promise<{ values: FormValues; file: Upload | null }> {
  const body = await c.req.parseBody();
  const raw = body.file;
  const file = raw instanceof File && raw.size > 0 ? { bytes: new Uint8Array(await raw.arrayBuffer()), name: raw.name } : null;
  return { values: formValues(body), file };
}

/** The fields the service reads, from the form's strings (an empty box is "not given"). */
export function formInput(values: FormValues) {
  const s = (k: string) => values[k] ?? "";
  return {
    docType: s("docType") || null,
    documentNo: s("documentNo"),
    destinationCountry: s("destinationCountry") || null,
    purpose: s("purpose"),
    copies: s("copies").trim() || undefined,
    remarks: s("remarks"),
  };
}

/** A stored file, shown in the browser (never guessed at: nosniff comes with every answer), and never cached. */
export function fileResponse(c: Context<AppEnv>, { bytes, mediaType, fileName }: { bytes: Uint8Array; mediaType: string; fileName: string }) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  c.header("Content-Type", mediaType);
  c.header("Content-Disposition", `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  c.header("Cache-Control", "private, no-store");
  return c.body(bytes as Uint8Array<ArrayBuffer>);
}
