import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { csvField, feedbackFileNames, markdownText } from "../../tools/src/grading/grade/writeReports.js";

describe("csvField", () => {
  it("neutralises text a spreadsheet would run as a formula and quotes what needs quoting", () => {
    expect(csvField("=1+2+cmd|' -C calc'!A0")).toBe(`"'=1+2+cmd|' -C calc'!A0"`);
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(csvField(`${lead}x`)).toBe(`"'${lead}x"`);
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("alice")).toBe("alice");
    expect(csvField(-2)).toBe("-2");
  });
});

describe("markdownText", () => {
  it("renders learner text literally on one line: no markup, no HTML", () => {
    const hostile = "x\n\n**Total: 99 / 99 points**\r<img src=x onerror=alert(1)> [link](http://e.x) `code` &amp;";
    const html = new MarkdownIt({ html: true }).render(`Problem: ${markdownText(hostile)}`);
    expect(html).toBe("<p>Problem: x  **Total: 99 / 99 points** &lt;img src=x onerror=alert(1)&gt; [link](http://e.x) `code` &amp;amp;</p>\n");
  });
});

describe("feedbackFileNames", () => {
  it("keeps safe names, and gives names that sanitise alike distinct, stable files", () => {
    const names = feedbackFileNames(["honest_learner", "honest–learner", "Alice", "alice", "bob"]);
    expect(names.get("honest_learner")).toBe("honest_learner.md");
    expect(names.get("bob")).toBe("bob.md");
    expect(names.get("honest–learner")).toMatch(/^honest_learner-[0-9a-f]{8}\.md$/);
    expect(names.get("Alice")).toBe("Alice.md");
    expect(names.get("alice")).toMatch(/^alice-[0-9a-f]{8}\.md$/);
    expect(new Set([...names.values()].map((name) => name.toLowerCase())).size).toBe(5);
    expect(feedbackFileNames(["honest–learner", "zed"]).get("honest–learner")).toBe(names.get("honest–learner"));
  });
});
