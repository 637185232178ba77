/** The part of fontkit 2 the renderer uses (the package ships no types). */
declare module "fontkit" {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    path: { toSVG(): string };
  }
  export interface Subset {
    includeGlyph(glyph: Glyph | number): number;
    encode(): Uint8Array;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(cp: number): boolean;
    glyphForCodePoint(cp: number): Glyph;
    layout(text: string, features?: unknown): { glyphs: Glyph[]; positions: { xAdvance: number }[] };
    createSubset(): Subset;
  }
  export function create(buffer: Uint8Array | Buffer, postscriptName?: string): Font;
}
