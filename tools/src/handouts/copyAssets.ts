import { cp, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
// Resolves the same from tools/src/handouts (tests) and tools/dist/handouts (built).
const staticDir = fileURLToPath(new URL("../../src/handouts/static/", import.meta.url));

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Copies plotly.js, MiniSearch, KaTeX's CSS and fonts, the highlight theme and the site's own CSS and JS once into `assetsDir`. */
export async function copyAssets(assetsDir: string): Promise<void> {
  await mkdir(path.join(assetsDir, "katex"), { recursive: true });
  const katex = path.join(packageDir("katex"), "dist");
  await Promise.all([
    cp(path.join(packageDir("plotly.js-dist-min"), "plotly.min.js"), path.join(assetsDir, "plotly.min.js")),
    cp(path.join(katex, "katex.min.css"), path.join(assetsDir, "katex", "katex.min.css")),
    cp(path.join(katex, "fonts"), path.join(assetsDir, "katex", "fonts"), { recursive: true }),
    cp(path.join(packageDir("highlight.js"), "styles", "github.css"), path.join(assetsDir, "highlight.css")),
    cp(path.join(staticDir, "handouts.css"), path.join(assetsDir, "handouts.css")),
    cp(path.join(staticDir, "plotly-charts.js"), path.join(assetsDir, "plotly-charts.js")),
    cp(path.join(staticDir, "search.js"), path.join(assetsDir, "search.js")),
    // MiniSearch exports no package.json; its browser build sits beside its CommonJS entry.
    cp(path.join(path.dirname(require.resolve("minisearch")), "..", "umd", "index.js"), path.join(assetsDir, "minisearch.js")),
  ]);
}
