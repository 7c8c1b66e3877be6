import * as danfo from "danfojs-node";
import { jupyterOnly } from "./jupyterOnly.js";

// What lib asks `createRequire` for in a page: danfo (bundled with the runtime, already loaded).
const bundled: Record<string, unknown> = { "danfojs-node": danfo };

export function createRequire(): NodeJS.Require {
  const require = ((name: string) => {
    if (name in bundled) return bundled[name];
    throw jupyterOnly(`require("${name}")`);
  }) as NodeJS.Require;
  require.resolve = ((name: string) => name) as NodeJS.RequireResolve;
  require.cache = { "danfojs-node": {} as NodeJS.Module };
  return require;
}
export default { createRequire };
