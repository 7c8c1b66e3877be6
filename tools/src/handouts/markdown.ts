import markdownItKatex from "@vscode/markdown-it-katex";
import katex from "katex";
import MarkdownIt, { type MarkdownIt as Markdown, type Token } from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
import type { MimeBundle } from "@tsdl/kernel-ext/notebook";
import { highlightCode } from "./highlightCode.js";

export interface Heading {
  level: number;
  id: string;
  text: string;
  /** The heading's inline HTML (math rendered), for outlines. */
  html: string;
}

/** Per-page state shared by every markdown cell of one page, so heading ids stay unique across cells. */
export interface PageMarkdownEnv {
  [key: string | symbol]: unknown;
  headings: Heading[];
  attachments?: Record<string, MimeBundle | undefined>;
  /** Relative paths of local files (figures) the page's markdown links to, to copy next to the page. */
  localFiles: Set<string>;
}

// markdown-it 15 ships its own types; these plugins are typed against @types/markdown-it, same runtime API.
type Plugin = (md: Markdown, options: object) => void;

export function newPageMarkdownEnv(): PageMarkdownEnv {
  return { headings: [], localFiles: new Set() };
}

/** Ids keep letters of any script (the course has Chinese text) so anchors read well and never change with the build. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/[\s-]+/g, "-");
  return slug || "section";
}

const md = new MarkdownIt({
  html: true,
  linkify: true,
  highlight: (code, language) => `<pre class="hljs"><code>${highlightCode(code, language || "plaintext")}</code></pre>`,
});
// The project's own KaTeX renders, so the bundled CSS and fonts always match the markup.
// Node's default import of this CommonJS plugin is its exports object; Vite unwraps `default` itself.
const katexPlugin = (markdownItKatex as unknown as { default?: Plugin }).default ?? (markdownItKatex as unknown as Plugin);
md.use(katexPlugin, { katex, throwOnError: false, enableBareBlocks: true });
md.use(markdownItAnchor as unknown as Plugin, { level: [1, 2, 3, 4], slugify, tabIndex: false });

const renderImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const source = String(token.attrGet("src") ?? "");
  if (source.startsWith("attachment:")) {
    const bundle = (env as PageMarkdownEnv | undefined)?.attachments?.[decodeURIComponent(source.slice("attachment:".length))];
    const mime = bundle && Object.keys(bundle).find((type) => type.startsWith("image/"));
    if (bundle && mime) token.attrSet("src", `data:${mime};base64,${String(bundle[mime]).replace(/\s/g, "")}`);
  } else if (isLocalPath(source)) {
    (env as PageMarkdownEnv | undefined)?.localFiles.add(decodeURIComponent(source.split(/[?#]/)[0]!));
  }
  return renderImage(tokens, index, options, env, self);
};

// Links between notebooks point at their pages in the site.
const renderLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const href = String(token.attrGet("href") ?? "");
  if (isLocalPath(href)) token.attrSet("href", href.replace(/\.ipynb(?=$|[?#])/, ".html"));
  return renderLinkOpen(tokens, index, options, env, self);
};

function isLocalPath(source: string): boolean {
  return source !== "" && !/^([a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(source);
}

/** Renders one markdown cell and records its headings (level, id, text) in `env`. */
export function renderMarkdown(source: string, env: PageMarkdownEnv): string {
  const tokens = md.parse(source, env);
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const id = token.attrGet("id")?.toString();
    const inline = tokens[index + 1];
    if (!id || !inline) return;
    const children = inline.children ?? [];
    env.headings.push({
      level: Number(token.tag.slice(1)),
      id,
      text: headingText(children),
      html: md.renderer.renderInline(children, md.options, env),
    });
  });
  return md.renderer.render(tokens, md.options, env);
}

function headingText(children: Token[]): string {
  return children
    .filter((child) => child.type === "text" || child.type === "code_inline" || child.type.startsWith("math_inline"))
    .map((child) => child.content)
    .join("")
    .trim();
}

/** Display math for a `text/latex` output, which arrives wrapped in `$$…$$`, `$…$` or `\[…\]`. */
export function renderLatex(latex: string): string {
  const body = latex.trim().replace(/^\$\$([\s\S]*)\$\$$|^\$([\s\S]*)\$$|^\\\[([\s\S]*)\\\]$/, (_all, a, b, c) => a ?? b ?? c);
  return katex.renderToString(body, { displayMode: true, throwOnError: false });
}
