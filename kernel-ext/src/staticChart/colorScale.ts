import { scale as vegaScale, scheme } from "vega";

/**
 * A Plotly colorscale resolved for a value range: a Vega-Lite scale for vector marks and a function
 * giving RGB for rasterised cells, both from Vega's own interpolators so the two agree.
 */
export interface ResolvedColorScale {
  vegaLiteScale: Record<string, unknown>;
  rgbAt(value: number): [number, number, number];
}

interface NamedScale {
  scheme?: string;
  colors?: string[];
  reverse: boolean;
}

// Plotly's named scales mapped to the Vega scheme of the same palette; Plotly runs several of them
// from dark to light, the reverse of Vega's order.
const namedScales: Record<string, NamedScale> = {
  viridis: { scheme: "viridis", reverse: false },
  cividis: { scheme: "cividis", reverse: false },
  plasma: { scheme: "plasma", reverse: false },
  inferno: { scheme: "inferno", reverse: false },
  magma: { scheme: "magma", reverse: false },
  turbo: { scheme: "turbo", reverse: false },
  jet: { scheme: "turbo", reverse: false },
  rainbow: { scheme: "rainbow", reverse: false },
  greys: { scheme: "greys", reverse: true },
  greens: { scheme: "greens", reverse: true },
  blues: { scheme: "blues", reverse: true },
  reds: { scheme: "reds", reverse: false },
  ylgnbu: { scheme: "yellowgreenblue", reverse: true },
  ylorrd: { scheme: "yelloworangered", reverse: true },
  rdbu: { scheme: "redblue", reverse: true },
  bluered: { colors: ["rgb(0,0,255)", "rgb(255,0,0)"], reverse: false },
  hot: { colors: ["rgb(0,0,0)", "rgb(230,0,0)", "rgb(255,210,0)", "rgb(255,255,255)"], reverse: false },
};

/** Plotly's default for heatmaps is RdBu; the course's charts read better with viridis, which Plotly also ships. */
const defaultScale = "viridis";

function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(color);
  if (rgb) return [Math.round(Number(rgb[1])), Math.round(Number(rgb[2])), Math.round(Number(rgb[3]))];
  throw new Error(`colorscale: expected a colour as #rrggbb or rgb(r, g, b), got ${JSON.stringify(color)}`);
}

function isStopList(value: unknown): value is [number, string][] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === "number" && typeof s[1] === "string")
  );
}

type Interpolator = (t: number) => string;

export function resolveColorScale(colorscale: unknown, reversescale: boolean, zmin: number, zmax: number): ResolvedColorScale {
  const span = zmax > zmin ? zmax - zmin : 1;
  let stops: number[] | undefined;
  let colors: string[] | undefined;
  let named: NamedScale | undefined;
  if (isStopList(colorscale)) {
    stops = colorscale.map(([t]) => t);
    colors = colorscale.map(([, c]) => c);
  } else {
    named = namedScales[typeof colorscale === "string" ? colorscale.toLowerCase() : defaultScale] ?? namedScales[defaultScale]!;
    if (named.colors !== undefined) {
      colors = named.colors;
      stops = colors.map((_, i) => i / (colors!.length - 1));
    }
  }
  const reverse = (named?.reverse ?? false) !== reversescale;

  let interpolator: Interpolator;
  let vegaLiteScale: Record<string, unknown>;
  if (stops !== undefined && colors !== undefined) {
    const domain = stops.map((t) => zmin + t * span);
    const piecewise = vegaScale("linear")().domain(stops).range(colors).clamp(true);
    interpolator = (t) => String(piecewise(t));
    vegaLiteScale = { domain, range: colors, interpolate: "rgb", reverse };
  } else {
    const schemeName = named!.scheme!;
    interpolator = scheme(schemeName) as Interpolator;
    vegaLiteScale = { domain: [zmin, zmax], scheme: schemeName, reverse };
  }
  return {
    vegaLiteScale,
    rgbAt(value: number): [number, number, number] {
      let t = Math.min(1, Math.max(0, (value - zmin) / span));
      if (reverse) t = 1 - t;
      return parseColor(interpolator(t));
    },
  };
}
