import { resvg } from "./resvg.ts";

/** PNG of one SVG page at `dpi`; satori's output carries glyph outlines, so no fonts are loaded. */
export function paintPng(svg: string, dpi = 150): Uint8Array {
  const widthMm = Number(/width="([\d.]+)mm"/.exec(svg)?.[1] ?? 210);
  const Resvg = resvg();
  const renderer = new Resvg(svg, {
    fitTo: { mode: "width", value: Math.round((widthMm / 25.4) * dpi) },
    font: { loadSystemFonts: false },
    background: "#ffffff",
  });
  return new Uint8Array(renderer.render().asPng());
}
