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

// danfojs-node exports a subclass of danfo's base DataFrame, but `loc`, `copy`, `iloc` and most other
// operations return instances of the base class, so `instanceof dfd.DataFrame` misses them.
/** True for every danfo DataFrame, including the ones danfo's own operations return. */
export function isDataFrame(value: unknown): value is Danfo.DataFrame {
  if (typeof value !== "object" || value === null) return false;
  // A value can only be a DataFrame once danfo is loaded (by lib or by the notebook), so asking never loads it.
  if (!loaded && !require.cache[danfoEntry]) return false;
  return value instanceof (Object.getPrototypeOf(danfo().DataFrame) as typeof Danfo.DataFrame);
}
