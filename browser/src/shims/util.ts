// Node's util for the page's worker: the `util` package (Node's inspect, older), with typed arrays
// shown as Node 20 shows them (`Float64Array(2) [ 0, 2.25 ]`), which the old inspect prints as objects.
import util from "util/";

type InspectOptions = { maxArrayLength?: number | null } & Record<string, unknown>;

function inspectTypedArray(value: ArrayLike<number | bigint>, options: InspectOptions): string {
  const limit = options.maxArrayLength === null ? Infinity : (options.maxArrayLength ?? 100);
  const shown = Array.from({ length: Math.min(value.length, limit) }, (_, i) => util.inspect(value[i], options));
  if (value.length > limit) shown.push(`... ${value.length - limit} more item${value.length - limit === 1 ? "" : "s"}`);
  const name = (value as object).constructor.name;
  return shown.length === 0 ? `${name}(0) []` : `${name}(${value.length}) [ ${shown.join(", ")} ]`;
}

export function inspect(value: unknown, options: InspectOptions = {}): string {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && typeof Buffer !== "undefined" && !Buffer.isBuffer(value)) {
    return inspectTypedArray(value as unknown as ArrayLike<number>, options);
  }
  return util.inspect(value, options);
}

export const { format, inherits, deprecate, promisify, types, TextDecoder, TextEncoder } = util as typeof util & { TextDecoder: typeof globalThis.TextDecoder; TextEncoder: typeof globalThis.TextEncoder };
export default { ...util, inspect } as Record<string, unknown>;
