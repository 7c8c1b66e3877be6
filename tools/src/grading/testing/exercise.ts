import path from "node:path";
import { inject, test } from "vitest";
import { exerciseKey, type Failure } from "../bridge/bridgeMessages.js";
import { tagOf, type UnsendableRecord } from "../protocol/messages.js";
import { defaultNotebooksDir } from "../repoPaths.js";
import { GRADING_ENV, type GradingMeta, type GradingSettings } from "./gradingMeta.js";
import { GradingError, RemoteValues } from "./remoteValues.js";

export { GradingError } from "./remoteValues.js";

/** An exercise loaded from a notebook, running in a sandbox process. */
export interface Exercise<T extends object> {
  readonly notebook: string;
  readonly id: string;
  /**
   * The cell's exports. Calls are synchronous and cross into the sandbox; arguments and results
   * are copied (plain data, typed arrays, tensors; instances come back as live snapshots).
   * If the exercise cannot be loaded, every export is a function that throws the reason.
   */
  readonly exports: T;
  /** Why the exercise could not be loaded, if it could not. */
  readonly problem: string | undefined;
  /** Declares a graded test of this exercise worth `points`. */
  test(name: string, points: number, fn: () => unknown): void;
}

/** How an exercise is run. */
export interface ExerciseOptions {
  /**
   * Time limit of each call into this exercise, for exercises that train a model (the default,
   * `--timeout`, suits functions that compute). Training must still fit the 10 minutes per learner.
   */
  callTimeoutMs?: number;
}

const MAX_CALL_TIMEOUT_MS = 300_000;

let remote: RemoteValues | undefined;

/** An export whose value could not be copied out of the sandbox: reading it fails the test. */
class Unsendable {
  constructor(readonly message: string) {}
}
const loaded = new Map<string, Exercise<object>>();

function failing(message: string, report: () => void): (...args: unknown[]) => never {
  return function failingExport() {
    report();
    remote?.failures.push(message);
    throw new GradingError(message);
  };
}

function notebookFileName(notebook: string): string {
  if (typeof notebook !== "string" || notebook.trim() === "") {
    throw new Error(`exercise(): notebook must be a notebook file name such as "03-preprocessing.ipynb"; got ${JSON.stringify(notebook)}`);
  }
  const base = path.basename(notebook);
  return base.endsWith(".ipynb") ? base : `${base}.ipynb`;
}

/**
 * Loads an exercise cell (found by cell id or `exercise:<id>` tag, wherever it is) from a course
 * notebook into a sandbox. The notebook is looked up by file name in the folder the judge
 * provides (a learner's submission), else `TSDL_NOTEBOOKS_DIR`, else the repository's `notebooks/`.
 */
export async function exercise<T extends object>(notebook: string, id: string, options: ExerciseOptions = {}): Promise<Exercise<T>> {
  const file = notebookFileName(notebook);
  if (typeof id !== "string" || id.trim() === "") {
    throw new Error(`exercise(): id must be the exercise cell's id; got ${JSON.stringify(id)}`);
  }
  const { callTimeoutMs } = options;
  if (callTimeoutMs !== undefined && !(Number.isInteger(callTimeoutMs) && callTimeoutMs > 0 && callTimeoutMs <= MAX_CALL_TIMEOUT_MS)) {
    throw new Error(`exercise(): options.callTimeoutMs must be an integer from 1 to ${MAX_CALL_TIMEOUT_MS} ms; got ${JSON.stringify(callTimeoutMs)}`);
  }
  const settings: Partial<GradingSettings> = inject("tsdlGrading") ?? {};
  const notebooksDir = path.resolve(settings.notebooksDir || process.env[GRADING_ENV.notebooksDir] || defaultNotebooksDir);
  const key = exerciseKey(file, id);
  const cached = loaded.get(`${notebooksDir}\u0000${key}`);
  if (cached) return cached as Exercise<T>;

  remote ??= new RemoteValues(settings);
  const values = remote;
  values.language = settings.language ?? "en";
  if (callTimeoutMs !== undefined) values.callBudgets.set(key, callTimeoutMs);
  const reply = values.load(notebooksDir, file, id);
  let problem: string | undefined;
  let exports: Record<string, unknown> = {};
  if (reply.ok) {
    if ("imports" in reply && reply.imports.some((specifier) => /^(@tsdl\/lib|@tensorflow\/)/.test(specifier))) {
      const lib = await import("@tsdl/lib");
      await lib.backendReady();
      values.tensor ??= (data, shape, dtype) => lib.tf.tensor(data as number[], shape, dtype as "float32");
    }
    const records = reply.value as Record<string, unknown>;
    for (const name of Object.keys(records)) {
      const record = records[name];
      const tag = tagOf(record);
      if (tag === "function") exports[name] = values.exportFunction(key, name, file, id);
      else if (tag === "unsendable") exports[name] = new Unsendable(`Exercise "${id}" (${file}) exports ${name}, but ${(record as UnsendableRecord).message}`);
      else exports[name] = values.decode(record, key, reply.generation, file, id);
    }
  } else {
    problem = reply.message;
  }
  const report = (failure: Failure) => () => values.report(file, id, failure);
  const proxy = new Proxy(exports, {
    get(target, name) {
      if (typeof name !== "string" || name === "then") return undefined;
      if (problem !== undefined) return failing(problem, report({ ok: false, kind: "load", message: problem }));
      if (!(name in target)) {
        const message = `Exercise "${id}" (${file}) does not export ${name}; it exports ${Object.keys(target).join(", ") || "nothing"}`;
        return failing(message, report({ ok: false, kind: "export", message }));
      }
      const value = target[name];
      if (value instanceof Unsendable) {
        values.report(file, id, { ok: false, kind: "value", message: value.message });
        values.failures.push(value.message);
        throw new GradingError(value.message);
      }
      return value;
    },
  });
  if (problem !== undefined) values.report(file, id, { ok: false, kind: "load", message: problem });

  const result: Exercise<T> = {
    notebook: file,
    id,
    exports: proxy as T,
    problem,
    test(name: string, points: number, fn: () => unknown) {
      if (typeof name !== "string" || name === "") throw new Error(`test(): name must be a non-empty string; got ${JSON.stringify(name)}`);
      if (typeof points !== "number" || !Number.isFinite(points) || points <= 0) {
        throw new Error(`test(): points must be a positive number; got ${JSON.stringify(points)} for "${name}"`);
      }
      const meta: GradingMeta = { notebook: file, exercise: id, points };
      const timeout = callTimeoutMs === undefined ? undefined : 2 * callTimeoutMs + 60_000;
      test(`${id}: ${name} [${points} ${points === 1 ? "pt" : "pts"}]`, { meta: { grading: meta }, timeout }, async () => {
        // A test observes the exercise's behaviour, never the grader's account of a broken submission:
        // an exercise that did not load, or a call that timed out or crashed, fails the test whatever it expected.
        if (problem !== undefined) throw new GradingError(problem);
        const before = values.failures.length;
        await fn();
        const failure = values.failures[before];
        if (failure !== undefined) throw new GradingError(failure);
      });
    },
  };
  loaded.set(`${notebooksDir}\u0000${key}`, result as Exercise<object>);
  return result;
}
