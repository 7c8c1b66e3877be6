import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook } from "@tsdl/kernel-ext/notebook";
import { checkClaims } from "../../tools/src/claims/claims.js";
import { repoRoot } from "../helpers/runNode.js";

// The fixture notebook's claim (demo-02's metadata) says "98%", which demo-02's text lacks in both editions.
const chinese = parseNotebook(readFileSync(path.join(repoRoot, "tests/i18n/fixtures/course/notebooks/zh/01-demo.ipynb"), "utf8"), "01-demo.ipynb");

describe("claims in the Chinese edition", () => {
  it("are checked against the run without asking the Chinese prose for the English words", () => {
    expect(chinese.metadata.language).toBe("zh");
    expect(checkClaims(chinese, "zh/01-demo.ipynb", { executed: false })).toEqual([]);
  });

  it("still ask an English notebook's prose for the claim's words", () => {
    const english = { ...chinese, metadata: { ...chinese.metadata, language: "en" } };
    expect(checkClaims(english, "01-demo.ipynb", { executed: false })).toEqual([{ markdownCell: "demo-02", says: "98%", problem: 'the markdown no longer says "98%"' }]);
  });
});
