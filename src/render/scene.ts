import type { FontKey } from "./fonts.ts";

/**
 * The positioned layout: what every painter draws, computed once. Millimetres, origin at the top
 * left of the page, y downwards; text `y` is the baseline; font sizes in points.
 */
export type Rgb = readonly [number, number, number];

export const BLACK: Rgb = [0, 0, 0];

export type TextItem = {
  kind: "text";
  x: number;
  y: number;
  size: number;
  font: FontKey;
  text: string;
  color: Rgb;
  opacity?: number;
  /** degrees, counter-clockwise around (x, y) */
  rotate?: number;
  /** Pre-printed form text: the same on every certificate of the form, so painters may cache it. */
  form?: boolean;
};

export type RectItem = {
  kind: "rect";
  x: number;
  y: number;
  w: number;
  h: number;
  stroke?: Rgb;
  fill?: Rgb;
  /** mm */
  lineWidth: number;
};

export type LineItem = {
  kind: "line";
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: Rgb;
  lineWidth: number;
  dash?: readonly [number, number];
};

/** An SVG path (absolute M/L/H/V/C/Q/Z commands) in page millimetres. */
export type PathItem = {
  kind: "path";
  d: string;
  fill?: Rgb;
  stroke?: Rgb;
  lineWidth?: number;
};

/** A raster image, already PNG or JPEG. */
export type RasterImage = {
  id: string;
  bytes: Uint8Array;
  mime: "image/png" | "image/jpeg";
  width: number;
  height: number;
};

export type ImageItem = { kind: "image"; x: number; y: number; w: number; h: number; image: RasterImage };

/**
 * Vector artwork that is the same on every certificate (anti-copy background): computed once per
 * process and drawn by reference, so painters can cache its encoded form.
 */
export type Art = {
  id: string;
  /** reusable shapes, by name */
  symbols: Record<string, string>;
  layers: ArtLayer[];
};
export type ArtLayer = {
  color: Rgb;
  /** stroke width in mm; absent = filled */
  lineWidth?: number;
  paths: string[];
  uses: { symbol: string; x: number; y: number }[];
};

export type ArtItem = { kind: "art"; art: Art; x: number; y: number };

export type Item = TextItem | RectItem | LineItem | PathItem | ImageItem | ArtItem;

export type Page = { width: number; height: number; items: Item[] };

export type Scene = {
  /** Document title (certificate number and form) for PDF metadata and SVG <title>. */
  title: string;
  preview: boolean;
  pages: Page[];
};

export const A4 = { width: 210, height: 297 } as const;
