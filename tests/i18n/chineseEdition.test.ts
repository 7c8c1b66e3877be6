import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotebook, type Notebook } from "@tsdl/kernel-ext/notebook";
import { buildChineseNotebook, codeVariantProblems, notebookLanguage, proseProblems, relinkForSubfolder, translationProblems, type TranslationSource } from "../../tools/src/i18n/chineseEdition.js";
import { parseTranslationFile, sourceHash } from "../../tools/src/i18n/translationFile.js";

const course = fileURLToPath(new URL("./fixtures/course/", import.meta.url));
const NOTEBOOK = "notebooks/01-demo.ipynb";
const TRANSLATION = "i18n/zh/01-demo.md";

async function fixture(edit: (translation: string) => string = (text) => text, editNotebook: (notebook: Notebook) => void = () => undefined): Promise<TranslationSource> {
  const notebook = parseNotebook(await readFile(path.join(course, NOTEBOOK), "utf8"), NOTEBOOK);
  editNotebook(notebook);
  const text = edit(await readFile(path.join(course, TRANSLATION), "utf8"));
  return { notebookFile: NOTEBOOK, notebook, translationFile: TRANSLATION, blocks: parseTranslationFile(text, TRANSLATION) };
}

describe("translationProblems", () => {
  it("finds none in a translation in step with its notebook", async () => {
    expect(translationProblems(await fixture())).toEqual([]);
  });

  it("names the notebook, the cell and both hashes when the English cell changed", async () => {
    const source = await fixture(undefined, (notebook) => {
      notebook.cells[2]!.source = "## Exercise\n\nCall `fitLine(xs, ys)` and return the intercept.";
    });
    const problems = translationProblems(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^i18n\/zh\/01-demo\.md:12: notebooks\/01-demo\.ipynb cell demo-02 changed since it was translated \(the block says en:d5f7ec249854, the English cell is now en:[0-9a-f]{12}\)/);
  });

  it("reports a Markdown cell without a block and a block without a cell", async () => {
    const source = await fixture((text) => text.replace("<!-- cell demo-02 en:d5f7ec249854 -->", "<!-- cell demo-99 en:d5f7ec249854 -->"));
    expect(translationProblems(source)).toEqual([
      "i18n/zh/01-demo.md:12: block `cell demo-99` names no cell of notebooks/01-demo.ipynb",
      "notebooks/01-demo.ipynb: Markdown cell demo-02 has no `cell demo-02` block in i18n/zh/01-demo.md",
    ]);
  });

  it("reports a Markdown block for a code cell and blocks out of order", async () => {
    const source = await fixture((text) => text.replace("<!-- code demo-01", "<!-- cell demo-01"));
    expect(translationProblems(source)).toEqual([
      "i18n/zh/01-demo.md:6: expected a `code` block for code cell demo-01 of notebooks/01-demo.ipynb, got a `cell` block",
    ]);
    const [first, second] = (await readFile(path.join(course, TRANSLATION), "utf8")).split(/(?=<!-- cell demo-02)/);
    const swapped = await fixture(() => `${second}\n${first}`);
    expect(translationProblems(swapped)).toEqual([
      "i18n/zh/01-demo.md:6: expected blocks in the notebook's cell order, got cell demo-00 after a later cell",
      "i18n/zh/01-demo.md:11: expected blocks in the notebook's cell order, got cell demo-01 after a later cell",
    ]);
  });

  it("reports a code variant that changes code", async () => {
    const source = await fixture((text) => text.replace("const epochs = 3;", "const epochs = 30;"));
    expect(translationProblems(source)).toEqual([
      'i18n/zh/01-demo.md:6: code variant demo-01: line 2 of the variant: expected "3" (English line 2), got "30"; only strings, template text and comments may differ',
    ]);
  });

});

// The fixture's variant of demo-01 prints `训练中 训练 3 轮后的损失` where English prints `training Loss after 3 epochs`.
const ENGLISH_PATTERN = "training Loss after (?<epochs>\\d+) epochs";
const readsDemo01 = (output = ENGLISH_PATTERN) => (notebook: Notebook) => {
  const claims = notebook.cells.find((cell) => cell.id === "demo-02")!.metadata.claims as { cell: string; output: string }[];
  claims[0]!.cell = "demo-01";
  claims[0]!.output = output;
};
const withClaimBlock = (pattern: string, header = `<!-- claim demo-02 0 en:${sourceHash(ENGLISH_PATTERN)} -->`) => (text: string) => `${text.trimEnd()}\n\n${header}\n${pattern}\n`;

