import { describe, expect, test } from "bun:test";
import { AppError } from "../lib/errors.ts";
import { CALIBRATION_MARKS, composeCalibrationPage } from "./calibration.ts";
import { composeBackPage, renderBackPagePdf, renderCalibrationPage, paintPng, paintSvg } from "./index.ts";
import { pdfText, wordBox, writeArtifact } from "./test-helpers.ts";

describe("back page", () => {
  test("GENERAL and CHAFTA print their overleaf notes as a document of their own", async () => {
    const general = pdfText(await renderBackPagePdf({ type: "GENERAL" })).replace(/\s+/g, " ");
    expect(general).toContain("NOTES");
    expect(general).toContain("Box 5 is reserved for the certifying authority");
    const chafta = pdfText(await renderBackPagePdf({ type: "CHAFTA" })).replace(/\s+/g, " ");
    expect(chafta).toContain("OVERLEAF INSTRUCTIONS");
    expect(chafta).toContain("WP — produced entirely");
    const [svg] = await paintSvg(composeBackPage("CHAFTA"));
    writeArtifact("CHAFTA-back.png", paintPng(svg!, 100));
  });

  test("a form without overleaf notes is refused", () => {
    expect(() => composeBackPage("CNKR")).toThrow(AppError);
  });
});

describe("calibration page", () => {
  test("the crosses move by the printer's offset; the instructions state it", async () => {
    const base = await renderCalibrationPage({ type: "GENERAL" });
    const moved = await renderCalibrationPage({ type: "GENERAL", calibration: { xMm: 2, yMm: -1.5 } });
    const mm = 72 / 25.4;
    const a = wordBox(base, "A")!;
    const b = wordBox(moved, "A")!;
    expect(b.x - a.x).toBeCloseTo(2 * mm, 1);
    expect(b.y - a.y).toBeCloseTo(-1.5 * mm, 1);
    expect(pdfText(moved)).toContain("X +2.0 mm, Y −1.5 mm");
    const scene = composeCalibrationPage({ calibration: { xMm: 2, yMm: -1.5 } });
    const vertical = scene.pages[0]!.items.filter((i) => i.kind === "line" && i.x1 === i.x2);
    expect(vertical.map((l) => (l as { x1: number }).x1)).toEqual(CALIBRATION_MARKS.map((m) => m.x + 2));
    const [svg] = await paintSvg(composeCalibrationPage({ type: "CHAFTA" }));
    writeArtifact("calibration.png", paintPng(svg!, 100));
  });
});
