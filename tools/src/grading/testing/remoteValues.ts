import { appendFileSync } from "node:fs";
import type { BridgeReply, Failure } from "../bridge/bridgeMessages.js";
import { SyncBridge } from "../bridge/syncBridge.js";
import { sandboxRegistryDir } from "../sandbox/sandboxRegistry.js";
import {
  type CallTarget, type FunctionRecord, isTensorLike, type ObjectRecord, TAG, tagOf, type TensorRecord, tensorRecord,
} from "../protocol/messages.js";
import type { FeedbackLanguage } from "../sandbox/sandboxMessages.js";
import { GRADING_ENV, type GradingEvent, type GradingSettings } from "./gradingMeta.js";

/** A learner's exercise could not be run (missing, broken, too slow, crashed); not an assertion failure. */
export class GradingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GradingError";
  }
}

/** Members that vitest's equality calls on compared values; learner objects never get them. */
const MATCHER_HOOKS = new Set(["asymmetricMatch", "isEqualNode", "equals", "then", "toAsymmetricMatcher", "~standard", "validate", "toJSON"]);

const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = { Error, RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError };

/** The learner's error rebuilt on this side: same class when built in, same name and message. */
function learnerError(name: string, message: string): Error {
  const error = new (BUILT_IN_ERRORS[name] ?? Error)(message);
  if (error.name !== name) Object.defineProperty(error, "name", { value: name, configurable: true, writable: true });
  return error;
}

// Defines rather than assigns, so a learner's "__proto__" key stays data instead of a prototype.
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

type TensorFactory = (values: unknown[], shape: number[], dtype: string) => unknown;

interface Ref {
  handle: number;
  generation: number;
  key: string;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number; got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * The judge's view of values living in the learner's sandbox: functions become local functions
 * that call across, instances become local snapshots whose methods call across and whose fields
 * are refreshed after every method call.
 */
export class RemoteValues {
  private readonly bridge: SyncBridge;
  private readonly refs = new WeakMap<object, Ref>();
  private readonly snapshots = new Map<string, object>();
  private readonly exportFunctions = new Map<string, (...args: unknown[]) => unknown>();
  private readonly prototypes = new Map<string, object>();
  private readonly reported = new Set<string>();
  private readonly refreshing = new Set<string>();
  tensor: TensorFactory | undefined;
  /** Every grading failure (time-out, crash, lost object…) so far, for the test that met it. */
  readonly failures: string[] = [];

  constructor(private readonly settings: Partial<GradingSettings>) {
    this.bridge = new SyncBridge({
      memoryMb: settings.memoryMb ?? positiveNumber(GRADING_ENV.memoryMb, process.env[GRADING_ENV.memoryMb], 512),
      cacheDir: settings.compileCache ?? (process.env[GRADING_ENV.compileCache] || undefined),
      tempRoot: settings.sandboxRoot,
      registryDir: settings.sandboxRoot ? sandboxRegistryDir(settings.sandboxRoot) : undefined,
    });
  }

  /** The language of the learner being graded (set per judge run): the grader's messages reach their feedback. */
  language: FeedbackLanguage = "en";

  /** Per-call limits of exercises that train a model, which need longer than the default (exercise key → ms). */
  readonly callBudgets = new Map<string, number>();

  // Read per call, so a test can tighten the limit for one learner notebook.
  private timeoutMs(key?: string): number {
    const budget = key === undefined ? undefined : this.callBudgets.get(key);
    return budget ?? this.settings.timeoutMs ?? positiveNumber(GRADING_ENV.timeoutMs, process.env[GRADING_ENV.timeoutMs], 10_000);
  }

  load(notebooksDir: string, notebook: string, exercise: string): BridgeReply {
    return this.bridge.request({ op: "load", language: this.language, timeoutMs: this.timeoutMs(), notebooksDir, notebook, exercise });
  }

  /** Records a problem for the feedback file (judge-side only: the sandbox cannot reach it). */
  report(notebook: string, exercise: string, failure: Failure): void {
    const file = this.settings.eventsFile ?? process.env[GRADING_ENV.events];
    const id = `${notebook}#${exercise}\u0000${failure.message}`;
    if (!file || failure.kind === "thrown" || this.reported.has(id)) return;
    this.reported.add(id);
    const event: GradingEvent = { notebook, exercise, kind: failure.kind, message: failure.message };
    appendFileSync(file, `${JSON.stringify(event)}\n`);
  }

  exportFunction(key: string, name: string, notebook: string, exercise: string): (...args: unknown[]) => unknown {
    const id = `${key}\u0000${name}`;
    let fn = this.exportFunctions.get(id);
    if (!fn) {
      fn = this.remoteFunction(key, name, { kind: "export", exercise: key, name }, undefined, notebook, exercise);
      this.exportFunctions.set(id, fn);
    }
    return fn;
  }

  decode(value: unknown, key: string, generation: number, notebook: string, exercise: string, property?: string): unknown {
    if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
    switch (tagOf(value)) {
      case "tensor": {
        const record = value as TensorRecord;
        if (!this.tensor) {
          const message = `${exercise} returned a tensor, but its cell does not import @tsdl/lib`;
          this.failures.push(message);
          throw new GradingError(message);
        }
        return this.tensor(Array.from(record.values), record.shape, record.dtype);
      }
      case "function": {
        const record = value as FunctionRecord;
        // Matchers call functions they find under certain keys of compared values (asymmetricMatch,
        // isEqualNode…); such a function could make any assertion pass, so it stays inert.
        if (property !== undefined && MATCHER_HOOKS.has(property)) return `[function ${record.name || "anonymous"}]`;
        return this.remoteFunction(key, record.name || "function", { kind: "handle", handle: record.handle }, generation, notebook, exercise);
      }
      case "object":
        return this.snapshot(value as ObjectRecord, key, generation, notebook, exercise);
    }
    if (Array.isArray(value)) return value.map((item) => this.decode(item, key, generation, notebook, exercise));
    if (value instanceof Map || value instanceof Set || value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) setOwn(out, name, this.decode(item, key, generation, notebook, exercise, name));
    return out;
  }

