import * as fontkit from "fontkit";
import type { PDFDocument } from "pdf-lib";

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

/**
 * pdf-lib's font embedding speaks the `@pdf-lib/fontkit` 1.x API, whose subsetting corrupts glyphs
 * (see STACK.md). This adapter gives pdf-lib upstream fontkit 2 instead: fontkit 2 subsets return
 * their bytes from `encode()`, where pdf-lib expects a stream from `encodeStream()`.
 * Parsed fonts are kept per byte array, so a 10 MB CJK face is parsed once per process, not once
 * per document.
 * Glyphs are picked by the cmap alone, one per character (no OpenType shaping, kerning or
 * ligatures): exactly the advances the layout engine measured, and much faster per text run.
 * Enough for Latin and CJK; complex scripts would need shaping.
 */
const parsed = new WeakMap<Uint8Array, fontkit.Font>();

function subsetWithStream(subset: fontkit.Subset) {
  return Object.assign(subset, {
    encodeStream() {
      const handlers: Record<string, (arg?: unknown) => void> = {};
      const stream = {
        on(event: string, fn: (arg?: unknown) => void) {
          handlers[event] = fn;
          if (event === "end") {
            // pdf-lib attaches data, end, error in that order; emit once all are there.
            queueMicrotask(() => {
              try {
                handlers.data?.(subset.encode());
                handlers.end?.();
              } catch (err) {
                handlers.error?.(err);
              }
            });
          }
          return stream;
        },
      };
      return stream;
    },
  });
}

export const fontkitAdapter = {
  create(bytes: Uint8Array) {
    let font = parsed.get(bytes);
    if (!font) {
      const f = fontkit.create(bytes);
      const createSubset = f.createSubset.bind(f);
      f.createSubset = () => subsetWithStream(createSubset());
      f.layout = (text: string) => ({
        glyphs: Array.from(text, (ch) => f.glyphForCodePoint(ch.codePointAt(0)!)),
        positions: [],
      });
      parsed.set(bytes, f);
      font = f;
    }
    return font;
  },
} as unknown as Fontkit;
