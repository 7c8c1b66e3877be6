import { type FigureOptions, type PlotlyAnnotation, type CourseFigure, figureLayout } from "./figure.js";
import { type TensorLike, isTensorLike } from "./values.js";

/** Images as flat data in NHWC order, like a tensor's `dataSync()` and `shape`; [N, H, W] means one channel. */
export interface ImageBatch {
  data: ArrayLike<number>;
  shape: readonly number[];
}

export interface ImageGridOptions extends FigureOptions {
  /** A caption per image shown, e.g. class names. */
  labels?: readonly (string | number)[];
  /** Tiles per row, default min(N, 8). */
  columns?: number;
  /** Show at most this many images (the first ones), default 32. */
  maxImages?: number;
  /** The values drawn as black and white, default the batch's min and max (so [0, 1] and [0, 255] both work). */
  valueRange?: [number, number];
  /** White pixels between tiles, default 2. */
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

/**
 * A grid of images as one Plotly `image` trace: the tiles are composed into a single RGB picture (small to send,
 * crisp at any size), with an optional caption above each tile.
 */
export function imageGrid(images: TensorLike | ImageBatch, options: ImageGridOptions = {}): CourseFigure {
  const where = "imageGrid";
  const { data, n: total, h, w, c } = readBatch(where, images);
  const maxImages = options.maxImages ?? 32;
  if (!Number.isInteger(maxImages) || maxImages < 1) throw new Error(`${where}: options.maxImages must be a positive integer, got ${options.maxImages}`);
  const n = Math.min(total, maxImages);
  const columns = options.columns ?? Math.min(n, 8);
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`${where}: options.columns must be a positive integer, got ${options.columns}`);
  const gap = options.gap ?? 2;
  if (!Number.isInteger(gap) || gap < 0) throw new Error(`${where}: options.gap must be a non-negative integer, got ${options.gap}`);
  const labels = options.labels?.slice(0, n).map(String);
  if (labels !== undefined && labels.length !== n) throw new Error(`${where}: options.labels must have one caption per image shown (${n}), got ${options.labels!.length}`);

  let [low, high] = options.valueRange ?? [Infinity, -Infinity];
  if (options.valueRange === undefined) {
    for (let i = 0; i < n * h * w * c; i++) [low, high] = [Math.min(low, data[i]), Math.max(high, data[i])];
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`${where}: images must hold finite values, got range [${low}, ${high}]`);
  const scale = high > low ? 255 / (high - low) : 0;
  const toByte = (v: number): number => Math.max(0, Math.min(255, Math.round((v - low) * scale)));

  const rows = Math.ceil(n / columns);
  const captionBand = labels === undefined ? 0 : Math.max(6, Math.round(h * 0.35));
  const tileHeight = captionBand + h + gap;
  const pictureHeight = rows * tileHeight - gap;
  const pictureWidth = columns * (w + gap) - gap;
  const picture: number[][][] = Array.from({ length: pictureHeight }, () => Array.from({ length: pictureWidth }, () => [255, 255, 255]));
  const annotations: PlotlyAnnotation[] = [];
  for (let k = 0; k < n; k++) {
    const top = Math.floor(k / columns) * tileHeight + captionBand;
    const left = (k % columns) * (w + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const base = ((k * h + y) * w + x) * c;
        // Grey images repeat their one channel as R, G and B; an alpha channel is dropped.
        const rgb = c === 1 ? [data[base], data[base], data[base]] : [data[base], data[base + 1], data[base + 2]];
        picture[top + y][left + x] = rgb.map(toByte);
      }
    }
    if (labels !== undefined) {
      annotations.push({ x: left + (w - 1) / 2, y: top - 0.5, text: labels[k], showarrow: false, yanchor: "bottom", font: { size: 10 } });
    }
  }
  const layout = figureLayout({ title: `${n} of ${total} images`, xTitle: "", yTitle: "" }, options);
  const bare = { showticklabels: false, showgrid: false, zeroline: false, ticks: "" };
  return {
    data: [{ type: "image", z: picture, colormodel: "rgb", hovertemplate: "x %{x}, y %{y}<extra></extra>" }],
    layout: {
      ...layout,
      margin: { l: 8, r: 8, t: 40, b: 8 },
      xaxis: { ...layout.xaxis, ...bare },
      yaxis: { ...layout.yaxis, ...bare, autorange: "reversed" },
      ...(annotations.length > 0 ? { annotations } : {}),
    },
  };
}
