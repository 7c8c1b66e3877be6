import { describe, expect, it } from "vitest";
import { MAX_TRANSLATION_BYTES, parseTranslationFile, sourceHash, TranslationError } from "../../tools/src/i18n/translationFile.js";

const FILE = "i18n/zh/05-evaluation.md";

describe("parseTranslationFile", () => {
  it("splits blocks at header lines and drops their leading and trailing blank lines", () => {
    const blocks = parseTranslationFile(
      "<!-- cell nb05-00 en:0123456789ab -->\n\n# 评估\n\n正文。\n\n<!-- code nb05-01 en:ba9876543210 -->\nconst a = 1;\n\n",
      FILE,
    );
    expect(blocks).toEqual([
      { kind: "cell", cellId: "nb05-00", enHash: "0123456789ab", text: "# 评估\n\n正文。", line: 1 },
      { kind: "code", cellId: "nb05-01", enHash: "ba9876543210", text: "const a = 1;", line: 7 },
    ]);
  });

  it("reads Windows line endings and a byte-order mark as the same file", () => {
    const blocks = parseTranslationFile("\uFEFF<!-- cell a en:0123456789ab -->\r\n第一行\r\n第二行\r\n", FILE);
    expect(blocks).toEqual([{ kind: "cell", cellId: "a", enHash: "0123456789ab", text: "第一行\n第二行", line: 1 }]);
  });

  it("reads a claim block: the Markdown cell, the claim's index and its one-line Chinese pattern", () => {
    const blocks = parseTranslationFile("<!-- cell a en:0123456789ab -->\n正文\n\n<!-- claim a 0 en:ba9876543210 -->\n\n训练 (?<n>\\d+) 轮\n\n<!-- claim a 12 en:ba9876543210 -->\n(?<n>\\d+)\n", FILE);
    expect(blocks).toEqual([
      { kind: "cell", cellId: "a", enHash: "0123456789ab", text: "正文", line: 1 },
      { kind: "claim", cellId: "a", claim: 0, enHash: "ba9876543210", text: "训练 (?<n>\\d+) 轮", line: 4 },
      { kind: "claim", cellId: "a", claim: 12, enHash: "ba9876543210", text: "(?<n>\\d+)", line: 8 },
    ]);
  });

  it("keeps HTML comments that are not headers as text", () => {
    const [block] = parseTranslationFile("<!-- cell a en:0123456789ab -->\n<!-- 译注 -->\n正文", FILE);
    expect(block!.text).toBe("<!-- 译注 -->\n正文");
  });

  it("hashes like the format's Python one-liner: SHA-256 of the UTF-8 source, 12 hex digits", () => {
    // sha256("") and sha256("过拟合") as printed by `printf %s 过拟合 | sha256sum`.
    expect(sourceHash("")).toBe("e3b0c44298fc");
    expect(sourceHash("过拟合")).toBe("a486f086ba04");
  });

  const failures: [string, string, number, RegExp][] = [
    ["text before the first header", "前言\n<!-- cell a en:0123456789ab -->\n正文", 1, /expected a block header .* before any text, got "前言"/],
    ["a header without its hash", "<!-- cell a en:0123456789ab -->\n正文\n<!-- cell b -->\n正文", 3, /expected a block header .*, got "<!-- cell b -->"/],
    ["a header with a short hash", "<!-- cell a en:0123 -->\n正文", 1, /expected a block header/],
    ["a header with an odd cell id", "<!-- cell a/../b en:0123456789ab -->\n正文", 1, /expected a block header/],
    ["an unknown block kind that looks like a header", "<!-- code a en:0123456789ab -->\nx\n<!--cell b en:0123456789ab-->", 3, /expected a block header/],
    ["a duplicated cell id", "<!-- cell a en:0123456789ab -->\n一\n<!-- cell b en:0123456789ab -->\n二\n<!-- cell a en:0123456789ab -->\n三", 5, /second `cell a` block \(the first is on line 1\)/],
    ["a claim header without its index", "<!-- cell a en:0123456789ab -->\n正文\n<!-- claim a en:0123456789ab -->\nx", 3, /expected a block header .*`<!-- claim <id> <index> en:<12 hex digits> -->`, got "<!-- claim a en:0123456789ab -->"/],
    ["a cell header with an index", "<!-- cell a 0 en:0123456789ab -->\n正文", 1, /expected a block header .*, got "<!-- cell a 0 en:0123456789ab -->"/],
    ["a claim index with a leading zero", "<!-- claim a 01 en:0123456789ab -->\nx", 1, /expected a block header/],
    ["a claim pattern over two lines", "<!-- claim a 0 en:0123456789ab -->\n训练\n(?<n>\\d+)\n<!-- cell b en:0123456789ab -->\n二", 1, /expected the claim's Chinese pattern on one line after `claim a 0`, got 2 lines/],
    ["an empty claim pattern at the end of the file", "<!-- cell a en:0123456789ab -->\n一\n<!-- claim a 0 en:0123456789ab -->\n\n", 3, /expected the claim's Chinese pattern on one line after `claim a 0`, got 0 lines/],
    ["a duplicated claim block", "<!-- cell a en:0123456789ab -->\n一\n<!-- claim a 0 en:0123456789ab -->\nx\n<!-- claim a 0 en:0123456789ab -->\ny", 5, /expected one block per claim, got a second `claim a 0` block \(the first is on line 3\)/],
  ];
  it.each(failures)("rejects %s, naming the file and line", (_, text, line, message) => {
    let error: unknown;
    try {
      parseTranslationFile(text, FILE);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TranslationError);
    expect((error as TranslationError).line).toBe(line);
    expect((error as Error).message).toMatch(new RegExp(`^${FILE}:${line}: `));
    expect((error as Error).message).toMatch(message);
  });

  it("refuses a huge file before splitting it", () => {
    const huge = `<!-- cell a en:0123456789ab -->\n${"过".repeat(MAX_TRANSLATION_BYTES / 3 + 1)}`;
    expect(() => parseTranslationFile(huge, FILE)).toThrow(`${FILE}:1: expected at most ${MAX_TRANSLATION_BYTES} bytes, got ${Buffer.byteLength(huge)}`);
  });
});
