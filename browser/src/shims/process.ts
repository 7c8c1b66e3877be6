import { runtimeWords } from "../worker/runtimeWords.js";

/** What the course's code reads of `process` in a page: no environment, stdout into the cell's output. */
export const process = {
  env: {} as Record<string, string | undefined>,
  platform: "browser",
  versions: {} as Record<string, string>,
  argv: [] as string[],
  cwd: () => "/tsdl/notebooks",
  hrtime: Object.assign((previous?: [number, number]) => {
    const now = performance.now();
    const seconds = Math.floor(now / 1000);
    const nanos = Math.floor((now % 1000) * 1e6);
    return previous ? [seconds - previous[0], nanos - previous[1]] : [seconds, nanos];
  }, { bigint: () => BigInt(Math.floor(performance.now() * 1e6)) }),
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => callback(...args)),
  stdout: { write: (text: string) => (console.log(String(text).replace(/\n$/, "")), true) },
  stderr: { write: (text: string) => (console.error(String(text).replace(/\n$/, "")), true) },
  on: () => process,
  off: () => process,
  exit: (code?: number) => {
    throw new Error(runtimeWords().processExit(String(code ?? "")));
  },
};
