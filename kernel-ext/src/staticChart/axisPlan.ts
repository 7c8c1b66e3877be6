import { plainText, readNumber, readString, readTitle } from "./plotlyFigure.js";

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
  };
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
  // Vega would widen a log axis to whole decades; Plotly fits the data.
  if (plan.log) Object.assign(scale, { type: "log", nice: false });
  if (plan.reversed) scale.reverse = true;
  if (plan.domain !== undefined) scale.domain = plan.domain;
  if (plan.kind === "quantitative" && plan.domain === undefined && !plan.log) scale.zero = plan.fromZero;
  return {
    field,
    type: plan.kind,
    scale,
    title: plan.title ?? null,
    ...(plan.kind === "ordinal" ? { sort: null, axis: { labelAngle: 0, labelOverlap: true } } : {}),
  };
}

export function readAxisLayout(layout: Record<string, unknown> | undefined, name: "xaxis" | "yaxis"): Record<string, unknown> | undefined {
  const axis = layout?.[name];
  return typeof axis === "object" && axis !== null && !Array.isArray(axis) ? (axis as Record<string, unknown>) : undefined;
}

export function readDimension(layout: Record<string, unknown> | undefined, key: "width" | "height"): number | undefined {
  const value = readNumber(layout, key);
  return value !== undefined && value > 0 ? value : undefined;
}
