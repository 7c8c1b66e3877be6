import { plainText, readNumber, readString, readTitle } from "./figureFields.js";

export type AxisKind = "quantitative" | "ordinal" | "temporal";

/** How one Plotly axis maps onto a Vega-Lite position channel shared by every layer. */
export interface AxisPlan {
  kind: AxisKind;
  log: boolean;
  reversed: boolean;
  title: string | undefined;
  /** Categories in Plotly's order (first appearance) for ordinal axes, or an explicit numeric range. */
  domain: unknown[] | undefined;
  /** Bars grow from zero; lines and points get Plotly's tight autorange. */
  fromZero: boolean;
  /** Vega-Lite axis properties for the parts of the axis the layout hides. */
  style: Record<string, unknown>;
}

export interface AxisUsage {
  /** A bar or heatmap uses this axis for its categories, so it must be banded. */
  discrete: boolean;
  /** A bar or histogram measures its length along this axis. */
  fromZero: boolean;
}

const isoDate = /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/;

function inferKind(values: readonly unknown[]): AxisKind {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.every((v) => typeof v === "number")) return "quantitative";
  if (present.every((v) => typeof v === "string" && isoDate.test(v))) return "temporal";
  if (present.every((v) => v instanceof Date)) return "temporal";
  return "ordinal";
}

/** @param values every value any trace places on this axis */
export function planAxis(layoutAxis: Record<string, unknown> | undefined, values: readonly unknown[], usage: AxisUsage): AxisPlan {
  const declared = readString(layoutAxis, "type");
  let kind: AxisKind;
  if (declared === "category" || declared === "multicategory" || usage.discrete) kind = "ordinal";
  else if (declared === "date") kind = "temporal";
  else if (declared === "linear" || declared === "log") kind = "quantitative";
  else kind = inferKind(values);

  const log = kind === "quantitative" && declared === "log";
  const title = readTitle(layoutAxis?.title);
  const plan: AxisPlan = {
    kind,
    log,
    reversed: layoutAxis?.autorange === "reversed",
    title: title === undefined ? undefined : plainText(title),
    domain: undefined,
    fromZero: usage.fromZero,
    style: axisStyle(layoutAxis),
  };
  const ticks = kind !== "quantitative" ? undefined : log ? decadeTicks(values) : tickValues(layoutAxis, values);
  if (ticks !== undefined) plan.style = { ...plan.style, values: ticks };
  // Big counts (parameters, samples) read as 10k, 1M, 100G rather than 100,000,000,000.
  if (log && ticks !== undefined && ticks[0]! >= 1) plan.style = { ...plan.style, format: "~s" };
  // Plotly's tickformat "d" (whole numbers such as epochs, at most ~10 ticks by integerAxis): 1, 2, 3 rather than 1.0, 2.0, 3.0, all shown.
  if (!log && readString(layoutAxis, "tickformat") === "d") plan.style = { ...plan.style, format: ".0f", labelOverlap: false };
  if (kind === "ordinal") {
    plan.domain = [...new Set(values.filter((v) => v !== null && v !== undefined).map(String))];
  } else if (kind === "quantitative" && Array.isArray(layoutAxis?.range) && layoutAxis?.range.length === 2) {
    const [lo, hi] = layoutAxis.range as unknown[];
    if (typeof lo === "number" && typeof hi === "number") {
      // Plotly states a log axis's range in powers of ten.
      plan.domain = log ? [10 ** lo, 10 ** hi] : [lo, hi];
    }
  }
  return plan;
}

/** The value stored in a data row for this axis, so rows and the ordinal domain agree. */
export function axisValue(plan: AxisPlan, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (plan.kind === "ordinal") return String(value);
  if (plan.kind === "quantitative") {
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    return plan.log && value <= 0 ? null : value;
  }
  return value instanceof Date ? value.toISOString() : value;
}

export function positionEncoding(plan: AxisPlan, field: string): Record<string, unknown> {
  const scale: Record<string, unknown> = {};
  // Vega would widen a log axis to whole decades; Plotly fits the data, except that bars need room below the shortest.
  if (plan.log) Object.assign(scale, { type: "log", nice: plan.fromZero });
  if (plan.reversed) scale.reverse = true;
  if (plan.domain !== undefined) scale.domain = plan.domain;
  if (plan.kind === "quantitative" && plan.domain === undefined && !plan.log) scale.zero = plan.fromZero;
  return {
    field,
    type: plan.kind,
    scale,
    title: plan.title ?? null,
    ...(plan.kind === "ordinal" ? { sort: null } : {}),
    // Category names are the data (feature names, classes): Vega-Lite's default 180 px limit would cut them.
    axis: { ...(plan.kind === "ordinal" ? { labelAngle: 0, labelOverlap: true, labelLimit: 0 } : {}), ...plan.style },
  };
}

/** Over three or more decades Plotly labels only the powers of ten; Vega would add every 2…9 in between. */
function decadeTicks(values: readonly unknown[]): number[] | undefined {
  const positive = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
  if (positive.length === 0) return undefined;
  const lo = Math.floor(Math.log10(positive.reduce((a, b) => Math.min(a, b))));
  const hi = Math.ceil(Math.log10(positive.reduce((a, b) => Math.max(a, b))));
  if (hi - lo < 3) return undefined;
  return Array.from({ length: hi - lo + 1 }, (_, k) => Number((10 ** (lo + k)).toPrecision(12)));
}

/** Plotly's fixed tick spacing (`tick0` + k·`dtick`, e.g. whole epochs) over the values' range, when it gives a readable count. */
function tickValues(layoutAxis: Record<string, unknown> | undefined, values: readonly unknown[]): number[] | undefined {
  const dtick = readNumber(layoutAxis, "dtick");
  if (dtick === undefined || dtick <= 0) return undefined;
  const tick0 = readNumber(layoutAxis, "tick0") ?? 0;
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (numbers.length === 0) return undefined;
  const lo = numbers.reduce((a, b) => Math.min(a, b));
  const hi = numbers.reduce((a, b) => Math.max(a, b));
  const first = Math.ceil((lo - tick0) / dtick);
  const last = Math.floor((hi - tick0) / dtick);
  if (last - first > 50) return undefined;
  // Rounding to the tick step's precision keeps 0.1-steps from printing as 0.30000000000000004.
  return Array.from({ length: last - first + 1 }, (_, k) => Number((tick0 + (first + k) * dtick).toPrecision(12)));
}

/** Plotly's `visible`, `showticklabels`, `showgrid` and `ticks` as Vega-Lite axis properties. */
export function axisStyle(layoutAxis: Record<string, unknown> | undefined): Record<string, unknown> {
  if (layoutAxis?.visible === false) return { labels: false, ticks: false, grid: false, domain: false };
  const style: Record<string, unknown> = {};
  if (layoutAxis?.showticklabels === false) Object.assign(style, { labels: false, domain: false });
  if (layoutAxis?.showgrid === false) style.grid = false;
  if (layoutAxis?.ticks === "") style.ticks = false;
  return style;
}

export function readAxisLayout(layout: Record<string, unknown> | undefined, name: "xaxis" | "yaxis" | "yaxis2"): Record<string, unknown> | undefined {
  const axis = layout?.[name];
  return typeof axis === "object" && axis !== null && !Array.isArray(axis) ? (axis as Record<string, unknown>) : undefined;
}

export function readDimension(layout: Record<string, unknown> | undefined, key: "width" | "height"): number | undefined {
  const value = readNumber(layout, key);
  return value !== undefined && value > 0 ? value : undefined;
}
