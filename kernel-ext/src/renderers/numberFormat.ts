/** Formats numbers the way numpy prints an array: a shared style, so columns line up. */
export function numberFormatter(values: ArrayLike<number>, dtype: string): (v: number) => string {
  if (dtype === "bool") return (v) => (v ? "true" : "false");
  if (dtype === "int32") return (v) => String(v);
  let allIntegers = true;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) allIntegers = false;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a > 0 && a < minAbs) minAbs = a;
  }
  const special = (v: number) => (Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
  if (allIntegers && maxAbs < 1e8) return (v) => (Number.isFinite(v) ? `${v}.` : special(v));
  const scientific = maxAbs >= 1e8 || (minAbs < 1e-4 && minAbs !== Infinity) || maxAbs / minAbs >= 1e6;
  if (scientific) return (v) => (Number.isFinite(v) ? v.toExponential(3) : special(v));
  const decimals = Math.max(0, Math.min(4, 4 - Math.max(0, Math.floor(Math.log10(maxAbs || 1)))));
  return (v) => (Number.isFinite(v) ? v.toFixed(decimals) : special(v));
}
