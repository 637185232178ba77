import { deflateSync } from "node:zlib";
import { JpegEmbedder, PDFDocument, PngEmbedder, concatTransformationMatrix, degrees, drawObject, popGraphicsState, pushGraphicsState, rgb, type PDFFont, type PDFPage, type PDFRef } from "pdf-lib";
import { fontFace, type FontKey } from "./fonts";
import { fontkitAdapter } from "./fontkit-adapter";
import type { Art, Item, Page, RasterImage, Rgb, Scene } from "./scene";

/**
 * Vector PDF painter. Text is real text in embedded font subsets (pdftotext finds it); the CJK
 * face is embedded only when a page draws with it. Shapes are written as raw path operators in
 * millimetre space inside one form XObject per page, drawn beneath the text and images; artwork
 * shared by every certificate is encoded once per process.
 */

const MM = 72 / 25.4;
const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
const color = (c: Rgb, op: "RG" | "rg") => `${n(c[0])} ${n(c[1])} ${n(c[2])} ${op}`;

/** SVG path data (absolute M L H V C Q Z) → PDF path operators. */
export function svgPathToPdf(d: string): string {
  const tokens = d.match(/[MLHVCQZ]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? [];
  const out: string[] = [];
  let i = 0;
  let cmd = "";
  let cx = 0;
  let cy = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/[A-Za-z]/.test(t)) {
      cmd = t;
      i++;
      if (cmd === "Z" || cmd === "z") {
        out.push("h");
        continue;
      }
    }
    switch (cmd) {
      case "M": {
        cx = num();
        cy = num();
        out.push(`${n(cx)} ${n(cy)} m`);
        cmd = "L";
        break;
      }
      case "L":
        cx = num();
        cy = num();
        out.push(`${n(cx)} ${n(cy)} l`);
        break;
      case "H":
        cx = num();
        out.push(`${n(cx)} ${n(cy)} l`);
        break;
      case "V":
        cy = num();
        out.push(`${n(cx)} ${n(cy)} l`);
        break;
      case "C": {
        const v = [num(), num(), num(), num(), num(), num()];
        out.push(`${v.map(n).join(" ")} c`);
        cx = v[4]!;
        cy = v[5]!;
        break;
      }
      case "Q": {
        const [qx, qy, x, y] = [num(), num(), num(), num()];
        const c1x = cx + (2 / 3) * (qx - cx);
        const c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x);
        const c2y = y + (2 / 3) * (qy - y);
        out.push(`${n(c1x)} ${n(c1y)} ${n(c2x)} ${n(c2y)} ${n(x)} ${n(y)} c`);
        cx = x;
        cy = y;
        break;
      }
      default:
        throw new Error(`unsupported path command ${cmd}`);
    }
  }
  return out.join("\n");
}

function artOps(art: Art): string {
  const out: string[] = [];
  const symbols = Object.fromEntries(Object.entries(art.symbols).map(([k, d]) => [k, svgPathToPdf(d)]));
  for (const layer of art.layers) {
    const paint = layer.lineWidth === undefined ? "f" : "S";
    out.push(layer.lineWidth === undefined ? color(layer.color, "rg") : `${color(layer.color, "RG")} ${n(layer.lineWidth)} w`);
    for (const d of layer.paths) out.push(svgPathToPdf(d), paint);
    for (const use of layer.uses) out.push(`q 1 0 0 1 ${n(use.x)} ${n(use.y)} cm`, symbols[use.symbol]!, paint, "Q");
  }
  return out.join("\n");
}

/** Deflated content of each artwork, once per process. */
const artStreams = new Map<string, Uint8Array>();

function artStream(art: Art): Uint8Array {
  let bytes = artStreams.get(art.id);
  if (!bytes) {
    bytes = new Uint8Array(deflateSync(artOps(art)));
    artStreams.set(art.id, bytes);
  }
  return bytes;
}

function vectorOps(page: Page): { ops: string; arts: { art: Art; x: number; y: number }[] } {
  const out: string[] = [];
  const arts: { art: Art; x: number; y: number }[] = [];
  for (const item of page.items) {
    switch (item.kind) {
      case "rect": {
        const paint = item.fill && item.stroke ? "B" : item.fill ? "f" : "S";
        if (item.fill) out.push(color(item.fill, "rg"));
        if (item.stroke) out.push(color(item.stroke, "RG"), `${n(item.lineWidth)} w`, "[] 0 d");
        out.push(`${n(item.x)} ${n(item.y)} ${n(item.w)} ${n(item.h)} re ${paint}`);
        break;
      }
      case "line":
        out.push(color(item.color, "RG"), `${n(item.lineWidth)} w`, item.dash ? `[${n(item.dash[0])} ${n(item.dash[1])}] 0 d` : "[] 0 d");
        out.push(`${n(item.x1)} ${n(item.y1)} m ${n(item.x2)} ${n(item.y2)} l S`);
        break;
      case "path":
        if (item.fill) out.push(color(item.fill, "rg"));
        if (item.stroke) out.push(color(item.stroke, "RG"), `${n(item.lineWidth ?? 0.2)} w`);
        out.push(svgPathToPdf(item.d), item.fill && item.stroke ? "B" : item.fill ? "f" : "S");
        break;
      case "art":
        arts.push(item);
        break;
    }
  }
  return { ops: out.join("\n"), arts };
}

