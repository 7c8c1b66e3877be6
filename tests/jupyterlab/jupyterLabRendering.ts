import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { repoRoot } from "../helpers/runNode.js";

// JupyterLab's renderer packages come from the jlrender tool CI keeps beside the clone, installed
// from its lockfile into a temp folder keyed by that lockfile (about 45 s once, then reused), so the
// project itself does not carry JupyterLab.
// TSDL_JLRENDER names another copy (e.g. a worktree whose parent folder has no shared/).
const jlrenderSource = process.env.TSDL_JLRENDER ?? path.resolve(repoRoot, "../shared/tools/jlrender");
const here = path.dirname(fileURLToPath(import.meta.url));

export type Theme = "light" | "dark";

// The part of esbuild's API used here; esbuild comes with jlrender's packages, not the project's.
interface ResolveArgs {
  path: string;
  resolveDir: string;
  kind: string;
}
interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: (args: ResolveArgs) => unknown): void;
  resolve(path: string, options: { resolveDir: string; kind: string }): Promise<unknown>;
}
interface Esbuild {
  build(options: Record<string, unknown> & { plugins: Array<{ name: string; setup(build: PluginBuild): void }> }): Promise<unknown>;
}

/** What JupyterLab shows for one stored output. */
export interface OutputView {
  cell: number;
  output: number;
  chosen: string;
  plotly: boolean;
  tables: number;
  images: number;
  imagesLoaded: number;
  /** Static chart pictures that loaded and have a visible height. */
  pictures: number;
  pictureNotes: number;
  /** Plotly charts drawn by plotly.js. */
  charts: number;
  contrast: { ratio: number; text: string };
  /** Pairs of HTML text boxes that overlap (image-grid captions, tables aside). */
  overlappingText: Array<[string, string]>;
  /** Text measured inside the static chart pictures: overlapping pairs, texts cut with "…", every label. */
  pictureText: { overlaps: Array<[string, string]>; cut: string[]; labels: string[] };
  text: string;
}

export interface PageView {
  outputs: OutputView[];
  errors: string[];
  requests: string[];
}

export function jlrenderAvailable(): boolean {
  return existsSync(path.join(jlrenderSource, "package-lock.json"));
}

/** Installs jlrender's packages (once per lockfile) and returns the folder that holds them. */
export function installJupyterLabPackages(): string {
  const lock = readFileSync(path.join(jlrenderSource, "package-lock.json"));
  const dir = path.join(tmpdir(), `tsdl-jlrender-${createHash("sha256").update(lock).digest("hex").slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  // Installed beside and renamed into place, so test files running in parallel never share a half-done install.
  const staging = `${dir}-${process.pid}`;
  cpSync(jlrenderSource, staging, { recursive: true, filter: (source) => !source.includes("node_modules") });
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: staging, stdio: "ignore" });
  try {
    renameSync(staging, dir);
  } catch (error) {
    if (!existsSync(dir)) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

// JupyterLab's dark theme, reduced to the variables that output rendering reads.
const darkVariables = `:root {
  --jp-layout-color0: #111111; --jp-layout-color1: #212121; --jp-layout-color2: #424242; --jp-layout-color3: #616161;
  --jp-content-font-color0: rgba(255,255,255,1); --jp-content-font-color1: rgba(255,255,255,1);
  --jp-content-font-color2: rgba(255,255,255,.7); --jp-content-font-color3: rgba(255,255,255,.5);
  --jp-ui-font-color0: rgba(255,255,255,1); --jp-ui-font-color1: rgba(255,255,255,.87);
  --jp-ui-font-color2: rgba(255,255,255,.54); --jp-ui-font-color3: rgba(255,255,255,.38);
  --jp-border-color0: #616161; --jp-border-color1: #616161; --jp-border-color2: #424242;
  --jp-rendermime-table-row-background: #424242; --jp-rendermime-table-row-hover-background: #1e88e5;
  --jp-rendermime-error-background: #5f1f1f; --jp-mirror-editor-variable-color: #e0e0e0;
}`;

/** Renders notebooks' outputs with JupyterLab 4's rendermime and output area in headless Chromium. */
export class JupyterLabRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly pageDir: string,
  ) {}

  static async start(): Promise<JupyterLabRenderer> {
    const packages = installJupyterLabPackages();
    // esbuild resolves the page's imports from the folder it sits in, so it goes beside node_modules.
    const pageDir = mkdtempSync(path.join(packages, "page-"));
    const entry = path.join(pageDir, "outputsPage.js");
    cpSync(path.join(here, "outputsPage.js"), entry);
    const esbuild = createRequire(path.join(packages, "package.json"))("esbuild") as Esbuild;
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      outfile: path.join(pageDir, "bundle.js"),
      format: "iife",
      loader: { ".svg": "dataurl", ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".eot": "dataurl", ".png": "dataurl" },
      logLevel: "error",
      define: { "process.env.NODE_ENV": '"production"' },
      plugins: [
        {
          name: "tilde",
          setup(build) {
            // webpack-style "~package/file.css" imports in JupyterLab's styles
            build.onResolve({ filter: /^~/ }, (args) => build.resolve(args.path.slice(1), { resolveDir: args.resolveDir, kind: args.kind }));
          },
        },
      ],
    });
    writeFileSync(path.join(pageDir, "dark.css"), darkVariables);
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    return new JupyterLabRenderer(browser, pageDir);
  }

  /** Renders `notebook`'s outputs as JupyterLab would; with `screenshot`, saves a full-page PNG there. */
  async render(notebook: unknown, options: { trusted: boolean; theme: Theme; screenshot?: string }): Promise<PageView> {
    const html = path.join(this.pageDir, `page-${options.trusted ? "trusted" : "untrusted"}-${options.theme}.html`);
    const data = JSON.stringify({ notebook, trusted: options.trusted }).replace(/</g, "\\u003c");
    writeFileSync(
      html,
      `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="bundle.css">` +
        (options.theme === "dark" ? `<link rel="stylesheet" href="dark.css">` : "") +
        `</head><body class="jp-ThemedContainer" style="padding:8px;margin:0;background:var(--jp-layout-color0);color:var(--jp-content-font-color1)">` +
        `<script>window.__JLR__=${data};</script><script src="bundle.js"></script></body></html>`,
    );
    const page = await this.browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("request", (request) => {
      if (!/^(file|data|blob):/.test(request.url())) requests.push(request.url());
    });
    try {
      await page.goto(`file://${html}`);
      await page.waitForFunction(() => (window as unknown as { __DONE__?: boolean }).__DONE__ === true, null, { timeout: 90_000 });
      const outputs = (await page.evaluate(() => (window as unknown as { __REPORT__: unknown }).__REPORT__)) as OutputView[];
      if (options.screenshot) {
        mkdirSync(path.dirname(options.screenshot), { recursive: true });
        await page.screenshot({ path: options.screenshot, fullPage: true });
      }
      return { outputs, errors, requests };
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.pageDir, { recursive: true, force: true });
  }
}
