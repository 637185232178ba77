/**
 * Certificate layout renderer: layout once (`composeCertificate` → positioned pages), paint
 * twice (vector PDF for print; SVG for the in-page preview, PNG from that SVG for thumbnails).
 * No database, no HTTP: the print slice builds the `PrintableCertificate` view model.
 */
import { composeBackPage } from "./back-page.ts";
import { composeCalibrationPage } from "./calibration.ts";
import { composeCertificate } from "./compose.ts";
import type { CertificateType, PrintableCertificate, RenderOptions } from "./model.ts";
import { paintPng } from "./paint-png.ts";
import type { Scene } from "./scene.ts";

export type { CertificateType, GoodsLine, ImageBytes, Party, PrintableCertificate, PrintMode, RenderOptions } from "./model.ts";
export { CERTIFICATE_TYPES } from "./model.ts";
export type { Scene, Page, Item } from "./scene.ts";
export { composeCertificate } from "./compose.ts";
export { composeBackPage, NO_BACK_PAGE_MESSAGE } from "./back-page.ts";
export { composeCalibrationPage } from "./calibration.ts";
export { paintPng } from "./paint-png.ts";

/*
 * The painters load pdf-lib and satori, a third of a server's start-up CPU (docs/decisions/0020):
 * they are imported on the first certificate drawn, not when the server starts.
 */
/** The vector PDF of a scene. */
export async function paintPdf(scene: Scene): Promise<Uint8Array> {
  return (await import("./paint-pdf.ts")).paintPdf(scene);
}
/** One SVG per page of a scene. */
export async function paintSvg(scene: Scene): Promise<string[]> {
  return (await import("./paint-svg.ts")).paintSvg(scene);
}
async function paintSvgPage(...args: Parameters<typeof import("./paint-svg.ts").paintSvgPage>) {
  return (await import("./paint-svg.ts")).paintSvgPage(...args);
}
export { printableTypes, NO_LAYOUT_MESSAGE } from "./forms/index.ts";
export { CERTIFICATE_FORMS, ITEM_NUMBER, hsDigitsForType, printedHsCode, type CertificateForm, type FormBox, type ValueRule } from "./forms/boxes.ts";

type Input = { certificate: PrintableCertificate; options: RenderOptions };

/** The print file: a vector PDF of every page (PREVIEW-marked when `options.preview`). */
export function renderCertificatePdf({ certificate, options }: Input): Promise<Uint8Array> {
  return paintPdf(composeCertificate(certificate, options));
}

/** One SVG per page, for the preview in the page. */
export function renderCertificateSvg({ certificate, options }: Input): Promise<string[]> {
  return paintSvg(composeCertificate(certificate, options));
}

/** One PNG per page (thumbnails), rasterised from the same SVG. */
export async function renderCertificatePng({ certificate, options, dpi = 150 }: Input & { dpi?: number }): Promise<Uint8Array[]> {
  const svgs = await renderCertificateSvg({ certificate, options });
  return svgs.map((svg) => paintPng(svg, dpi));
}

/**
 * The page images of the in-page preview: the layout composed once, each page painted to PNG
 * only when asked for (`png(n)`, 0-based), so a page that lists the images stays cheap.
 */
export function certificatePages({ certificate, options }: Input): { count: number; png: (page: number, dpi?: number) => Promise<Uint8Array> } {
  const scene = composeCertificate(certificate, options);
  return {
    count: scene.pages.length,
    png: async (page, dpi = 150) => paintPng(await paintSvgPage(scene.pages[page]!, scene), dpi),
  };
}

/** Back page (背页): the form's overleaf notes, printed as a separate document. */
export function renderBackPagePdf({ type }: { type: CertificateType }): Promise<Uint8Array> {
  return paintPdf(composeBackPage(type));
}

/**
 * PCO calibration sheet: crosses at known distances from the paper edges and the form's box
 * frames, all shifted by the printer's current offset, to measure and correct it.
 */
export function renderCalibrationPage(input: { type?: CertificateType; calibration?: { xMm: number; yMm: number } }): Promise<Uint8Array> {
  return paintPdf(composeCalibrationPage(input));
}

export { composeCommercialCertificate, renderCommercialCertificatePdf, type PrintableCommercialCertificate } from "./commercial.ts";
