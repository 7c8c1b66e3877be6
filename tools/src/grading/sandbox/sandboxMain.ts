/**
 * The sandbox process: runs one learner's exercise code and nothing else. The judge starts it
 * under Node's permission model (no file access beyond packages and its own temp dir, no child
 * processes, no workers) and talks to it over file descriptor 3.
 *
 * Learner code shares this JS realm, so everything the bookkeeping below relies on is captured
 * before any learner module loads: patching `Array.prototype.map`, `Object.keys` or `process.exit`
 * in one exercise changes neither how the others' arguments and results travel nor how the sandbox
 * ends.
 */
import { rmSync } from "node:fs";
import Module from "node:module";
import { Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { types } from "node:util";
import { readFrames, writeFrame } from "../protocol/frames.js";
import {
  type CallTarget, isTensorLike, type ObjectRecord, type SandboxReply, type SandboxRequest, TAG, tagOf, tensorRecord,
} from "../protocol/messages.js";

const { defineProperty, getOwnPropertyDescriptor, getOwnPropertyNames, getPrototypeOf, keys: objectKeys } = Object;
const ObjectPrototype = Object.prototype;
const { isArray } = Array;
const { apply: reflectApply, construct: reflectConstruct } = Reflect;
const { isView } = ArrayBuffer;
const { isArrayBuffer, isDate, isMap, isNativeError, isRegExp, isSet } = types;
const bind = Function.prototype.bind;
const uncurry = <A extends unknown[], R>(method: (...args: A) => R): ((self: unknown, ...args: A) => R) =>
  reflectApply(bind, Function.prototype.call, [method]) as (self: unknown, ...args: A) => R;
const mapGet = uncurry(Map.prototype.get as (key: unknown) => unknown);
const mapSet = uncurry(Map.prototype.set as (key: unknown, value: unknown) => Map<unknown, unknown>);
const mapHas = uncurry(Map.prototype.has as (key: unknown) => boolean);
const mapForEach = uncurry(Map.prototype.forEach as (fn: (value: unknown, key: unknown) => void) => void);
const setAdd = uncurry(Set.prototype.add as (value: unknown) => Set<unknown>);
const setHas = uncurry(Set.prototype.has as (value: unknown) => boolean);
const setDelete = uncurry(Set.prototype.delete as (value: unknown) => boolean);
const setForEach = uncurry(Set.prototype.forEach as (fn: (value: unknown) => void) => void);
const weakGet = uncurry(WeakMap.prototype.get as (key: object) => number | undefined);
const weakSet = uncurry(WeakMap.prototype.set as (key: object, value: number) => WeakMap<object, number>);
const stringSlice = uncurry(String.prototype.slice);
const globalEval = globalThis.eval;
const SafeString = String;
const SafeMap = Map;
const SafeSet = Set;
const reallyExit = (process as unknown as { reallyExit(code: number): never }).reallyExit.bind(process);
const tempDir = process.cwd();

// Signals: in its own PID namespace the sandbox can reach only itself anyway; where there is none
// (no unprivileged user namespaces, macOS), kill(-1) would reach every process of this user.
for (const name of ["kill", "_kill"]) {
  defineProperty(process, name, {
    value: () => {
      throw new Error("exercise code may not send signals");
    },
    writable: false,
    configurable: false,
  });
}

// @tsdl/lib reaches zeromq (the kernel client's native addon) at import; addons are off in the
// sandbox (an addon escapes the permission model) and exercises never talk to a kernel.
const loadModule = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: typeof loadModule })._load = function (this: unknown, request: string, ...rest: unknown[]) {
  if (/[\\/]node_modules[\\/]zeromq[\\/]/.test(request)) return {};
  return reflectApply(loadModule, this, [request, ...rest]);
};

type Library = {
  tf: { tensor(values: unknown, shape: number[], dtype: string): unknown; LayersModel: abstract new (...args: never[]) => object };
  backendReady(): Promise<unknown>;
};

/** A value that cannot be sent to the judge; it fails the call that produced it, not the sandbox. */
class UnsendableValue extends Error {}

/** Deeper than any result an exercise returns; deeper values would overflow a decoder's stack. */
const MAX_DEPTH = 500;

const modules = new SafeMap<string, Record<string, unknown>>();
const handles = new SafeMap<number, unknown>();
const handleOf = new WeakMap<object, number>();
let nextHandle = 1;
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
  let handle = weakGet(handleOf, value);
  if (handle === undefined) {
    handle = nextHandle++;
    mapSet(handles, handle, value);
    weakSet(handleOf, value, handle);
  }
  return handle;
}

