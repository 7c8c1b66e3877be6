import type { EditionLanguage } from "../i18n/chineseEdition.js";

/** Every word the site itself shows (not the notebooks'), per edition. */
export const SITE_TEXT = {
  en: {
    htmlLang: "en",
    courseTitle: "tsdl: deep learning in TypeScript",
    contents: "Contents",
    courseContents: "Course contents",
    onThisPage: "On this page",
    previous: "Previous",
    next: "Next",
    previousAndNext: "Previous and next",
    search: "Search the course",
    noMatch: "No match",
    lead: "The course notebooks, executed, with every output. Read them here, search them, or print them; open the notebooks in Jupyter to run and change the code.",
    glossary: "Glossary",
    glossaryLead: "The terms of the course in English and Chinese, with the notebook that first teaches each.",
    glossaryColumns: ["English", "中文", "First taught in"],
    otherEdition: "中文",
    otherEditionLabel: "这一页的中文版",
  },
  zh: {
    htmlLang: "zh-Hans",
    courseTitle: "tsdl：用 TypeScript 学深度学习",
    contents: "目录",
    courseContents: "课程目录",
    onThisPage: "本页内容",
    previous: "上一章",
    next: "下一章",
    previousAndNext: "上一章和下一章",
    search: "搜索课程",
    noMatch: "没有找到",
    lead: "课程的全部笔记本，已执行，含所有输出。可以在这里阅读、搜索或打印；要运行和修改代码，请在 Jupyter 中打开笔记本。",
    glossary: "术语表",
    glossaryLead: "课程术语的中英对照，以及首次讲授该术语的笔记本。",
    glossaryColumns: ["English", "中文", "首次出现"],
    otherEdition: "English",
    otherEditionLabel: "This page in English",
  },
} satisfies Record<EditionLanguage, unknown>;

export type SiteText = (typeof SITE_TEXT)[EditionLanguage];
