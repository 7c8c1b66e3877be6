/** The parts of a TensorFlow.js tensor the renderers use (duck-typed: kernel-ext does not import tfjs). */
export interface TensorLike {
  readonly shape: number[];
  readonly dtype: string;
  readonly rank: number;
  readonly size: number;
  readonly isDisposed: boolean;
  dataSync(): ArrayLike<number> | string[];
  gather(indices: number[], axis: number): TensorLike;
  slice(begin: number[], size: number[]): TensorLike;
  stridedSlice(begin: number[], end: number[], strides: number[]): TensorLike;
  dispose(): void;
}

export function isTensor(value: unknown): value is TensorLike {
  if (typeof value !== "object" || value === null) return false;
  const t = value as Partial<TensorLike> & { dataId?: unknown };
  return (
    Array.isArray(t.shape) &&
    typeof t.dtype === "string" &&
    typeof t.dataSync === "function" &&
    typeof t.dispose === "function" &&
    "dataId" in t
  );
}

const bytesPerElement: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

export function tensorBytes(t: TensorLike): number | undefined {
  const per = bytesPerElement[t.dtype];
  return per === undefined ? undefined : per * t.size;
}

/** The active backend's name, read from tfjs's global engine (tfjs keeps it at `globalThis._tfengine`). */
export function activeBackendName(): string | undefined {
  const engine = (globalThis as { _tfengine?: { backendName?: string } })._tfengine;
  return engine?.backendName;
}

/** Runs `fn` on a tensor derived from `t` and disposes it, whatever happens. */
export function withDerived<T>(derived: TensorLike, fn: (t: TensorLike) => T): T {
  try {
    return fn(derived);
  } finally {
    derived.dispose();
  }
}

export interface EdgePreview {
  /** The values read, row-major over `shape`. */
  values: ArrayLike<number> | string[];
  /** The shape of the values read. */
  shape: number[];
  /** Per axis: whether the middle was left out (then the first and last `edgeItems` are kept). */
  truncated: boolean[];
  edgeItems: number;
}

/** Up to this many elements a tensor is read whole and its edges picked in JavaScript (faster than ops). */
const readWholeLimit = 65_536;

function edgeIndices(dim: number, cut: boolean, edgeItems: number): number[] {
  if (!cut) return [...Array(dim).keys()];
  return [...Array(edgeItems).keys(), ...Array.from({ length: edgeItems }, (_, i) => dim - edgeItems + i)];
}

function pickEdges(values: ArrayLike<number> | string[], shape: number[], kept: number[][]): Array<number | string> {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const out: Array<number | string> = [];
  const walk = (axis: number, offset: number) => {
    for (const i of kept[axis]!) {
      if (axis === shape.length - 1) out.push(values[offset + i]!);
      else walk(axis + 1, offset + i * strides[axis]!);
    }
  };
  walk(0, 0);
  return out;
}

/**
 * Reads only what a summary shows: the whole tensor when it has at most `threshold` elements,
 * else the first and last `edgeItems` along every long axis (numpy's rule). Big tensors are cut
 * down with `gather` on the backend first, so a huge tensor is never read.
 */
export function edgePreview(t: TensorLike, edgeItems = 3, threshold = 1000): EdgePreview {
  if (t.size <= threshold) {
    return { values: t.dataSync(), shape: [...t.shape], truncated: t.shape.map(() => false), edgeItems };
  }
  const truncated = t.shape.map((d) => d > 2 * edgeItems);
  const kept = t.shape.map((d, axis) => edgeIndices(d, truncated[axis]!, edgeItems));
  const shape = kept.map((k) => k.length);
  if (t.size <= readWholeLimit || t.rank === 0) {
    return { values: pickEdges(t.dataSync(), t.shape, kept) as number[] | string[], shape, truncated, edgeItems };
  }
  let current: TensorLike = t;
  try {
    truncated.forEach((cut, axis) => {
      if (!cut) return;
      const next = current.gather(kept[axis]!, axis);
      if (current !== t) current.dispose();
      current = next;
    });
    return { values: current.dataSync(), shape, truncated, edgeItems };
  } finally {
    if (current !== t) current.dispose();
  }
}
