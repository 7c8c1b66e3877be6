// The words the runtime's worker puts into a cell's output, in the page's edition (the page sends its
// language with "start"; browser/src/page/pageWords.ts holds the page's own words).
export type RuntimeLanguage = "en" | "zh";

const WORDS = {
  en: {
    jupyterOnly: (what: string) => `${what} runs in Jupyter only: a web page has no files or processes of its own (open the notebook in Jupyter for it)`,
    processExit: (code: string) => `process.exit(${code}) runs in Jupyter only`,
    missingFile: (call: string, path: string) => `ENOENT: no such file or directory, ${call} '${path}' (in the page's memory; the page has the course's data sets and what cells wrote)`,
    notAPath: (call: string, got: string) => `fs.${call}: path must be a string or URL, got ${got}`,
    notData: (got: string) => `fs.writeFileSync: data must be a string or bytes, got ${got}`,
    damagedData: (file: string, actual: string, expected: string) => `data/${file}: sha256 ${actual}, expected ${expected} (data/SHA256SUMS); the handouts' copy is damaged`,
    noModule: (name: string, available: string) => `Cannot find module '${name}': the page's runtime has ${available}`,
    cellStopped: "the cell was stopped",
    syntaxAt: (line: number, column: number) => ` (cell line ${line}:${column})`,
    atCellLine: (line: number, source: string) => `at cell line ${line}: ${source}`,
    atEarlierCell: (line: number) => `at line ${line} of a cell run earlier`,
    hiddenFrames: (count: number) => `(${count} frame${count === 1 ? "" : "s"} inside the page's runtime)`,
  },
  zh: {
    jupyterOnly: (what: string) => `${what} 只能在 Jupyter 中运行：网页没有自己的文件和进程（请在 Jupyter 中打开这个笔记本）`,
    processExit: (code: string) => `process.exit(${code}) 只能在 Jupyter 中运行`,
    missingFile: (call: string, path: string) => `ENOENT：没有这个文件或文件夹，${call} '${path}'（在页面的内存中；页面里只有课程的数据集和单元格写入的文件）`,
    notAPath: (call: string, got: string) => `fs.${call}：路径应为字符串或 URL，实际是 ${got}`,
    notData: (got: string) => `fs.writeFileSync：数据应为字符串或字节，实际是 ${got}`,
    damagedData: (file: string, actual: string, expected: string) => `data/${file}：sha256 是 ${actual}，应为 ${expected}（data/SHA256SUMS）；讲义中的这份数据已损坏`,
    noModule: (name: string, available: string) => `找不到模块 '${name}'：页面的运行环境只有 ${available}`,
    cellStopped: "单元格已被停止",
    syntaxAt: (line: number, column: number) => `（单元格第 ${line} 行第 ${column} 列）`,
    atCellLine: (line: number, source: string) => `位于单元格第 ${line} 行：${source}`,
    atEarlierCell: (line: number) => `位于先前运行的某个单元格的第 ${line} 行`,
    hiddenFrames: (count: number) => `（另有 ${count} 层调用在页面的运行环境内部）`,
  },
} satisfies Record<RuntimeLanguage, unknown>;

let language: RuntimeLanguage = "en";

export function setRuntimeLanguage(next: RuntimeLanguage): void {
  language = next;
}

/** The words of the page's edition (English until the page says otherwise). */
export function runtimeWords(): (typeof WORDS)["en"] {
  return WORDS[language];
}
