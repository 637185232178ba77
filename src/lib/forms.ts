import type { z } from "zod";
import { unstorableChar, unstorableMessage } from "./charset.ts";
import { AppError, invalid, type ErrorCode } from "./errors.ts";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/**
 * Flattens a urlencoded/multipart body to strings, exactly as typed (files are dropped here; upload
 * handlers read them). Text the database cannot hold is not cleaned away here but refused by
 * `parseForm` or `refuseUnstorable`, beside its field.
 */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return out;
}

/** Each field holding a character `textField()` refuses (NUL, other control characters, lone surrogates), with its message. */
export function unstorableFields(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const [k, v] of Object.entries(values)) {
    const cp = unstorableChar(v);
    if (cp) errors[k] = unstorableMessage(cp);
  }
  return errors;
}

/**
 * For handlers whose services validate the rest and whose refusals go through `formFailure`: throws
 * `invalid` with one issue per field holding text the database cannot (textField()'s rule), the first
 * as the message, so the page shows it beside the field with what was typed. Call it inside the try.
 */
export function refuseUnstorable(values: FormValues): void {
  const issues = Object.entries(unstorableFields(values)).map(([path, message]) => ({ path, message }));
  if (issues.length) throw invalid(issues[0]!.message, issues);
}

/**
 * Validates a form with a zod schema whose messages are the Chinese texts shown next to fields.
 * On failure returns the first message per field and the values as typed, so the page can be
 * rendered again with nothing lost. Every field, in the schema or not, is held to textField()'s rule.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>): FormResult<z.infer<S>> {
  const values = formValues(body);
  const unstorable = unstorableFields(values);
  const parsed = schema.safeParse(values);
  if (parsed.success && !Object.keys(unstorable).length) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = { ...unstorable };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
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

/**
 * The one status table of a page shown again with a service's refusal. `invalid` (what the person
 * typed) is 422 on every page; the JSON API answers 400 for it, as its contract says (errors.ts).
 */
const FORM_STATUS = { invalid: 422, not_found: 404, conflict: 409, too_large: 413, rate_limited: 429 } as const satisfies Partial<Record<ErrorCode, number>>;
export type FormRefusal = keyof typeof FORM_STATUS;
export type FormStatus = (typeof FORM_STATUS)[FormRefusal];

/**
 * A refusal as the page shows it: the message, each field's problem, the answer's status, and
 * `summary`, the message for the top of a form only when no field carries the problem.
 */
export type FormFailure<C extends FormRefusal = FormRefusal> = {
  code: C;
  status: (typeof FORM_STATUS)[C];
  message: string;
  summary: string | undefined;
  errors: FieldErrors;
};

/**
 * The one path from a failed service call to a re-rendered form: an AppError with one of the codes
 * the page can show becomes its FormFailure; anything else is rethrown, for the app's error handler
 * (a logged 500 or the error's own page).
 */
export function formFailure<C extends FormRefusal>(e: unknown, ...codes: C[]): FormFailure<C> {
  if (!(e instanceof AppError) || !codes.includes(e.code as C)) throw e;
  const code = e.code as C;
  return { code, status: FORM_STATUS[code], message: e.message, summary: e.issues.length ? undefined : e.message, errors: issuesToErrors(e.issues) };
}

export type Attempt<T, C extends FormRefusal> = { ok: true; value: T } | { ok: false; failure: FormFailure<C> };

/**
 * A service call through `formFailure`, so a handler stays parse → call → render without a try: the
 * call's value, or the refusal its page shows (anything else is rethrown, as by `formFailure`).
 */
export async function attempt<T, C extends FormRefusal>(call: Promise<T>, ...codes: C[]): Promise<Attempt<T, C>> {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    return { ok: false, failure: formFailure(e, ...codes) };
  }
}

/**
 * `attempt` for a form whose service validates its fields: first every field is held to textField()'s
 * rule (`refuseUnstorable`, an `invalid` refusal beside the field), then the call is made. `invalid` is
 * always shown; `codes` names the other refusals the page shows.
 */
export function attemptForm<T, C extends FormRefusal = "invalid">(
  values: FormValues,
  call: () => Promise<T>,
  ...codes: C[]
): Promise<Attempt<T, "invalid" | C>> {
  const checked = async () => {
    refuseUnstorable(values);
    return call();
  };
  return attempt<T, "invalid" | C>(checked(), "invalid", ...codes);
}
