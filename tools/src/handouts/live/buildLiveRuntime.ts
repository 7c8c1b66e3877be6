import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const from = (relative: string) => path.join(repo, relative);
const require = createRequire(import.meta.url);

/** The global the runtime's scripts fill in; pages load them with <script> tags (file:// forbids fetch). */
export const LIVE_GLOBAL = "__tsdlLive";

// Node built-ins the course's packages import, and what stands in for them in the page's worker.
const shims: Record<string, string> = {
  fs: "browser/src/shims/virtualFiles.ts",
  "fs/promises": "browser/src/shims/virtualFiles.ts",
  os: "browser/src/shims/os.ts",
  url: "browser/src/shims/url.ts",
  crypto: "browser/src/shims/crypto.ts",
  zlib: "browser/src/shims/zlib.ts",
  module: "browser/src/shims/module.ts",
  util: "browser/src/shims/util.ts",
};
const packages: Record<string, string> = {
  "@tsdl/display": "display/src/index.ts",
  "@tsdl/kernel-ext": "kernel-ext/src/index.ts",
};

/**
 * Every entry of lib's package.json `exports` (`@tsdl/lib`, `@tsdl/lib/zh`, …) and its source file, which
 * the bundle compiles: `./dist/zh.js` is `lib/src/zh.ts`. Cells import each by its package name.
 */
export function libEntryPoints(libPackage: { exports?: Record<string, { default?: string } | string> }): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(libPackage.exports ?? {})) {
    const built = typeof target === "string" ? target : target.default;
    if (!built || !/^\.\/dist\/.+\.js$/.test(built)) throw new Error(`lib/package.json: exports[${JSON.stringify(subpath)}] must name a file in ./dist/ ending in .js, got ${JSON.stringify(built)}`);
    entries[`@tsdl/lib${subpath.slice(1)}`] = `lib/src/${built.slice("./dist/".length, -".js".length)}.ts`;
  }
  return entries;
}

function browserPlugin(libEntries: Record<string, string>): Plugin {
  return {
    name: "tsdl-browser",
    setup(builder) {
      builder.onResolve({ filter: /^(node:)?(fs|fs\/promises|os|url|crypto|zlib|module|path|util|buffer|stream|events|assert|http|https|net|tls|child_process|worker_threads)$/ }, (args) => {
        const name = args.path.replace(/^node:/, "");
        if (shims[name]) return { path: from(shims[name]) };
        if (name === "path") return { path: require.resolve("path-browserify") };
        if (name === "buffer") return { path: require.resolve("buffer/") };
        return { path: name, namespace: "jupyter-only" };
      });
      // danfo's file and stream readers are Node's; in a page they say where they run.
      builder.onLoad({ filter: /danfojs-node[\\/]dist[\\/](danfojs-base[\\/]io[\\/]node|danfojs-node[\\/]src[\\/]streams)[\\/]/ }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(from("browser/src/shims/jupyterOnly.ts"))}).jupyterOnlyModule(${JSON.stringify(`danfo's ${path.basename(args.path, ".js")}`)});`,
        loader: "js",
        resolveDir: from("browser/src/shims"),
      }));
      // danfo's own plots draw into a DOM, which a worker has not: leaving out their plotly.js (4.9 MB)
      // halves the worker. The page draws every chart of lib and the kernel's renderers with its own copy.
      builder.onResolve({ filter: /^plotly\.js-dist-min$/ }, (args) => ({ path: args.path, namespace: "jupyter-only" }));
      // CommonJS, so that any named import of the module resolves, to a function that says where it runs.
      builder.onLoad({ filter: /.*/, namespace: "jupyter-only" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(from("browser/src/shims/jupyterOnly.ts"))}).jupyterOnlyModule(${JSON.stringify(args.path.startsWith("plotly") ? args.path : `node:${args.path}`)});`,
        loader: "js",
        resolveDir: from("browser/src/shims"),
      }));
      // pngjs ships a self-contained browser build (its own zlib and streams).
      builder.onResolve({ filter: /^pngjs$/ }, () => ({ path: require.resolve("pngjs/browser.js") }));
      builder.onResolve({ filter: /^@tsdl\/(display|kernel-ext)$/ }, (args) => ({ path: from(packages[args.path]!) }));
      builder.onResolve({ filter: /^@tsdl\/lib(\/.*)?$/ }, (args) => (libEntries[args.path] ? { path: from(libEntries[args.path]!) } : undefined));
      // The worker loads lib's entries when a cell first imports one (lib/zh sets the language as it loads).
      builder.onResolve({ filter: /^tsdl-live:lib-entries$/ }, (args) => ({ path: args.path, namespace: "tsdl-live" }));
      builder.onLoad({ filter: /.*/, namespace: "tsdl-live" }, () => ({
        contents: `export const libEntries = {${Object.keys(libEntries).map((name) => `${JSON.stringify(name)}: () => import(${JSON.stringify(name)})`).join(", ")}};`,
        loader: "js",
        resolveDir: from("browser/src/worker"),
      }));
      builder.onResolve({ filter: /\/staticChart\/index\.js$/ }, (args) =>
        args.importer.startsWith(from("kernel-ext/src/renderers")) ? { path: from("browser/src/shims/staticChart.ts") } : undefined,
      );
      // lib chooses among Node's backends; in the page the worker chooses among the browser's.
      builder.onResolve({ filter: /\/selectBackend\.js$/ }, (args) =>
        args.importer.startsWith(from("lib/src/backend")) ? { path: from("browser/src/lib/selectBackend.ts") } : undefined,
      );
    },
  };
}