  private encode(value: unknown): unknown {
    if (typeof value === "function") {
      const ref = this.refs.get(value);
      if (ref) return { [TAG]: "ref", handle: ref.handle };
      return { [TAG]: "source", source: Function.prototype.toString.call(value) };
    }
    if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
    const ref = this.refs.get(value);
    if (ref) return { [TAG]: "ref", handle: ref.handle };
    if (isTensorLike(value)) return tensorRecord(value);
    if (Array.isArray(value)) return value.map((item) => this.encode(item));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = this.encode(item);
    return out;
  }

  private generationOf(values: unknown[]): number | undefined {
    for (const value of values) {
      if ((typeof value === "object" && value !== null) || typeof value === "function") {
        const ref = this.refs.get(value);
        if (ref) return ref.generation;
      }
    }
    return undefined;
  }

  private settle(reply: BridgeReply, notebook: string, exercise: string, self?: object): { value: unknown; generation: number } {
    if (!reply.ok) {
      if (reply.kind === "thrown") throw learnerError(reply.errorName ?? "Error", reply.message);
      this.report(notebook, exercise, reply);
      this.failures.push(reply.message);
      throw new GradingError(reply.message);
    }
    if (self && reply.thisFields) this.refreshFields(self, reply.thisFields, reply.generation, notebook, exercise);
    return { value: reply.value, generation: reply.generation };
  }

  private remoteFunction(
    key: string, label: string, target: CallTarget, generation: number | undefined, notebook: string, exercise: string,
  ): (...args: unknown[]) => unknown {
    const values = this;
    const fn = function (this: unknown, ...args: unknown[]): unknown {
      const self = (typeof this === "object" && this !== null) || typeof this === "function" ? (this as object) : undefined;
      const selfRef = self ? values.refs.get(self) : undefined;
      let encoded: unknown[];
      try {
        encoded = args.map((arg) => values.encode(arg));
      } catch (error) {
        throw new GradingError(`an argument to ${label} cannot be sent to the exercise: ${(error as Error).message}`);
      }
      const reply = values.bridge.request({
        op: "call", language: values.language, timeoutMs: values.timeoutMs(key), key, target, thisRef: selfRef?.handle, construct: new.target !== undefined, args: encoded,
        generation: generation ?? selfRef?.generation ?? values.generationOf(args),
      });
      const settled = values.settle(reply, notebook, exercise, selfRef ? self : undefined);
      return values.decode(settled.value, key, settled.generation, notebook, exercise);
    };
    Object.defineProperty(fn, "name", { value: label });
    if (target.kind === "handle" && generation !== undefined) this.refs.set(fn, { handle: target.handle, generation, key });
    return fn;
  }

  private prototypeFor(record: ObjectRecord, key: string, notebook: string, exercise: string): object {
    let proto: object | undefined;
    if (record.constructorExport) {
      proto = this.exportFunction(record.constructorExport.exercise, record.constructorExport.name, notebook, exercise).prototype as object;
    } else {
      const id = `${key}\u0000${record.className}`;
      proto = this.prototypes.get(id);
      if (!proto) {
        proto = {};
        this.prototypes.set(id, proto);
      }
    }
    const values = this;
    for (const method of record.methods) {
      if (MATCHER_HOOKS.has(method) || Object.prototype.hasOwnProperty.call(proto, method)) continue;
      Object.defineProperty(proto, method, {
        value: this.remoteFunction(key, method, { kind: "method", name: method }, undefined, notebook, exercise),
        writable: true, configurable: true,
      });
    }
    for (const getter of record.getters) {
      if (MATCHER_HOOKS.has(getter) || Object.prototype.hasOwnProperty.call(proto, getter)) continue;
      Object.defineProperty(proto, getter, {
        configurable: true,
        get(this: object) {
          const ref = values.refs.get(this);
          if (!ref) return undefined;
          const reply = values.bridge.request({ op: "get", language: values.language, timeoutMs: values.timeoutMs(key), key, thisRef: ref.handle, generation: ref.generation, name: getter });
          const settled = values.settle(reply, notebook, exercise);
          return values.decode(settled.value, key, settled.generation, notebook, exercise);
        },
      });
    }
    return proto;
  }

  private snapshot(record: ObjectRecord, key: string, generation: number, notebook: string, exercise: string): object {
    const id = `${generation}:${record.handle}`;
    let object = this.snapshots.get(id);
    if (!object) {
      object = Object.create(this.prototypeFor(record, key, notebook, exercise)) as object;
      this.snapshots.set(id, object);
      this.refs.set(object, { handle: record.handle, generation, key });
    } else {
      this.prototypeFor(record, key, notebook, exercise);
    }
    // A field may point back at the object itself; refresh each object once per decode.
    if (this.refreshing.has(id)) return object;
    this.refreshing.add(id);
    try {
      this.refreshFields(object, record.fields, generation, notebook, exercise);
    } finally {
      this.refreshing.delete(id);
    }
    return object;
  }

  private refreshFields(object: object, fields: Record<string, unknown>, generation: number, notebook: string, exercise: string): void {
    const key = this.refs.get(object)?.key ?? "";
    const target = object as Record<string, unknown>;
    for (const name of Object.keys(target)) if (!(name in fields)) delete target[name];
    for (const [name, value] of Object.entries(fields)) setOwn(target, name, this.decode(value, key, generation, notebook, exercise, name));
  }
}