describe("claims in a translation file", () => {
  it("refuses a code variant that translates a string whose words a claim's English pattern reads, saying how to fix it", async () => {
    expect(translationProblems(await fixture(undefined, readsDemo01()))).toEqual([
      `i18n/zh/01-demo.md:6: code variant demo-01: expected the string \`Loss after \${ as in English, since claim 0 of Markdown cell demo-02 reads its word "Loss" with an English pattern; got \`训练 \${. Keep the string or give the claim a Chinese pattern: \`<!-- claim demo-02 0 en:${sourceHash(ENGLISH_PATTERN)} -->\``,
    ]);
  });

  it("lets a variant translate strings that hold none of the words a claim's pattern reads", async () => {
    expect(translationProblems(await fixture(undefined, readsDemo01("(?<epochs>\\d+)")))).toEqual([]);
  });

  it("counts a pattern's word inside a longer word of a string (`[Lt]raining` reads the string `training`)", async () => {
    expect(translationProblems(await fixture(undefined, readsDemo01("[Lt]raining (?<epochs>\\d+)")))).toEqual([
      expect.stringContaining('code variant demo-01: expected the string "training" as in English, since claim 0 of Markdown cell demo-02 reads its word "raining"'),
    ]);
  });

  it("accepts the variant once the claim has a Chinese pattern with the same named groups", async () => {
    expect(translationProblems(await fixture(withClaimBlock("训练中 训练 (?<epochs>\\d+) 轮后的损失"), readsDemo01()))).toEqual([]);
  });

  it("writes the Chinese pattern as the claim's output in the Chinese notebook and keeps the rest of the claim", async () => {
    const english = (await fixture(undefined, readsDemo01())).notebook;
    const built = buildChineseNotebook(await fixture(withClaimBlock("训练中 训练 (?<epochs>\\d+) 轮后的损失"), readsDemo01()));
    expect(built.cells[2]!.metadata.claims).toEqual([{ says: "98%", cell: "demo-01", output: "训练中 训练 (?<epochs>\\d+) 轮后的损失", holds: [] }]);
    expect((english.cells[2]!.metadata.claims as { output: string }[])[0]!.output).toBe(ENGLISH_PATTERN);
  });

  it("fails when the English pattern changed since the Chinese one was written, naming both hashes", async () => {
    const problems = translationProblems(await fixture(withClaimBlock("训练中 训练 (?<epochs>\\d+) 轮后的损失"), readsDemo01("training Loss after (?<epochs>\\d+) epoch")));
    expect(problems).toEqual([
      `i18n/zh/01-demo.md:17: claim 0 of notebooks/01-demo.ipynb Markdown cell demo-02 changed its English pattern since it was translated (the block says en:${sourceHash(ENGLISH_PATTERN)}, the English pattern is now en:${sourceHash("training Loss after (?<epochs>\\d+) epoch")}); update the Chinese pattern, then its hash`,
      expect.stringMatching(/^i18n\/zh\/01-demo\.md:6: code variant demo-01: expected the string/),
    ]);
  });

  const patternFailures: [string, string, string][] = [
    ["other named groups", "训练中 训练 (?<rounds>\\d+) 轮", "expected the named groups of the English pattern (epochs), got (rounds)"],
    ["no named group", "训练中", "expected the named groups of the English pattern (epochs), got (none)"],
    ["a pattern that does not compile with the u flag", "训练 (?<epochs>\\d+ 轮", "expected a regular expression that compiles with the u flag, got: Invalid regular expression: /训练 (?<epochs>\\d+ 轮/u: Unterminated group"],
    ["a pattern longer than claims.ts allows", `(?<epochs>\\d+)${"轮".repeat(500)}`, "expected a regular expression of 1–500 characters, got 514"],
  ];
  it.each(patternFailures)("rejects a Chinese pattern with %s", async (_, pattern, detail) => {
    expect(translationProblems(await fixture(withClaimBlock(pattern), readsDemo01()))).toEqual([`i18n/zh/01-demo.md:17: claim 0 of Markdown cell demo-02: ${detail}`]);
  });

  it("rejects a claim block for a claim that does not exist or placed away from its Markdown cell", async () => {
    const hash = sourceHash(ENGLISH_PATTERN);
    expect(translationProblems(await fixture(withClaimBlock("x", `<!-- claim demo-02 1 en:${hash} -->`)))).toEqual([
      "i18n/zh/01-demo.md:17: block `claim demo-02 1` names no claim of notebooks/01-demo.ipynb (Markdown cell demo-02 has 1 claims)",
    ]);
    expect(translationProblems(await fixture(withClaimBlock("x", `<!-- claim demo-01 0 en:${hash} -->`)))).toEqual([
      "i18n/zh/01-demo.md:17: block `claim demo-01 0` names no claim of notebooks/01-demo.ipynb (Markdown cell demo-01 has 0 claims)",
    ]);
    const early = (text: string) => text.replace("<!-- code demo-01", `<!-- claim demo-02 0 en:${hash} -->\n训练中 训练 (?<epochs>\\d+) 轮后的损失\n\n<!-- code demo-01`);
    expect(translationProblems(await fixture(early, readsDemo01()))).toEqual([
      "i18n/zh/01-demo.md:6: expected block `claim demo-02 0` right after `cell demo-02` and its lower-numbered claim blocks, got it after `cell demo-00`",
    ]);
  });
});

