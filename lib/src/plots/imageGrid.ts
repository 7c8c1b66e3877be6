import { libWords } from "../words/libWords.js";
import { escapeHtml, jupyterDisplaySymbol } from "@tsdl/display";
import pngjs from "pngjs";
import { type TensorLike, isTensorLike } from "./values.js";

const { PNG } = pngjs;

/** Images as flat data in NHWC order, like a tensor's `dataSync()` and `shape`; [N, H, W] means one channel. */
export interface ImageBatch {
  data: ArrayLike<number>;
  shape: readonly number[];
}

export interface ImageGridOptions {
  /** Default "N of M images". */
  title?: string;
  /** Width of one row in CSS pixels; default: each image at a whole multiple of its size, at least 56 px, a row at most 880 px. */
  width?: number;
  /** A caption per image shown, e.g. class names. */
  labels?: readonly (string | number)[];
  /** Tiles per row, default min(N, 8). */
  columns?: number;
  /** Show at most this many images (the first ones), default 32. */
  maxImages?: number;
  /** The values drawn as black and white, default the batch's min and max (so [0, 1] and [0, 255] both work). */
  valueRange?: [number, number];
  /** Space between tiles in CSS pixels, default 2. */
  gap?: number;
}

function readBatch(where: string, images: TensorLike | ImageBatch): { data: ArrayLike<number>; n: number; h: number; w: number; c: number } {
  const shape = [...images.shape];
  const data = (isTensorLike(images) ? images.dataSync() : images.data) as ArrayLike<number>;
  if (shape.length === 3) shape.push(1);
  if (shape.length !== 4) throw new Error(`${where}: images must have shape [N, H, W, C] or [N, H, W], got [${images.shape.join(", ")}]`);
  const [n, h, w, c] = shape;
  if (![1, 3, 4].includes(c)) throw new Error(`${where}: images must have 1, 3 or 4 channels, got ${c} in shape [${images.shape.join(", ")}]`);
  if (n < 1 || h < 1 || w < 1) throw new Error(`${where}: images must be non-empty, got shape [${images.shape.join(", ")}]`);
  if (data.length !== n * h * w * c) throw new Error(`${where}: images.data must have ${n * h * w * c} values for shape [${shape.join(", ")}], got ${data.length}`);
  return { data, n, h, w, c };
}

/** One image of a grid: a PNG (base64) and its caption. */
export interface ImageGridTile {
  png: string;
  caption?: string;
}

const tileStyle = "margin:0;flex:0 0 auto";
const captionStyle = "font-size:11px;line-height:1.2;text-align:center;overflow-wrap:break-word;margin-top:2px;color:inherit";

/**
 * A grid of images as a notebook shows it: one small PNG per image with its caption beneath, laid
 * out by the browser, so captions wrap instead of colliding and the notebook stores pictures, not
 * numbers. It displays itself (HTML with inline styles and data-URL images, which JupyterLab keeps
 * in untrusted notebooks too).
 */
export class ImageGrid {
  constructor(
    readonly title: string,
    readonly tiles: readonly ImageGridTile[],
    /** Tiles per row. */
    readonly columns: number,
    /** Pixels of one image and how wide it is shown. */
    readonly imageSize: { width: number; height: number; shownWidth: number },
    /** White space between tiles in CSS pixels. */
    readonly gap: number,
  ) {}

  toHtml(): string {
    const { width, height, shownWidth } = this.imageSize;
    const shownHeight = Math.round((shownWidth * height) / width);
    const hasCaptions = this.tiles.some((t) => t.caption !== undefined);
    // Captions need room to be read: a column is at least 64 px wide when there are any.
    const column = hasCaptions ? Math.max(shownWidth, 64) : shownWidth;
    const tiles = this.tiles
      .map((tile) => {
        const caption = tile.caption === undefined ? "" : `<div style="${captionStyle}">${escapeHtml(tile.caption)}</div>`;
        return (
          `<div style="${tileStyle};width:${column}px">` +
          `<img src="data:image/png;base64,${tile.png}" width="${shownWidth}" height="${shownHeight}" alt="${escapeHtml(tile.caption ?? libWords().imageGrid.altText)}" style="display:block;margin:0 auto;max-width:100%;height:auto;image-rendering:pixelated">` +
          `${caption}</div>`
        );
      })
      .join("");
    const rowWidth = this.columns * column + (this.columns - 1) * this.gap;
    return (
      `<div style="color:inherit;font-family:sans-serif">` +
      `<div style="font-size:14px;margin:0 0 6px">${escapeHtml(this.title)}</div>` +
      `<div style="display:flex;flex-wrap:wrap;gap:${this.gap}px;max-width:${rowWidth}px">${tiles}</div></div>`
    );
  }

