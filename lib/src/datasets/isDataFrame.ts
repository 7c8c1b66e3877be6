import * as dfd from "danfojs-node";

// danfojs-node exports subclasses of danfo's base classes, but `loc`, `copy`, `iloc` and most other
// operations return instances of the base classes, so `instanceof dfd.DataFrame` misses them.
const BaseDataFrame = Object.getPrototypeOf(dfd.DataFrame) as typeof dfd.DataFrame;
const BaseSeries = Object.getPrototypeOf(dfd.Series) as typeof dfd.Series;

/** True for every danfo DataFrame, including the ones danfo's own operations return. */
export function isDataFrame(value: unknown): value is dfd.DataFrame {
  return value instanceof BaseDataFrame;
}

/** True for every danfo Series, including the ones danfo's own operations return. */
export function isSeries(value: unknown): value is dfd.Series {
  return value instanceof BaseSeries;
}
