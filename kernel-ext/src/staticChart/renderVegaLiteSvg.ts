import { parse, resetSVGDefIds, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { compactSvg } from "./compactSvg.js";
import { hasWideText, withWideTextWidths } from "./wideTextWidth.js";

export interface RenderedSvg {
  svg: string;
  /** Vega-Lite's warnings: each one means part of the translated spec was dropped or guessed. */
  warnings: string[];
}

interface Logger {
  level(value?: number): number | Logger;
  error(...args: readonly unknown[]): Logger;
  warn(...args: readonly unknown[]): Logger;
  info(...args: readonly unknown[]): Logger;
  debug(...args: readonly unknown[]): Logger;
}

function collectingLogger(warnings: string[]): Logger {
  let level = 0;
  const logger: Logger = {
    level(value?: number): number | Logger {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]): Logger {
      throw new Error(`Vega-Lite: ${args.map(String).join(" ")}`);
    },
    warn(...args: readonly unknown[]): Logger {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

// Vega numbers clip paths and gradients from a global counter; rendering one chart at a time from a reset
// counter makes the same figure give the same bytes.
let queue: Promise<unknown> = Promise.resolve();

async function renderNow(spec: TopLevelSpec): Promise<RenderedSvg> {
  const warnings: string[] = [];
  const vegaSpec = compile(spec, { logger: collectingLogger(warnings) as never }).spec;
  const view = new View(parse(vegaSpec), { renderer: "none" });
  view.logLevel(0);
  try {
    await view.runAsync();
    resetSVGDefIds();
    return { svg: compactSvg(await view.toSVG()), warnings };
  } finally {
    view.finalize();
  }
}

export function renderVegaLiteSvg(spec: TopLevelSpec): Promise<RenderedSvg> {
  const rendered = queue.then(() => withWideTextWidths(hasWideText(JSON.stringify(spec)), () => renderNow(spec)));
  queue = rendered.catch(() => undefined);
  return rendered;
}
