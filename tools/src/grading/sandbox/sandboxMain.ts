/**
 * The sandbox process: runs one learner's exercise code and nothing else. The judge starts it
 * under Node's permission model (no file access beyond packages and its own temp dir, no child
 * processes, no workers) and talks to it over file descriptor 3.
 */
import { rmSync } from "node:fs";
import Module from "node:module";
import { Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { readFrames, writeFrame } from "../protocol/frames.js";
import {
  type CallTarget, isTensorLike, type ObjectRecord, type SandboxReply, type SandboxRequest, TAG, tagOf, tensorRecord,
} from "../protocol/messages.js";

// @tsdl/lib reaches zeromq (the kernel client's native addon) at import; addons are off in the
// sandbox (an addon escapes the permission model) and exercises never talk to a kernel.
const loadModule = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: typeof loadModule })._load = function (this: unknown, request: string, ...rest: unknown[]) {
  if (/[\\/]node_modules[\\/]zeromq[\\/]/.test(request)) return {};
  return loadModule.call(this, request, ...rest);
};

type Library = { tf: { tensor(values: unknown, shape: number[], dtype: string): unknown }; backendReady(): Promise<unknown> };

const modules = new Map<string, Record<string, unknown>>();
const handles = new Map<number, unknown>();
const handleOf = new WeakMap<object, number>();
let library: Library | undefined;

async function prepareLibrary(): Promise<Library> {
  if (!library) {
    const loaded = (await import("@tsdl/lib" as string)) as Library;
    await loaded.backendReady();
    library = loaded;
  }
  return library;
}

function register(value: object): number {
  let handle = handleOf.get(value);
  if (handle === undefined) {
    handle = handles.size + 1;
    handles.set(handle, value);
    handleOf.set(value, handle);
  }
  return handle;
}

function exportOf(value: unknown): { exercise: string; name: string } | undefined {
  for (const [exercise, namespace] of modules) {
    for (const [name, exported] of Object.entries(namespace)) if (exported === value) return { exercise, name };
  }
  return undefined;
}

function isPlainData(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date ||
    value instanceof RegExp || value instanceof Error;
}

function describeMembers(value: object): { methods: string[]; getters: string[] } {
  const methods = new Set<string>();
  const getters = new Set<string>();
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || methods.has(name) || getters.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
      if (descriptor.get) getters.add(name);
      else if (typeof descriptor.value === "function") methods.add(name);
    }
  }
  return { methods: [...methods], getters: [...getters] };
}

function ownFields(value: object, seen: Map<object, unknown>, fields: Record<string, unknown> = {}): Record<string, unknown> {
  for (const key of Object.keys(value)) {
    // Defined, not assigned: a "__proto__" key must stay data.
    Object.defineProperty(fields, key, { value: encode((value as Record<string, unknown>)[key], seen), enumerable: true, writable: true, configurable: true });
  }
  return fields;
}

function encode(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return { [TAG]: "function", handle: register(value), name: value.name };
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (isTensorLike(value)) return tensorRecord(value);
  if (isPlainData(value)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    value.forEach((item, index) => (out[index] = encode(item, seen)));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [key, item] of value) out.set(encode(key, seen), encode(item, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const item of value) out.add(encode(item, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    return ownFields(value, seen, out);
  }
  const record: ObjectRecord = {
    [TAG]: "object",
    handle: register(value),
    className: typeof proto.constructor === "function" ? proto.constructor.name : "Object",
    constructorExport: exportOf(proto.constructor),
    fields: {},
    ...describeMembers(value),
  };
  seen.set(value, record);
  record.fields = ownFields(value, seen);
  return record;
}

async function decode(value: unknown): Promise<unknown> {
  if (typeof value !== "object" || value === null || isPlainData(value)) return value;
  switch (tagOf(value)) {
    case "tensor": {
      const { tf } = await prepareLibrary();
      const record = value as { shape: number[]; dtype: string; values: ArrayLike<unknown> };
      return tf.tensor(Array.from(record.values), record.shape, record.dtype);
    }
    case "ref":
      return handles.get((value as { handle: number }).handle);
    case "source":
      return (0, eval)(`(${(value as { source: string }).source})`);
  }
  if (Array.isArray(value)) return Promise.all(value.map(decode));
  if (value instanceof Map || value instanceof Set) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = await decode(item);
  return out;
}

function resolveTarget(target: CallTarget, self: unknown): (...args: unknown[]) => unknown {
  let fn: unknown;
  if (target.kind === "export") {
    const namespace = modules.get(target.exercise);
    if (!namespace) throw new Error(`exercise ${target.exercise} is not loaded`);
    fn = namespace[target.name];
  } else if (target.kind === "handle") {
    fn = handles.get(target.handle);
  } else {
    fn = (self as Record<string, unknown> | undefined)?.[target.name];
  }
  if (typeof fn !== "function") throw new TypeError(`${target.kind === "handle" ? "the value" : target.name} is not a function`);
  return fn as (...args: unknown[]) => unknown;
}

async function handle(request: SandboxRequest): Promise<SandboxReply> {
  switch (request.op) {
    case "ping":
      return { id: request.id, ok: true, value: null };
    case "prepare-lib":
      await prepareLibrary();
      return { id: request.id, ok: true, value: null };
    case "load": {
      if (request.usesLib) await prepareLibrary();
      const namespace = (await import(pathToFileURL(request.file).href)) as Record<string, unknown>;
      modules.set(request.exercise, namespace);
      const exports: Record<string, unknown> = {};
      for (const name of Object.keys(namespace)) exports[name] = encode(namespace[name]);
      return { id: request.id, ok: true, value: exports };
    }
    case "call": {
      const self = request.thisRef === undefined ? undefined : handles.get(request.thisRef);
      const fn = resolveTarget(request.target, self);
      const args = (await decode(request.args)) as unknown[];
      const result = await (request.construct ? Reflect.construct(fn, args) : Reflect.apply(fn, self, args));
      const thisFields = self !== null && typeof self === "object" ? ownFields(self, new Map()) : undefined;
      return { id: request.id, ok: true, value: encode(result), thisFields };
    }
    case "get": {
      const self = handles.get(request.thisRef) as Record<string, unknown> | undefined;
      return { id: request.id, ok: true, value: encode(self?.[request.name]) };
    }
  }
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: String(error.message).slice(0, 4000) };
  return { name: "Error", message: `non-Error value thrown: ${String(error).slice(0, 4000)}` };
}

const channel = new Socket({ fd: 3, readable: true, writable: true });
let queue = Promise.resolve();
readFrames(
  channel,
  (message) => {
    const request = message as SandboxRequest;
    queue = queue.then(async () => {
      let reply: SandboxReply;
      try {
        reply = await handle(request);
      } catch (error) {
        reply = { id: request.id, ok: false, error: describeError(error) };
      }
      try {
        writeFrame(channel, reply);
      } catch (error) {
        writeFrame(channel, { id: request.id, ok: false, error: { name: "DataCloneError", message: `the result cannot be sent back: ${(error as Error).message}` } });
      }
    });
  },
  () => process.exit(70),
);
// The judge may vanish without cleaning up (a killed test worker); the sandbox outlives it just
// long enough to remove its own temp dir, the one place it may write.
channel.on("close", () => {
  rmSync(process.cwd(), { recursive: true, force: true });
  process.exit(0);
});
// Stray async errors from learner code must not take down the exercises that still work.
process.on("uncaughtException", () => undefined);
process.on("unhandledRejection", () => undefined);
