import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { submissionLanguage } from "../../tools/src/grading/grade/feedbackMessages.js";
import { scratchDir } from "../grading/helpers/fixtureCourse.js";

const notebook = (metadata: Record<string, unknown>, source = "") =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells: [{ cell_type: "code", id: "a", metadata: {}, source, outputs: [], execution_count: null }] }, null, 1);
const NAMES = ["01-a.ipynb", "02-b.ipynb", "03-c.ipynb"];

function learner(files: Record<string, string>): string {
  const dir = scratchDir("language");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("submissionLanguage", () => {
  const zh = notebook({ kernelspec: { language: "typescript" }, language: "zh" });
  const en = notebook({ kernelspec: { language: "typescript" } });

  it("is Chinese when most submitted notebooks are from the Chinese edition, wherever they sit", () => {
    expect(submissionLanguage(learner({ "01-a.ipynb": zh, "sub/02-b.ipynb": zh, "03-c.ipynb": en }), NAMES)).toBe("zh");
    expect(submissionLanguage(learner({ "01-a.ipynb": zh, "02-b.ipynb": en, "03-c.ipynb": en }), NAMES)).toBe("en");
  });

  it("is English for a folder without notebooks, and is not fooled by the words in a code cell", () => {
    expect(submissionLanguage(learner({ "notes.txt": '"language": "zh"' }), NAMES)).toBe("en");
    expect(submissionLanguage(learner({ "01-a.ipynb": notebook({}, 'const meta = { "language": "zh" };') }), NAMES)).toBe("en");
  });

  it("does not follow a symbolic link out of the learner's folder", () => {
    const outside = learner({ "01-a.ipynb": zh });
    const dir = learner({});
    symlinkSync(path.join(outside, "01-a.ipynb"), path.join(dir, "01-a.ipynb"));
    expect(submissionLanguage(dir, NAMES)).toBe("en");
  });
});
