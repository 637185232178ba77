import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** PostgreSQL text cannot hold NUL; a typed or pasted one would otherwise fail the write. */
export const stripNul = (s: string) => (s.includes("\u0000") ? s.replaceAll("\u0000", "") : s);

/** Flattens a urlencoded/multipart body to strings (files are dropped here; upload handlers read them). */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = stripNul(first);
  }
  return out;
}

/**
 * Validates a form with a zod schema whose messages are the Chinese texts shown next to fields.
 * On failure returns the first message per field and the values as typed, so the page can be
 * rendered again with nothing lost.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>): FormResult<z.infer<S>> {
  const values = formValues(body);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".");
    if (!(key in errors)) errors[key] = issue.message;
  }
  return { ok: false, errors, values };
}

export function issuesToErrors(issues: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) if (!(i.path in errors)) errors[i.path] = i.message;
  return errors;
}
