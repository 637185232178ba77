import { textWidth } from "./fonts.ts";

/**
 * Greedy line breaking by the font's advance widths: breaks at spaces, after any CJK character,
 * and inside a word only when the word alone is wider than the line. Newlines are kept.
 */
export function wrapText(text: string, widthMm: number, sizePt: number, latin: "regular" | "bold" = "regular"): string[] {
  // widths add up (no kerning), so the line's width is kept as a running sum
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    let lineW = 0;
    for (const token of tokens(paragraph)) {
      const piece = line === "" ? token.trimStart() : token;
      const pieceW = textWidth(piece, sizePt, latin);
      if (lineW + pieceW <= widthMm) {
        line += piece;
        lineW += pieceW;
        continue;
      }
      if (line !== "") lines.push(line.trimEnd());
      line = "";
      lineW = 0;
      const word = token.trimStart();
      if (textWidth(word, sizePt, latin) <= widthMm) {
        line = word;
        lineW = textWidth(word, sizePt, latin);
        continue;
      }
      // the word alone is wider than the line: cut it by characters
      for (const ch of word) {
        const w = textWidth(ch, sizePt, latin);
        if (line !== "" && lineW + w > widthMm) {
          lines.push(line);
          line = "";
          lineW = 0;
        }
        line += ch;
        lineW += w;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/**
 * Whether every word of `text` fits on a line of `widthMm` at `sizePt`, so that wrapText breaks
 * only at spaces: invoice and certificate numbers, HS codes and dates are never cut; a caller
 * shrinks the font instead while this is false.
 */
export function fitTokens(text: string, widthMm: number, sizePt: number, latin: "regular" | "bold" = "regular"): boolean {
  return text.split(/\s+/).every((word) => [...word].some((ch) => CJK.test(ch)) || textWidth(word, sizePt, latin) <= widthMm);
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** Words with their leading spaces; every CJK character is a token of its own. */
function tokens(paragraph: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const ch of paragraph) {
    if (ch === " " && current.trim() !== "") {
      out.push(current);
      current = ch;
    } else if (CJK.test(ch)) {
      if (current !== "") out.push(current);
      out.push(ch);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current !== "") out.push(current);
  return out;
}

const MONTHS = ["JAN.", "FEB.", "MAR.", "APR.", "MAY", "JUN.", "JUL.", "AUG.", "SEP.", "OCT.", "NOV.", "DEC."];

/** `2026-11-20` → `NOV. 20, 2026` (month in English, as the forms ask); other text unchanged. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

export function formatNumber(n: number, decimals?: number): string {
  return n.toLocaleString("en-US", {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 3,
  });
}

const ONES = [
  "ZERO",
  "ONE",
  "TWO",
  "THREE",
  "FOUR",
  "FIVE",
  "SIX",
  "SEVEN",
  "EIGHT",
  "NINE",
  "TEN",
  "ELEVEN",
  "TWELVE",
  "THIRTEEN",
  "FOURTEEN",
  "FIFTEEN",
  "SIXTEEN",
  "SEVENTEEN",
  "EIGHTEEN",
  "NINETEEN",
];
const TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"];

function below1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds) parts.push(`${ONES[hundreds]} HUNDRED`);
  if (rest) {
    const words = rest < 20 ? ONES[rest]! : TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${ONES[rest % 10]}` : "");
    parts.push(hundreds ? `AND ${words}` : words);
  }
  return parts.join(" ");
}

/**
 * Package counts in English words, as the forms ask (`ONE HUNDRED AND FIFTY`), REFERENCE.md §0.4.
 * Whole numbers below one thousand billion.
 */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n === 0) return ONES[0]!;
  const scales: [number, string][] = [
    [1e9, "BILLION"],
    [1e6, "MILLION"],
    [1e3, "THOUSAND"],
  ];
  const parts: string[] = [];
  let rest = n;
  for (const [size, name] of scales) {
    const count = Math.floor(rest / size);
    if (count) parts.push(`${below1000(count)} ${name}`);
    rest %= size;
  }
  if (rest) parts.push(rest < 100 && parts.length ? `AND ${below1000(rest)}` : below1000(rest));
  return parts.join(" ");
}
