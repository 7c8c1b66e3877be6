import { runtimeWords } from "../worker/runtimeWords.js";
import { jupyterOnly } from "./jupyterOnly.js";

// The course's file system in a page: the data sets the page handed over, and what cells write
// (a saved model), in memory. Hand-written because the course needs a handful of calls, while memfs
// brings a dozen packages and Node stream polyfills into the worker.
const files = new Map<string, Uint8Array>();
const folders = new Set<string>(["/"]);
let temporaryCount = 0;

function normal(path: unknown, call: string): string {
  const text = path instanceof URL ? path.pathname : path;
  if (typeof text !== "string") throw new TypeError(runtimeWords().notAPath(call, typeof path));
  const parts: string[] = [];
  for (const part of text.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let at = path.lastIndexOf("/"); at > 0; at = path.lastIndexOf("/", at - 1)) parents.push(path.slice(0, at));
  return parents;
}

function missing(call: string, path: string): Error {
  const error = new Error(runtimeWords().missingFile(call, path));
  Object.assign(error, { code: "ENOENT", path });
  return error;
}

function encoding(options: unknown): string | undefined {
  if (typeof options === "string") return options;
  if (typeof options === "object" && options !== null) return (options as { encoding?: string }).encoding;
  return undefined;
}

/** Puts a file into the page's memory (the runtime does it for each checksummed data set). */
export function addVirtualFile(path: string, bytes: Uint8Array): void {
  const at = normal(path, "addVirtualFile");
  for (const parent of parentsOf(at)) folders.add(parent);
  files.set(at, bytes);
}

export function existsSync(path: unknown): boolean {
  const at = normal(path, "existsSync");
  return files.has(at) || folders.has(at);
}

export function readFileSync(path: unknown, options?: unknown): Uint8Array | string {
  const at = normal(path, "readFileSync");
  const bytes = files.get(at);
  if (!bytes) throw missing("open", at);
  const wanted = encoding(options);
  if (wanted) return new TextDecoder(wanted === "utf8" ? "utf-8" : wanted).decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function writeFileSync(path: unknown, data: unknown): void {
  const at = normal(path, "writeFileSync");
  for (const parent of parentsOf(at)) if (!folders.has(parent)) throw missing("open", at);
  if (typeof data === "string") files.set(at, new TextEncoder().encode(data));
  else if (ArrayBuffer.isView(data)) files.set(at, new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  else throw new TypeError(runtimeWords().notData(typeof data));
}

export function mkdirSync(path: unknown, options?: { recursive?: boolean }): void {
  const at = normal(path, "mkdirSync");
  for (const parent of parentsOf(at)) {
    if (!folders.has(parent) && !options?.recursive) throw missing("mkdir", at);
    folders.add(parent);
  }
  folders.add(at);
}

export function mkdtempSync(prefix: unknown): string {
  temporaryCount += 1;
  const at = `${normal(prefix, "mkdtempSync")}${temporaryCount.toString(36).padStart(6, "0")}`;
  mkdirSync(at, { recursive: true });
  return at;
}

export function readdirSync(path: unknown): string[] {
  const at = normal(path, "readdirSync");
  if (!folders.has(at)) throw missing("scandir", at);
  const prefix = at === "/" ? "/" : `${at}/`;
  const names = new Set<string>();
  for (const entry of [...files.keys(), ...folders]) {
    if (entry.startsWith(prefix) && entry !== at) names.add(entry.slice(prefix.length).split("/")[0]!);
  }
  return [...names].sort();
}

export function renameSync(from: unknown, to: unknown): void {
  const source = normal(from, "renameSync");
  const bytes = files.get(source);
  if (!bytes) throw missing("rename", source);
  files.delete(source);
  files.set(normal(to, "renameSync"), bytes);
}

export function statSync(): never {
  throw jupyterOnly("fs.statSync()");
}

export const promises = {
  readFile: async (path: unknown, options?: unknown) => readFileSync(path, options),
  writeFile: async (path: unknown, data: unknown) => writeFileSync(path, data),
  mkdir: async (path: unknown, options?: { recursive?: boolean }) => mkdirSync(path, options),
  readdir: async (path: unknown) => readdirSync(path),
};

export const { readFile, writeFile, mkdir, readdir } = promises;

export default { existsSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, statSync, promises };