/**
 * Draws deflated content as a form XObject in page millimetres (y down), translated by (x, y).
 * BBox is generous: the content is already clipped to the page by the page itself.
 */
function formXObject(doc: PDFDocument, bytes: Uint8Array): PDFRef {
  const stream = doc.context.stream(bytes, {
    Type: "XObject",
    Subtype: "Form",
    BBox: [-1000, -1000, 1000, 1000],
    Filter: "FlateDecode",
  });
  return doc.context.register(stream);
}

function drawForm(page: PDFPage, ref: PDFRef, tag: string, H: number, x = 0, y = 0) {
  const name = page.node.newXObject(tag, ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(MM, 0, 0, -MM, x * MM, H - y * MM),
    drawObject(name),
    popGraphicsState(),
  );
}

export async function paintPdf(scene: Scene): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  doc.setTitle(scene.title);
  doc.setProducer("Origo");
  doc.setCreator("Origo");
  const fonts = new Map<FontKey, PDFFont>();
  const images = new Map<string, PDFRef>();
  // artwork repeated on every page is one object in the file
  const artRefs = new Map<string, PDFRef>();
  const fontOf = async (key: FontKey) => {
    let font = fonts.get(key);
    if (!font) {
      font = await doc.embedFont(fontFace(key).bytes, { subset: true, features: { liga: false, kern: false } });
      fonts.set(key, font);
    }
    return font;
  };
  for (const page of scene.pages) {
    const p = doc.addPage([page.width * MM, page.height * MM]);
    const H = page.height * MM;
    const { ops, arts } = vectorOps(page);
    for (const a of arts) {
      let ref = artRefs.get(a.art.id);
      if (!ref) artRefs.set(a.art.id, (ref = formXObject(doc, artStream(a.art))));
      drawForm(p, ref, "Art", H, a.x, a.y);
    }
    if (ops) drawForm(p, formXObject(doc, new Uint8Array(deflateSync(ops))), "Vec", H);
    for (const item of page.items) await drawItem(doc, p, item, H, fontOf, images);
  }
  // objectsPerTick: no yielding to the event loop while writing (pdf-lib yields every 50 objects)
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

type PngStreams = { width: number; height: number; bpc: number; rgb: Uint8Array; alpha?: Uint8Array };
const pngStreams = new WeakMap<RasterImage, PngStreams>();

/**
 * Images as XObjects. A PNG is decoded and its colour and alpha planes deflated once per process
 * (pdf-lib would redo both for every document, 10 ms for a seal); JPEG passes through as is.
 */
async function embedImage(doc: PDFDocument, image: RasterImage): Promise<PDFRef> {
  if (image.mime === "image/jpeg") {
    const jpeg = await JpegEmbedder.for(image.bytes);
    return jpeg.embedIntoContext(doc.context);
  }
  let data = pngStreams.get(image);
  if (!data) {
    const png = ((await PngEmbedder.for(image.bytes)) as unknown as { image: unknown }).image as { width: number; height: number; bitsPerComponent: number; rgbChannel: Uint8Array; alphaChannel?: Uint8Array };
    data = {
      width: png.width,
      height: png.height,
      bpc: png.bitsPerComponent,
      rgb: new Uint8Array(deflateSync(png.rgbChannel)),
      alpha: png.alphaChannel && new Uint8Array(deflateSync(png.alphaChannel)),
    };
    pngStreams.set(image, data);
  }
  const common = { Type: "XObject", Subtype: "Image", Width: data.width, Height: data.height, BitsPerComponent: data.bpc, Filter: "FlateDecode" };
  const smask = data.alpha && doc.context.register(doc.context.stream(data.alpha, { ...common, ColorSpace: "DeviceGray", Decode: [0, 1] }));
  return doc.context.register(doc.context.stream(data.rgb, { ...common, ColorSpace: "DeviceRGB", ...(smask ? { SMask: smask } : {}) }));
}

async function drawItem(
  doc: PDFDocument,
  page: PDFPage,
  item: Item,
  H: number,
  fontOf: (k: FontKey) => Promise<PDFFont>,
  images: Map<string, PDFRef>,
) {
  if (item.kind === "text") {
    page.drawText(item.text, {
      x: item.x * MM,
      y: H - item.y * MM,
      size: item.size,
      font: await fontOf(item.font),
      color: rgb(item.color[0], item.color[1], item.color[2]),
      opacity: item.opacity,
      rotate: item.rotate ? degrees(item.rotate) : undefined,
    });
  } else if (item.kind === "image") {
    let ref = images.get(item.image.id);
    if (!ref) {
      ref = await embedImage(doc, item.image);
      images.set(item.image.id, ref);
    }
    const name = page.node.newXObject("Im", ref);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(item.w * MM, 0, 0, item.h * MM, item.x * MM, H - (item.y + item.h) * MM),
      drawObject(name),
      popGraphicsState(),
    );
  }
}