async function bundle(entry: string, libEntries: Record<string, string>): Promise<string> {
  const result = await build({
    entryPoints: [from(entry)],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    mainFields: ["browser", "module", "main"],
    define: { "import.meta.url": '"file:///tsdl/lib/dist/index.js"', "process.env.NODE_ENV": '"production"' },
    plugins: [browserPlugin(libEntries)],
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

function assignScript(key: string, value: string): string {
  return `(globalThis.${LIVE_GLOBAL} ??= {})[${JSON.stringify(key)}] = ${value};\n`;
}

export interface LiveRuntimeFiles {
  /** Data scripts, loaded when the runtime starts. */
  dataScripts: string[];
  bytes: number;
}

/** Writes the live runtime into `outDir/live/`: the worker's source, the wasm module, the data sets and the page script. */
export async function buildLiveRuntime(outDir: string): Promise<LiveRuntimeFiles> {
  const live = path.join(outDir, "live");
  await mkdir(path.join(live, "data"), { recursive: true });
  const written: Record<string, string> = {};

  const libEntries = libEntryPoints(JSON.parse(await readFile(from("lib/package.json"), "utf8")));
  written["worker.js"] = assignScript("workerSource", JSON.stringify(await bundle("browser/src/worker/cellWorker.ts", libEntries)));
  const wasm = await readFile(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"));
  written["wasm.js"] = assignScript("wasmBase64", JSON.stringify(wasm.toString("base64")));
  written["page.js"] = await bundle("browser/src/page/livePage.ts", libEntries);
  written["live.css"] = await readFile(from("browser/src/page/live.css"), "utf8");

  const sums = (await readFile(from("data/SHA256SUMS"), "utf8")).split("\n").filter((line) => line.trim() !== "");
  const dataScripts: string[] = [];
  for (const line of sums) {
    const [sha256, file] = line.split(/\s+\*?/, 2) as [string, string];
    const bytes = await readFile(from(`data/${file}`));
    const actual = createHash("sha256").update(bytes).digest("hex");
    if (actual !== sha256) throw new Error(`data/${file}: sha256 ${actual}, expected ${sha256} (data/SHA256SUMS)`);
    const name = `data/${file.replace(/[^\w.-]/g, "_")}.js`;
    // Text data sets shrink about fourfold gzipped; the worker unzips them (fflate) before the checksum.
    const gzipped = !file.endsWith(".gz");
    const payload = gzipped ? gzipSync(bytes, { level: 9 }) : bytes;
    written[name] = `(globalThis.${LIVE_GLOBAL} ??= {}).data ??= [];\n${LIVE_GLOBAL}.data.push(${JSON.stringify({ path: file, sha256, gzipped, base64: payload.toString("base64") })});\n`;
    dataScripts.push(`live/${name}`);
  }
  let bytes = 0;
  for (const [name, text] of Object.entries(written)) {
    await writeFile(path.join(live, name), text);
    bytes += Buffer.byteLength(text);
  }
  return { dataScripts, bytes };
}