  toString(): string {
    const { width, height } = this.imageSize;
    return libWords().imageGrid.summary(this.title, this.tiles.length, width, height, this.columns);
  }

  [jupyterDisplaySymbol](): Record<string, string> {
    return { "text/html": this.toHtml(), "text/plain": this.toString() };
  }
}

// Shown at least this wide, so a 28×28 digit or a 3×3 filter is not a speck.
const minShownPixels = 56;
// A notebook cell's usual width: a row of many small images (feature maps) is shrunk to fit in it.
const defaultRowWidth = 880;

/**
 * A grid of images with optional captions, e.g. `imageGrid(x.slice(0, 16), { labels })`. Values are
 * scaled from `valueRange` (default the batch's min and max) to black … white; grey images stay grey.
 */
export function imageGrid(images: TensorLike | ImageBatch, options: ImageGridOptions = {}): ImageGrid {
  const where = "imageGrid";
  const { data, n: total, h, w, c } = readBatch(where, images);
  const maxImages = options.maxImages ?? 32;
  if (!Number.isInteger(maxImages) || maxImages < 1) throw new Error(`${where}: options.maxImages must be a positive integer, got ${options.maxImages}`);
  const n = Math.min(total, maxImages);
  const columns = options.columns ?? Math.min(n, 8);
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`${where}: options.columns must be a positive integer, got ${options.columns}`);
  const gap = options.gap ?? 2;
  if (!Number.isInteger(gap) || gap < 0) throw new Error(`${where}: options.gap must be a non-negative integer, got ${options.gap}`);
  if (options.width !== undefined && !(options.width > 0)) throw new Error(`${where}: options.width must be a positive number of pixels, got ${options.width}`);
  const labels = options.labels?.slice(0, n).map(String);
  if (labels !== undefined && labels.length !== n) throw new Error(`${where}: options.labels must have one caption per image shown (${n}), got ${options.labels!.length}`);

  let [low, high] = options.valueRange ?? [Infinity, -Infinity];
  if (options.valueRange === undefined) {
    for (let i = 0; i < n * h * w * c; i++) [low, high] = [Math.min(low, data[i]), Math.max(high, data[i])];
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`${where}: images must hold finite values, got range [${low}, ${high}]`);
  const scale = high > low ? 255 / (high - low) : 0;
  const toByte = (v: number): number => Math.max(0, Math.min(255, Math.round((v - low) * scale)));

  const tiles: ImageGridTile[] = [];
  for (let k = 0; k < n; k++) {
    const png = new PNG({ width: w, height: h, colorType: c === 1 ? 0 : 2, inputColorType: 6, inputHasAlpha: true });
    for (let p = 0; p < h * w; p++) {
      const base = (k * h * w + p) * c;
      // Grey images repeat their one channel as R, G and B; an alpha channel is dropped.
      const rgb = c === 1 ? [data[base], data[base], data[base]] : [data[base], data[base + 1], data[base + 2]];
      png.data.set([...rgb.map(toByte), 255], p * 4);
    }
    const encoded = PNG.sync.write(png, { colorType: c === 1 ? 0 : 2 }).toString("base64");
    tiles.push(labels === undefined ? { png: encoded } : { png: encoded, caption: labels[k] });
  }
  const fitRow = (rowWidth: number) => Math.floor((rowWidth - (columns - 1) * gap) / columns);
  const shownWidth = options.width !== undefined
    ? Math.max(1, fitRow(options.width))
    : Math.min(w * Math.max(1, Math.ceil(minShownPixels / Math.max(w, h))), Math.max(w, fitRow(defaultRowWidth)));
  return new ImageGrid(options.title ?? libWords().imageGrid.defaultTitle(n, total), tiles, columns, { width: w, height: h, shownWidth }, gap);
}
