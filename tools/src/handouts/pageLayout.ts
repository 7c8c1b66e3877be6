import { escapeHtml } from "./escapeHtml.js";
import type { Heading } from "./markdown.js";
import { SITE_TEXT, type SiteText } from "./siteText.js";

export const COURSE_TITLE = SITE_TEXT.en.courseTitle;

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
  /** The edition's words; English by default. */
  text?: SiteText;
  /** From this page to the site's root (where `assets/` is): "" or "../". */
  rootPrefix?: string;
  /** The same page in the other edition, when it has one. */
  otherEdition?: string;
  /** The edition's glossary page, when it has one. */
  glossary?: string;
}

function courseToc(course: PageLink[], current: string | undefined, text: SiteText, glossary: string | undefined): string {
  const items = course
    .map((page) => {
      const here = page.href === current ? ` aria-current="page"` : "";
      return `<li><a href="${escapeHtml(page.href)}"${here}>${escapeHtml(page.title)}</a></li>`;
    })
    .join("");
  const glossaryLink = glossary ? `<p class="toc-glossary"><a href="${escapeHtml(glossary)}"${glossary === current ? ` aria-current="page"` : ""}>${escapeHtml(text.glossary)}</a></p>` : "";
  return `<nav class="course-toc" aria-label="${escapeHtml(text.courseContents)}"><h2><a href="index.html">${escapeHtml(text.contents)}</a></h2><ol>${items}</ol>${glossaryLink}</nav>`;
}

function outline(headings: Heading[], text: SiteText): string {
  const entries = headings.filter((heading) => heading.level >= 2 && heading.level <= 3);
  if (entries.length === 0) return "";
  const items = entries
    .map((heading) => `<li class="outline-level-${heading.level}"><a href="#${escapeHtml(heading.id)}">${heading.html}</a></li>`)
    .join("");
  return `<aside class="page-outline" aria-label="${escapeHtml(text.onThisPage)}"><h2>${escapeHtml(text.onThisPage)}</h2><ul>${items}</ul></aside>`;
}

function pager(previous: PageLink | undefined, next: PageLink | undefined, text: SiteText): string {
  const link = (page: PageLink | undefined, rel: "prev" | "next", label: string) =>
    page ? `<a class="pager-${rel}" rel="${rel}" href="${escapeHtml(page.href)}"><small>${escapeHtml(label)}</small>${escapeHtml(page.title)}</a>` : "<span></span>";
  return `<nav class="pager" aria-label="${escapeHtml(text.previousAndNext)}">${link(previous, "prev", text.previous)}${link(next, "next", text.next)}</nav>`;
}

/** The link to the same page in the other edition; its language is the other edition's. */
function editionSwitch(href: string | undefined, text: SiteText): string {
  if (!href) return "";
  const lang = text === SITE_TEXT.en ? SITE_TEXT.zh.htmlLang : SITE_TEXT.en.htmlLang;
  return `<a class="edition-switch" href="${escapeHtml(href)}" hreflang="${lang}" lang="${lang}" title="${escapeHtml(text.otherEditionLabel)}">${escapeHtml(text.otherEdition)}</a>`;
}

export function pageLayout(input: PageLayoutInput): string {
  const text = input.text ?? SITE_TEXT.en;
  const root = input.rootPrefix ?? "";
  const assets = `${root}assets/`;
  const charts = input.withCharts
    ? `<script src="${assets}plotly.min.js"></script><script src="${assets}plotly-charts.js"></script>`
    : "";
  const onPage = input.current !== undefined && input.current !== input.glossary;
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(text.courseTitle)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets}katex/katex.min.css">
<link rel="stylesheet" href="${assets}highlight.css">
<link rel="stylesheet" href="${assets}handouts.css">
</head>
<body>
<header class="site-header">
<a href="index.html">${escapeHtml(text.courseTitle)}</a>
<div class="course-search" role="search">
<input id="course-search" type="search" placeholder="${escapeHtml(text.search)}" aria-label="${escapeHtml(text.search)}" data-no-match="${escapeHtml(text.noMatch)}" autocomplete="off">
<ul id="course-search-results" aria-live="polite"></ul>
</div>
${editionSwitch(input.otherEdition, text)}
</header>
<div class="layout">
${courseToc(input.course, input.current, text, input.glossary)}
<main>
${onPage ? pager(input.previous, input.next, text) : ""}
<article>
${input.body}
</article>
${onPage ? pager(input.previous, input.next, text) : ""}
</main>
${outline(input.headings, text)}
</div>
<script src="${assets}search.js" defer></script>
${charts}
${input.live ?? ""}
</body>
</html>
`;
}