function exportOf(value: unknown): { exercise: string; name: string } | undefined {
  let found: { exercise: string; name: string } | undefined;
  mapForEach(modules, (namespace, exercise) => {
    const names = objectKeys(namespace as object);
    for (let i = 0; i < names.length && !found; i++) {
      if ((namespace as Record<string, unknown>)[names[i]!] === value) found = { exercise: exercise as string, name: names[i]! };
    }
  });
  return found;
}

function isPlainData(value: object): boolean {
  return isView(value) || isArrayBuffer(value) || isDate(value) || isRegExp(value) || isNativeError(value);
}

function describeMembers(value: object): { methods: string[]; getters: string[] } {
  const methods: string[] = [];
  const getters: string[] = [];
  const known = new SafeSet<string>();
  for (let proto = getPrototypeOf(value); proto && proto !== ObjectPrototype; proto = getPrototypeOf(proto)) {
    const names = getOwnPropertyNames(proto);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (name === "constructor" || setHas(known, name)) continue;
      setAdd(known, name);
      const descriptor = getOwnPropertyDescriptor(proto, name)!;
      if (descriptor.get) getters[getters.length] = name;
      else if (typeof descriptor.value === "function") methods[methods.length] = name;
    }
  }
  return { methods, getters };
}

interface EncodeState {
  seen: Map<object, unknown>;
  /** Plain containers being encoded: meeting one again is a cycle no decoder can follow. */
  open: Set<object>;
}

function newState(): EncodeState {
  return { seen: new SafeMap(), open: new SafeSet() };
}

/**
 * A trained model goes to the test as a handle without fields: its internals (layers pointing back
 * at it, weights, optimizer state) stay in the sandbox, and its methods (predict, evaluate…) call across.
 */
function isOpaque(value: object): boolean {
  return library !== undefined && value instanceof library.tf.LayersModel;
}

