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
