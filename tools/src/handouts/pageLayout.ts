import { escapeHtml } from "./escapeHtml.js";
import type { Heading } from "./markdown.js";

export const COURSE_TITLE = "tsdl: deep learning in TypeScript";

export interface PageLink {
  href: string;
  title: string;
}

export interface PageLayoutInput {
  title: string;
  body: string;
  /** Every page of the course, in order, for the table of contents. */
  course: PageLink[];
  /** The href of this page in `course`, or undefined for the index. */
  current?: string;
  previous?: PageLink;
  next?: PageLink;
  headings: Heading[];
  withCharts: boolean;
  /** Tags that make the page's code cells runnable (see live/); empty for a static page. */
  live?: string;
}

function courseToc(course: PageLink[], current: string | undefined): string {
  const items = course
    .map((page) => {
      const here = page.href === current ? ` aria-current="page"` : "";
      return `<li><a href="${escapeHtml(page.href)}"${here}>${escapeHtml(page.title)}</a></li>`;
    })
    .join("");
  return `<nav class="course-toc" aria-label="Course contents"><h2><a href="index.html">Contents</a></h2><ol>${items}</ol></nav>`;
}

function outline(headings: Heading[]): string {
  const entries = headings.filter((heading) => heading.level >= 2 && heading.level <= 3);
  if (entries.length === 0) return "";
  const items = entries
    .map((heading) => `<li class="outline-level-${heading.level}"><a href="#${escapeHtml(heading.id)}">${heading.html}</a></li>`)
    .join("");
  return `<aside class="page-outline" aria-label="On this page"><h2>On this page</h2><ul>${items}</ul></aside>`;
}

function pager(previous: PageLink | undefined, next: PageLink | undefined): string {
  const link = (page: PageLink | undefined, rel: "prev" | "next", label: string) =>
    page ? `<a class="pager-${rel}" rel="${rel}" href="${escapeHtml(page.href)}"><small>${label}</small>${escapeHtml(page.title)}</a>` : "<span></span>";
  return `<nav class="pager" aria-label="Previous and next">${link(previous, "prev", "Previous")}${link(next, "next", "Next")}</nav>`;
}

export function pageLayout(input: PageLayoutInput): string {
  const charts = input.withCharts
    ? `<script src="assets/plotly.min.js"></script><script src="assets/plotly-charts.js"></script>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(COURSE_TITLE)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/highlight.css">
<link rel="stylesheet" href="assets/handouts.css">
</head>
<body>
<header class="site-header">
<a href="index.html">${escapeHtml(COURSE_TITLE)}</a>
<div class="course-search" role="search">
<input id="course-search" type="search" placeholder="Search the course" aria-label="Search the course" autocomplete="off">
<ul id="course-search-results" aria-live="polite"></ul>
</div>
</header>
<div class="layout">
${courseToc(input.course, input.current)}
<main>
${input.current ? pager(input.previous, input.next) : ""}
<article>
${input.body}
</article>
${input.current ? pager(input.previous, input.next) : ""}
</main>
${outline(input.headings)}
</div>
<script src="assets/search.js" defer></script>
${charts}
${input.live ?? ""}
</body>
</html>
`;
}