function ownFields(value: object, state: EncodeState, depth: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const names = objectKeys(value);
  for (let i = 0; i < names.length; i++) {
    // Defined, not assigned: a "__proto__" key must stay data.
    defineProperty(fields, names[i]!, { value: encode((value as Record<string, unknown>)[names[i]!], state, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return fields;
}

function enter(value: object, state: EncodeState, out: unknown): void {
  mapSet(state.seen, value, out);
  setAdd(state.open, value);
}

function encode(value: unknown, state: EncodeState, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new UnsendableValue(`the value is nested more than ${MAX_DEPTH} levels deep, too deep to pass to the test`);
  if (typeof value === "symbol") return SafeString(value);
  if (typeof value === "function") return { [TAG]: "function", handle: register(value), name: typeof value.name === "string" ? value.name : "" };
  if (typeof value !== "object" || value === null) return value;
  if (mapHas(state.seen, value)) {
    if (setHas(state.open, value)) {
      throw new UnsendableValue("the value contains itself (a cycle through arrays or plain objects), so it cannot be passed to the test");
    }
    return mapGet(state.seen, value);
  }
  if (isTensorLike(value)) return tensorRecord(value);
  if (isPlainData(value)) return value;
  let out: unknown;
  if (isArray(value)) {
    const items: unknown[] = [];
    enter(value, state, items);
    for (let i = 0; i < value.length; i++) defineProperty(items, i, { value: encode(value[i], state, depth + 1), enumerable: true, writable: true, configurable: true });
    out = items;
  } else if (isMap(value)) {
    const map = new SafeMap();
    enter(value, state, map);
    mapForEach(value, (item, key) => mapSet(map, encode(key, state, depth + 1), encode(item, state, depth + 1)));
    out = map;
  } else if (isSet(value)) {
    const set = new SafeSet();
    enter(value, state, set);
    setForEach(value, (item) => setAdd(set, encode(item, state, depth + 1)));
    out = set;
  } else {
    const proto = getPrototypeOf(value);
    if (proto === ObjectPrototype || proto === null) {
      const fields: Record<string, unknown> = {};
      enter(value, state, fields);
      out = ownFields(value, state, depth, fields);
    } else {
      const record: ObjectRecord = {
        [TAG]: "object",
        handle: register(value),
        className: typeof proto.constructor === "function" && typeof proto.constructor.name === "string" ? proto.constructor.name : "Object",
        constructorExport: exportOf(proto.constructor),
        fields: {},
        ...describeMembers(value),
      };
      // A class instance may point back at itself: the judge follows such cycles by handle.
      mapSet(state.seen, value, record);
      if (!isOpaque(value)) record.fields = ownFields(value, state, depth);
      return record;
    }
  }
  setDelete(state.open, value);
  return out;
}

async function decode(value: unknown): Promise<unknown> {
  if (typeof value !== "object" || value === null || isPlainData(value)) return value;
  switch (tagOf(value)) {
    case "tensor": {
      const { tf } = await prepareLibrary();
      const record = value as { shape: number[]; dtype: string; values: ArrayLike<unknown> };
      const values: unknown[] = [];
      for (let i = 0; i < record.values.length; i++) values[i] = record.values[i];
      return tf.tensor(values, record.shape, record.dtype);
    }
    case "ref":
      return mapGet(handles, (value as { handle: number }).handle);
    case "source":
      return globalEval(`(${(value as { source: string }).source})`);
  }
  if (isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) defineProperty(out, i, { value: await decode(value[i]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (isMap(value) || isSet(value)) return value;
  const out: Record<string, unknown> = {};
  const names = objectKeys(value);
  for (let i = 0; i < names.length; i++) {
    defineProperty(out, names[i]!, { value: await decode((value as Record<string, unknown>)[names[i]!]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function resolveTarget(target: CallTarget, self: unknown): (...args: unknown[]) => unknown {
  let fn: unknown;
  if (target.kind === "export") {
    const namespace = mapGet(modules, target.exercise) as Record<string, unknown> | undefined;
    if (!namespace) throw new Error(`exercise ${target.exercise} is not loaded`);
    fn = namespace[target.name];
  } else if (target.kind === "handle") {
    fn = mapGet(handles, target.handle);
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
      mapSet(modules, request.exercise, namespace);
      const exports: Record<string, unknown> = {};
      const names = objectKeys(namespace);
      for (let i = 0; i < names.length; i++) {
        try {
          exports[names[i]!] = encode(namespace[names[i]!], newState());
        } catch (error) {
          if (!(error instanceof UnsendableValue)) throw error;
          // Only the tests that read this export fail; the exercise's functions stay usable.
          exports[names[i]!] = { [TAG]: "unsendable", message: error.message };
        }
      }
      return { id: request.id, ok: true, value: exports };
    }
    case "call": {
      const self = request.thisRef === undefined ? undefined : mapGet(handles, request.thisRef);
      const fn = resolveTarget(request.target, self);
      const args = (await decode(request.args)) as unknown[];
      const result = await (request.construct ? reflectConstruct(fn, args) : reflectApply(fn, self, args));
      const thisFields = self !== null && typeof self === "object" && !isOpaque(self) ? ownFields(self, newState(), 0) : undefined;
      return { id: request.id, ok: true, value: encode(result, newState()), thisFields };
    }
    case "get": {
      const self = mapGet(handles, request.thisRef) as Record<string, unknown> | undefined;
      return { id: request.id, ok: true, value: encode(self?.[request.name], newState()) };
    }
  }
}

function text(value: unknown): string {
  try {
    return stringSlice(SafeString(value), 0, 4000);
  } catch {
    return "(a value that cannot be shown)";
  }
}

function describeError(error: unknown): { name: string; message: string } {
  try {
    if (isNativeError(error) || (typeof error === "object" && error !== null && "message" in error)) {
      const { name, message } = error as { name: unknown; message: unknown };
      return { name: typeof name === "string" ? stringSlice(name, 0, 100) : "Error", message: text(message) };
    }
    return { name: "Error", message: `non-Error value thrown: ${text(error)}` };
  } catch {
    return { name: "Error", message: "an error that cannot be described" };
  }
}

function unsendable(id: number, message: string): SandboxReply {
  return { id, ok: false, error: { name: "UnsendableValue", message }, unsendable: true };
}

const channel = new Socket({ fd: 3, readable: true, writable: true });
let queue: Promise<void> = Promise.resolve();
readFrames(
  channel,
  (message) => {
    const request = message as SandboxRequest;
    // `await` (unlike `.then`) cannot be redirected by a patched Promise.prototype.
    const previous = queue;
    queue = (async () => {
      await previous;
      let reply: SandboxReply;
      try {
        reply = await handle(request);
      } catch (error) {
        reply = error instanceof UnsendableValue ? unsendable(request.id, error.message) : { id: request.id, ok: false, error: describeError(error) };
      }
      try {
        writeFrame(channel, reply);
      } catch (error) {
        writeFrame(channel, unsendable(request.id, `the result cannot be passed to the test: ${text((error as { message?: unknown })?.message)}`));
      }
    })();
  },
  () => reallyExit(70),
);
// The judge may vanish without cleaning up (a killed test worker); the sandbox outlives it just
// long enough to remove its own temp dir, the one place it may write.
channel.on("close", () => {
  rmSync(tempDir, { recursive: true, force: true });
  reallyExit(0);
});
// Stray async errors from learner code must not take down the exercises that still work.
process.on("uncaughtException", () => undefined);
process.on("unhandledRejection", () => undefined);
