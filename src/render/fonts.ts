import type * as Fontkit from "fontkit";
import { readFileSync } from "node:fs";

/**
 * The three faces certificates use, each read and parsed once per process on first use.
 * Arimo (metric-compatible with Arial) prints the forms; Noto Sans SC is read only when a text
 * holds a character Arimo lacks (Chinese office or signer names).
 */
export type FontKey = "regular" | "bold" | "cjk";

const FILES: Record<FontKey, string> = {
  regular: "@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf",
  bold: "@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf",
  cjk: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
};

export type FontFace = {
  key: FontKey;
  bytes: Uint8Array;
  font: Fontkit.Font;
  unitsPerEm: number;
  /** hhea ascender / descender in font units (descender negative). */
  ascender: number;
  descender: number;
  /** advance widths in em (1 = font size), per code point */
  widths: Map<number, number>;
};

const faces = new Map<FontKey, FontFace>();

export function fontFace(key: FontKey): FontFace {
  let face = faces.get(key);
  if (!face) {
    const bytes = new Uint8Array(readFileSync(Bun.resolveSync(FILES[key], import.meta.dir)));
    // Loaded on the first face read, not with the server: the module alone is ~30-100 ms of a
    // restart's CPU, and only drawing a certificate needs it (docs/decisions/0020).
    const fontkit = require("fontkit") as typeof Fontkit;
    const font = fontkit.create(bytes as Buffer) as Fontkit.Font;
    face = {
      key,
      bytes,
      font,
      unitsPerEm: font.unitsPerEm,
      ascender: font.ascent,
      descender: font.descent,
      widths: new Map(),
    };
    faces.set(key, face);
  }
  return face;
}

/** Width of one code point in em, or undefined when the face has no glyph for it. */
function emWidth(face: FontFace, cp: number): number | undefined {
  let w = face.widths.get(cp);
  if (w === undefined) {
    if (!face.font.hasGlyphForCodePoint(cp)) return undefined;
    w = face.font.glyphForCodePoint(cp).advanceWidth / face.unitsPerEm;
    face.widths.set(cp, w);
  }
  return w;
}

/** 1 pt in mm */
export const PT = 25.4 / 72;

/** The face that prints a code point: the Latin face when it has the glyph, else the CJK face. */
function faceFor(cp: number, latin: "regular" | "bold"): FontKey {
  if (emWidth(fontFace(latin), cp) !== undefined) return latin;
  return "cjk";
}

/** A run of text printed with one face. */
export type Segment = { font: FontKey; text: string };

/**
 * Splits a string where the printing face changes. Characters neither face has become `?` so
 * that nothing prints as an empty box.
 */
export function segments(text: string, latin: "regular" | "bold"): Segment[] {
  const out: Segment[] = [];
  let current: Segment | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let key = faceFor(cp, latin);
    let printed = ch;
    if (key === "cjk" && emWidth(fontFace("cjk"), cp) === undefined) {
      key = latin;
      printed = "?";
    }
    if (current && current.font === key) current.text += printed;
    else {
      current = { font: key, text: printed };
      out.push(current);
    }
  }
  return out;
}

/** Width in mm of text at `sizePt`, each character measured in the face that prints it. */
export function textWidth(text: string, sizePt: number, latin: "regular" | "bold"): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    em += emWidth(fontFace(latin), cp) ?? emWidth(fontFace("cjk"), cp) ?? emWidth(fontFace(latin), 63)!;
  }
  return em * sizePt * PT;
}
