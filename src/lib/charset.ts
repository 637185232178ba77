import { z } from "zod";

/**
 * What a certificate can carry: printable ASCII and line breaks. Chinese characters, full-width
 * forms and typographic punctuation cannot be printed on the forms and make the exporter-name check
 * fail on characters the eye cannot tell apart (REFERENCE.md §17 rule 3). `toHalfWidth` is the
 * one-click fix the form offers.
 */

const PRINTABLE = /^[\x20-\x7E\r\n]$/;

/** Typographic and CJK punctuation with an ASCII equivalent (full-width forms U+FF01–FF5E are mapped by offset). */
const PUNCTUATION: Record<string, string> = {
  "\u3000": " ", // ideographic space
  "\u00A0": " ", // no-break space
  "\t": " ",
  "。": ".",
  "、": ",",
  "“": '"',
  "”": '"',
  "„": '"',
  "‘": "'",
  "’": "'",
  "《": "<",
  "》": ">",
  "〈": "<",
  "〉": ">",
  "【": "[",
  "】": "]",
  "〔": "(",
  "〕": ")",
  "「": '"',
  "」": '"',
  "『": '"',
  "』": '"',
  "—": "-",
  "–": "-",
  "―": "-",
  "‐": "-",
  "‑": "-",
  "−": "-",
  "〜": "~",
  "…": "...",
  "·": ".",
  "・": ".",
  "×": "X",
};

function halfWidthChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCodePoint(cp - 0xfee0);
  const mapped = PUNCTUATION[ch];
  if (mapped !== undefined) return mapped;
  // Accented Latin letters (É, Ü) print as their base letter.
  const folded = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return /^[\x20-\x7E]+$/.test(folded) ? folded : ch;
}

/**
 * Replaces full-width letters, digits and punctuation, CJK punctuation, typographic quotes and
 * dashes, odd spaces and accented Latin letters with their printable ASCII equivalents. Chinese
 * characters are left as they are (they need translating, not converting).
 */
export function toHalfWidth(text: string): string {
  let out = "";
  for (const ch of text) out += PRINTABLE.test(ch) ? ch : halfWidthChar(ch);
  return out;
}

export type UnprintableChar = {
  char: string;
  /** "U+FF0C" */
  codePoint: string;
  /** The ASCII replacement, or null when there is none (Chinese characters). */
  replacement: string | null;
};

/** Distinct characters the form cannot carry, in order of first appearance. */
export function unprintableChars(text: string): UnprintableChar[] {
  const seen = new Set<string>();
  const out: UnprintableChar[] = [];
  for (const ch of text) {
    if (PRINTABLE.test(ch) || seen.has(ch)) continue;
    seen.add(ch);
    const half = halfWidthChar(ch);
    out.push({
      char: ch,
      codePoint: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
      replacement: half !== ch ? half : null,
    });
  }
  return out;
}

/**
 * Text the database and every page can hold. PostgreSQL `text` refuses NUL; a lone UTF-16
 * surrogate (`"\ud800"` in JSON) is not a character at all and fails the UTF-8 encoding on its way
 * to the database; other control characters (C0 except tab, CR and LF; DEL; C1) are invisible in the
 * pages and garble the printed certificate. Every text field at the boundary is checked with
 * `textField()`, so such input is refused with 400 and the field's path (API) or beside the field (forms)
 * instead of reaching the database.
 */
// Lone surrogates: a high one not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character a text field must not hold, as `U+XXXX`, or null when the text is fine. */
export function unstorableChar(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export const unstorableMessage = (codePoint: string) => `含有无法保存的字符 ${codePoint}（控制字符或残缺的 Unicode 字符），请删除后重新提交。`;

/** `z.string()` that refuses what `unstorableChar` finds, naming the character. */
export function textField() {
  return z.string().check((ctx) => {
    const cp = unstorableChar(ctx.value);
    if (cp) ctx.issues.push({ code: "custom", message: unstorableMessage(cp), input: ctx.value, continue: false });
  });
}

/** The path and message of the first unstorable string anywhere in a parsed JSON value (a net under the schemas). */
export function findUnstorable(value: unknown, path: (string | number)[] = []): { path: string; message: string } | null {
  if (typeof value === "string") {
    const cp = unstorableChar(value);
    return cp ? { path: path.join("."), message: unstorableMessage(cp) } : null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyCp = unstorableChar(k);
      if (keyCp) return { path: [...path, k].join("."), message: unstorableMessage(keyCp) };
      const found = findUnstorable(v, [...path, Array.isArray(value) ? Number(k) : k]);
      if (found) return found;
    }
  }
  return null;
}
