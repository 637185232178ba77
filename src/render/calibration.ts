import { formLayout } from "./forms/index.ts";
import type { CertificateType } from "./model.ts";
import { A4, type Item, type Rgb, type Scene } from "./scene.ts";
import { placeText } from "./typeset.ts";

/** Where the calibration crosses are meant to land, in mm from the paper's top-left corner. */
export const CALIBRATION_MARKS = [
  { name: "A", x: 20, y: 20 },
  { name: "B", x: 190, y: 20 },
  { name: "C", x: 20, y: 277 },
  { name: "D", x: 190, y: 277 },
  { name: "E", x: 105, y: 148.5 },
] as const;

const INK: Rgb = [0, 0, 0];
const FRAME_INK: Rgb = [0.55, 0.6, 0.75];

const signed = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)}`;

/**
 * PCO calibration sheet: five crosses and (with a type) the form's box frames, shifted by the
 * printer's current offset exactly as certificate data is. Held against a pre-printed form or
 * measured with a ruler, it tells the correction; the instructions stay unshifted.
 */
export function composeCalibrationPage({ type, calibration }: { type?: CertificateType; calibration?: { xMm: number; yMm: number } }): Scene {
  const dx = calibration?.xMm ?? 0;
  const dy = calibration?.yMm ?? 0;
  const items: Item[] = [];
  if (type) {
    const layout = formLayout(type);
    const rects = [layout.header.rect, ...layout.boxes.map((b) => b.rect), { x: 10, y: layout.goods.top, w: 190, h: layout.goods.bottom - layout.goods.top }];
    if (layout.ticks) rects.push(layout.ticks.rect);
    for (const r of rects) items.push({ kind: "rect", x: r.x + dx, y: r.y + dy, w: r.w, h: r.h, stroke: FRAME_INK, lineWidth: 0.15 });
  }
  for (const m of CALIBRATION_MARKS) {
    const x = m.x + dx;
    const y = m.y + dy;
    items.push({ kind: "line", x1: x - 6, y1: y, x2: x + 6, y2: y, color: INK, lineWidth: 0.15 });
    items.push({ kind: "line", x1: x, y1: y - 6, x2: x, y2: y + 6, color: INK, lineWidth: 0.15 });
    items.push({ kind: "rect", x: x - 2, y: y - 2, w: 4, h: 4, stroke: INK, lineWidth: 0.1 });
    const right = m.x > 105;
    placeText(items, right ? x - 2.5 : x + 2.5, y - 2.5, `${m.name} (${m.x} mm, ${m.y} mm)`, 7, { align: right ? "right" : "left" });
  }
  const lines = [
    "PCO 校准页 / CALIBRATION SHEET",
    type ? formLayout(type).name : "",
    `当前偏移 Current offset: X ${signed(dx)} mm, Y ${signed(dy)} mm`,
    "用直尺量出十字 A 中心到纸张左边缘与上边缘的距离，应为 20.0 mm。",
    "新 X 偏移 = 当前 X 偏移 + (20.0 − 实测左边距)；新 Y 偏移 = 当前 Y 偏移 + (20.0 − 实测上边距)。",
    "Measure cross A from the left and top paper edges (should be 20.0 mm); new offset = current + (20.0 − measured).",
  ];
  lines.forEach((text, i) => placeText(items, 30, 60 + i * 6, text, i === 0 ? 11 : 8.5, { bold: i < 2 }));
  return { title: "PCO calibration sheet", preview: false, pages: [{ ...A4, items }] };
}
