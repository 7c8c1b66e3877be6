import { describe, expect, it } from "vitest";
import { codeVariantDifference } from "../../tools/src/i18n/codeVariant.js";

const english = [
  "// Train and plot",
  'const title = "Loss per epoch";',
  "const line = `epoch ${epoch + 1}: loss ${loss.toFixed(3)} {ok}`;",
  "plot({ title, x: 'epoch' }); /* axis */",
].join("\n");

describe("codeVariantDifference", () => {
  it("accepts changed strings, template text and comments", () => {
    const variant = [
      "// 训练并作图",
      'const title = "每轮的损失";',
      "const line = `第 ${epoch + 1} 轮：损失 ${loss.toFixed(3)} {好}`;",
      "plot({ title, x: '轮' }); /* 坐标轴 */",
    ].join("\n");
    expect(codeVariantDifference(english, variant)).toBeUndefined();
  });

  it("accepts a different layout of the same code", () => {
    expect(codeVariantDifference("const a = f(1, 2);", "const a = f(\n  1,\n  2\n);")).toBeUndefined();
  });

  it("rejects code changed inside a template's ${…}, naming the line", () => {
    const variant = english.replace("${epoch + 1}", "${epoch + 2}");
    expect(codeVariantDifference(english, variant)).toBe('line 3 of the variant: expected "1" (English line 3), got "2"; only strings, template text and comments may differ');
  });

  it("rejects a changed identifier or an added statement", () => {
    expect(codeVariantDifference(english, english.replace("const title", "let title"))).toMatch(/^line 2 of the variant: expected "const" \(English line 2\), got "let"/);
    expect(codeVariantDifference(english, `${english}\nfetch("http://example.com");`)).toBe("line 5 of the variant: expected the end of the cell as in English, got more code");
    expect(codeVariantDifference(english, english.split("\n").slice(0, 3).join("\n"))).toMatch(/^the variant ends early/);
  });

  it("rejects a string turned into code", () => {
    expect(codeVariantDifference('log("a");', "log(a);")).toMatch(/expected StringLiteral .*, got "a"/);
  });
});
