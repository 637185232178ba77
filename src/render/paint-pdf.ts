import { deflateSync } from "node:zlib";
import { JpegEmbedder, PDFDocument, PDFName, PngEmbedder, type PDFFont, type PDFRef } from "pdf-lib";
import { fontFace, type FontKey } from "./fonts.ts";
import { fontkitAdapter } from "./fontkit-adapter.ts";
import type { Art, Page, RasterImage, Rgb, Scene } from "./scene.ts";

/**
 * Vector PDF painter. Each page is one content stream written directly in millimetre space and
 * deflated natively; pdf-lib keeps the document structure and embeds the fonts as subsets. Text
 * is real text (pdftotext finds it); the CJK face is embedded only when a page draws with it.
 * Artwork shared by every certificate and the planes of PNG images are encoded once per process.
 */

const MM = 72 / 25.4;
const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
const color = (c: Rgb, op: "RG" | "rg") => `${n(c[0])} ${n(c[1])} ${n(c[2])} ${op}`;

/** SVG path data (absolute M L H V C Q Z) → PDF path operators. */
function svgPathToPdf(d: string): string {
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

/** A page's resources as they are named in its content stream. */
type Resources = {
  font(key: FontKey): Promise<{ name: string; font: PDFFont }>;
  image(image: RasterImage): Promise<string>;
  art(art: Art): string;
  opacity(alpha: number): string;
};

/**
 * The whole page as one content stream in millimetre space (y down), in scene order: shapes,
 * text (real text, each run in its face), images, artwork by reference.
 */
async function pageContent(page: Page, res: Resources): Promise<string> {
  const out: string[] = [`${n(MM)} 0 0 ${n(-MM)} 0 ${n(page.height * MM)} cm`];
  for (const item of page.items) {
    switch (item.kind) {
      case "rect": {
        const paint = item.fill && item.stroke ? "B" : item.fill ? "f" : "S";
        if (item.fill) out.push(color(item.fill, "rg"));
        if (item.stroke) out.push(color(item.stroke, "RG"), `${n(item.lineWidth)} w [] 0 d`);
        out.push(`${n(item.x)} ${n(item.y)} ${n(item.w)} ${n(item.h)} re ${paint}`);
        break;
      }
      case "line":
        out.push(color(item.color, "RG"), `${n(item.lineWidth)} w`, item.dash ? `[${n(item.dash[0])} ${n(item.dash[1])}] 0 d` : "[] 0 d");
        out.push(`${n(item.x1)} ${n(item.y1)} m ${n(item.x2)} ${n(item.y2)} l S`);
        break;
      case "path":
        if (item.fill) out.push(color(item.fill, "rg"));
        if (item.stroke) out.push(color(item.stroke, "RG"), `${n(item.lineWidth ?? 0.2)} w [] 0 d`);
        out.push(svgPathToPdf(item.d), item.fill && item.stroke ? "B" : item.fill ? "f" : "S");
        break;
      case "art":
        out.push(`q 1 0 0 1 ${n(item.x)} ${n(item.y)} cm /${res.art(item.art)} Do Q`);
        break;
      case "image":
        out.push(`q ${n(item.w)} 0 0 ${n(-item.h)} ${n(item.x)} ${n(item.y + item.h)} cm /${await res.image(item.image)} Do Q`);
        break;
      case "text": {
        const { name, font } = await res.font(item.font);
        // the text matrix turns the y-down page space back upright (and rotates counter-clockwise)
        const a = ((item.rotate ?? 0) * Math.PI) / 180;
        const [cos, sin] = [Math.cos(a), Math.sin(a)];
        const gs = item.opacity === undefined ? "" : `/${res.opacity(item.opacity)} gs `;
        out.push(
          `q ${gs}BT /${name} ${n(item.size / MM)} Tf ${color(item.color, "rg")} ${n(cos)} ${n(-sin)} ${n(-sin)} ${n(-cos)} ${n(item.x)} ${n(item.y)} Tm ${font.encodeText(item.text).toString()} Tj ET Q`,
        );
        break;
      }
    }
  }
  return out.join("\n");
}

/** Deflated content as a form XObject (artwork shared by pages and documents). */
function formXObject(doc: PDFDocument, bytes: Uint8Array): PDFRef {
  const stream = doc.context.stream(bytes, {
    Type: "XObject",
    Subtype: "Form",
    BBox: [-1000, -1000, 1000, 1000],
    Filter: "FlateDecode",
  });
  return doc.context.register(stream);
}

export async function paintPdf(scene: Scene): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  // pdf-lib deflates font files and their CMaps with pako; native zlib gives the same stream faster
  doc.context.flateStream = (contents, dict = {}) =>
    doc.context.stream(new Uint8Array(deflateSync(typeof contents === "string" ? Buffer.from(contents, "latin1") : contents)), {
      ...dict,
      Filter: "FlateDecode",
    });
  doc.registerFontkit(fontkitAdapter);
  doc.setTitle(scene.title);
  doc.setProducer("Origo");
  doc.setCreator("Origo");
  // per document: each face, image and artwork is one object however many pages use it
  const fonts = new Map<FontKey, PDFFont>();
  const images = new Map<string, PDFRef>();
  const arts = new Map<string, PDFRef>();
  const states = new Map<number, PDFRef>();
  for (const page of scene.pages) {
    const p = doc.addPage([page.width * MM, page.height * MM]);
    const names = new Map<unknown, string>();
    const named = (key: unknown, make: () => PDFName) => {
      let name = names.get(key);
      if (!name) names.set(key, (name = make().asString().slice(1)));
      return name;
    };
    const res: Resources = {
      async font(key) {
        let font = fonts.get(key);
        if (!font) {
          font = await doc.embedFont(fontFace(key).bytes, { subset: true, features: { liga: false, kern: false } });
          fonts.set(key, font);
        }
        const f = font;
        return { name: named(f, () => p.node.newFontDictionary("F", f.ref)), font: f };
      },
      async image(image) {
        let ref = images.get(image.id);
        if (!ref) images.set(image.id, (ref = await embedImage(doc, image)));
        const r = ref;
        return named(r, () => p.node.newXObject("Im", r));
      },
      art(art) {
        let ref = arts.get(art.id);
        if (!ref) arts.set(art.id, (ref = formXObject(doc, artStream(art))));
        const r = ref;
        return named(r, () => p.node.newXObject("Art", r));
      },
      opacity(alpha) {
        let ref = states.get(alpha);
        if (!ref) states.set(alpha, (ref = doc.context.register(doc.context.obj({ Type: "ExtGState", ca: alpha, CA: alpha }))));
        const r = ref;
        return named(r, () => p.node.newExtGState("GS", r));
      },
    };
    const content = await pageContent(page, res);
    const stream = doc.context.stream(new Uint8Array(deflateSync(content)), { Filter: "FlateDecode" });
    p.node.set(PDFName.of("Contents"), doc.context.register(stream));
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
    const png = ((await PngEmbedder.for(image.bytes)) as unknown as { image: unknown }).image as {
      width: number;
      height: number;
      bitsPerComponent: number;
      rgbChannel: Uint8Array;
      alphaChannel?: Uint8Array;
    };
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
