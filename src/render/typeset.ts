import { segments, textWidth, type FontKey } from "./fonts.ts";
import type { Item, Rgb } from "./scene.ts";

export type TextOptions = { bold?: boolean; align?: "left" | "center" | "right"; color?: Rgb; form?: boolean };

/**
 * Appends text at baseline (x, y) as one item per printing face (Latin, CJK fallback), aligned by
 * its measured width. Returns that width in mm.
 */
export function placeText(into: Item[], x: number, y: number, text: string, size: number, opts: TextOptions = {}): number {
  if (!text) return 0;
  const latin = opts.bold ? "bold" : "regular";
  const width = textWidth(text, size, latin);
  let cx = opts.align === "center" ? x - width / 2 : opts.align === "right" ? x - width : x;
  for (const seg of segments(text, latin)) {
    into.push({
      kind: "text",
      x: cx,
      y,
      size,
      font: seg.font as FontKey,
      text: seg.text,
      color: opts.color ?? [0, 0, 0],
      ...(opts.form ? { form: true } : {}),
    });
    cx += textWidth(seg.text, size, latin);
  }
  return width;
}