describe("proseProblems", () => {
  const english = "A loss of $L = 0.5$ after `fit(model)` on 1000 rows, see [the docs](https://example.com/a).";
  it("accepts a Chinese translation that keeps math, code, numbers and links", () => {
    expect(proseProblems(english, "在 1000 行上 `fit(model)` 之后损失为 $L = 0.5$，见[文档](https://example.com/a)。")).toEqual([]);
  });

  it("names what was dropped or added, by kind", () => {
    expect(proseProblems(english, "在 100 行上 `fit(m)` 之后损失为 $L = 0.50$，见[文档](https://example.com/b)。")).toEqual([
      'expected the same math as the English cell, got missing "$L = 0.5$"; extra "$L = 0.50$"',
      'expected the same inline code as the English cell, got missing "fit(model)"; extra "fit(m)"',
      'expected the same numbers as the English cell, got missing "1000"; extra "100"',
      'expected the same link targets as the English cell, got missing "https://example.com/a"; extra "https://example.com/b"',
    ]);
  });

  it("counts a number twice when it occurs twice", () => {
    expect(proseProblems("From 3 to 3 epochs.", "从 3 轮到 3 轮。")).toEqual([]);
    expect(proseProblems("From 3 to 3 epochs.", "从 3 轮。")).toEqual(['expected the same numbers as the English cell, got missing "3"']);
  });

  it("rejects text left in English, counting letters outside code and math", () => {
    expect(proseProblems("The loss falls.", "The loss falls（损失下降）.")).toEqual([
      "expected mostly Chinese text (Han characters over half of the letters, code and math excluded), got 4 of 16",
    ]);
    expect(proseProblems("Call `someVeryLongFunctionName()`.", "调用 `someVeryLongFunctionName()`。")).toEqual([]);
  });

  it("rejects an empty block for a cell with text", () => {
    expect(proseProblems("Text.", "")).toEqual(["expected a translation, got an empty block"]);
  });
});

describe("buildChineseNotebook", () => {
  it("swaps in the Chinese text and code variants, keeps ids, tags and claims, and marks the notebook zh", async () => {
    const english = (await fixture()).notebook;
    const built = buildChineseNotebook(await fixture());
    expect(notebookLanguage(english)).toBe("en");
    expect(notebookLanguage(built)).toBe("zh");
    expect(built.cells.map((cell) => cell.id)).toEqual(english.cells.map((cell) => cell.id));
    expect(built.cells.map((cell) => cell.metadata)).toEqual(english.cells.map((cell) => cell.metadata));
    expect(built.cells[2]!.source).toEqual(["## 练习\n", "\n", "调用 `fitLine(xs, ys)` 并返回斜率。"]);
    expect((built.cells[1]!.source as string[])[0]).toBe("// 训练 3 轮并画出损失\n");
    // The exercise has no code variant: the English cell, unchanged.
    expect(built.cells[3]!.source).toEqual(english.cells[3]!.source);
    expect(built.metadata.kernelspec).toEqual(english.metadata.kernelspec);
  });

  it("refuses to build from a translation out of step", async () => {
    const source = await fixture((text) => text.replace("98%", "97%"));
    expect(() => buildChineseNotebook(source)).toThrow(/cannot build the Chinese edition of notebooks\/01-demo\.ipynb:\ni18n\/zh\/01-demo\.md:1: cell demo-00: expected the same numbers/);
  });
});

describe("relinkForSubfolder", () => {
  it("moves relative links up one folder except links to sibling notebooks", () => {
    expect(relinkForSubfolder("![map](figures/map.svg) [next](02-next.ipynb#top) [web](https://a.b/c) [here](#top) [abs](/x)")).toBe(
      "![map](../figures/map.svg) [next](02-next.ipynb#top) [web](https://a.b/c) [here](#top) [abs](/x)",
    );
  });
});

describe("codeVariantProblems", () => {
  const english = "export function f(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}";
  it("accepts translated comments around the solution markers", () => {
    expect(codeVariantProblems(english, "export function f(): number {\n  // 返回一\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}")).toEqual([]);
  });

  it("rejects a translated solution marker, which the release would no longer find", () => {
    expect(codeVariantProblems(english, "export function f(): number {\n  // 开始答案\n  return 1;\n  // END SOLUTION\n}")).toEqual([
      'expected the solution markers of the English cell (2 lines: "// BEGIN SOLUTION", "// END SOLUTION"), got "// END SOLUTION"',
    ]);
  });
});
