/**
 * `x` with `digits` decimals as Python's `format(x, ".{digits}f")` writes it: the exact binary value, rounded
 * half to even. JavaScript's `toFixed` also rounds the exact value but sends exact ties (0.625) up, so
 * scikit-learn's reports print 0.62 where `toFixed` prints 0.63. Written here because no formatting package
 * rounds the exact binary value half to even (decimal.js, for one, starts from the shortest decimal).
 */
export function formatFixed(x: number, digits: number): string {
  const up = x.toFixed(digits);
  if (!isExactTie(Math.abs(x), digits)) return up;
  // An exact tie has digits + 1 exact decimals, the last a 5: dropping it rounds towards zero.
  const down = Math.abs(x).toFixed(digits + 1).slice(0, -1).replace(/\.$/, "");
  const lastDigit = Number(down.at(-1));
  return lastDigit % 2 === 0 ? `${x < 0 ? "-" : ""}${down}` : up;
}

/** True when `x · 10^digits` is exactly an integer and a half (x ≥ 0, finite). */
function isExactTie(x: number, digits: number): boolean {
  if (!Number.isFinite(x)) return false;
  const decimals = x.toFixed(digits + 1);
  if (!decimals.endsWith("5")) return false;
  // x = mantissa · 2^exponent exactly; the tie is exact when that equals the decimal digits / 10^(digits+1).
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const scaled = BigInt(decimals.replace(".", ""));
  const power = 10n ** BigInt(digits + 1);
  return exponent >= 0 ? scaled === (mantissa << BigInt(exponent)) * power : scaled << BigInt(-exponent) === mantissa * power;
}
