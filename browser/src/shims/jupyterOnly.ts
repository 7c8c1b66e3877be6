import { runtimeWords } from "../worker/runtimeWords.js";

/** The error every Node-only API gives in the browser: what was called, and where it does run. */
export function jupyterOnly(what: string): Error {
  const error = new Error(runtimeWords().jupyterOnly(what));
  error.name = "JupyterOnlyError";
  return error;
}

/** A module whose every export, when called, throws `jupyterOnly` naming the module and the export. */
export function jupyterOnlyModule(module: string): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get(_target, key) {
      if (key === "__esModule" || typeof key === "symbol" || key === "then") return undefined;
      const fail = () => {
        throw jupyterOnly(`${module}'s ${key}()`);
      };
      return fail;
    },
  });
}
