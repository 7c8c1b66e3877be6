import { createRequire } from "node:module";
import type * as Danfo from "danfojs-node";

const require = createRequire(import.meta.url);
const danfoEntry = require.resolve("danfojs-node");
let loaded: typeof Danfo | undefined;

/**
 * danfo.js, loaded on first use: with its ~900 mathjs files it was most of lib's import time, and most
 * notebooks use no DataFrame. Notebooks that `import * as dfd from "danfojs-node"` get the same module.
 */
export function danfo(): typeof Danfo {
  return (loaded ??= require("danfojs-node") as typeof Danfo);
}

// danfojs-node exports subclasses of danfo's base classes, but `loc`, `copy`, `iloc` and most other
// operations return instances of the base classes, so `instanceof dfd.DataFrame` misses them.
function baseClassOf<T>(name: "DataFrame" | "Series"): T | undefined {
  // A value can only be a DataFrame once danfo is loaded (by lib or by the notebook), so asking never loads it.
  if (!loaded && !require.cache[danfoEntry]) return undefined;
  return Object.getPrototypeOf(danfo()[name]) as T;
}

/**
 * True for every danfo DataFrame, including the ones danfo's own operations return.
 *
 * Taught in no notebook yet.
 */
export function isDataFrame(value: unknown): value is Danfo.DataFrame {
  if (typeof value !== "object" || value === null) return false;
  const base = baseClassOf<typeof Danfo.DataFrame>("DataFrame");
  return base !== undefined && value instanceof base;
}

/**
 * True for every danfo Series, including the ones danfo's own operations return.
 *
 * Taught in no notebook yet.
 */
export function isSeries(value: unknown): value is Danfo.Series {
  if (typeof value !== "object" || value === null) return false;
  const base = baseClassOf<typeof Danfo.Series>("Series");
  return base !== undefined && value instanceof base;
}
