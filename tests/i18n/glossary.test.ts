import { describe, expect, it } from "vitest";
import { parseGlossary } from "../../tools/src/i18n/glossary.js";

const FILE = "i18n/zh/glossary.json";
const NOTEBOOKS = ["01-concepts", "04-training"];

describe("parseGlossary", () => {
  it("reads terms sorted by their English name", () => {
    const text = JSON.stringify([
      { en: "activation function", zh: "激活函数", notebook: "01-concepts" },
      { en: "Overfitting", zh: "过拟合", notebook: "04-training" },
    ]);
    expect(parseGlossary(text, FILE, NOTEBOOKS)).toEqual([
      { en: "activation function", zh: "激活函数", notebook: "01-concepts" },
      { en: "Overfitting", zh: "过拟合", notebook: "04-training" },
    ]);
  });

  const bad: [string, string, string][] = [
    ["not JSON", "[", "i18n/zh/glossary.json: expected JSON, got a parse error"],
    ["not an array", "{}", "expected a JSON array of { en, zh, notebook }, got object"],
    ["a missing field", JSON.stringify([{ en: "loss", notebook: "01-concepts" }]), 'entry 0: expected "zh" to be a non-empty string'],
    ["an English zh", JSON.stringify([{ en: "loss", zh: "loss", notebook: "01-concepts" }]), 'entry 0: expected "zh" to be Chinese, got "loss"'],
    ["an unknown notebook", JSON.stringify([{ en: "loss", zh: "损失", notebook: "99-x" }]), 'entry 0: expected "notebook" to be one of 01-concepts, 04-training, got "99-x"'],
    ["a duplicate", JSON.stringify([{ en: "loss", zh: "损失", notebook: "01-concepts" }, { en: "Loss", zh: "损失", notebook: "01-concepts" }]), 'entry 1: expected each English term once, got "Loss" again'],
    ["an unsorted list", JSON.stringify([{ en: "loss", zh: "损失", notebook: "01-concepts" }, { en: "epoch", zh: "轮", notebook: "01-concepts" }]), 'entry 1: expected entries sorted by "en", got "epoch" after "loss"'],
  ];
  it.each(bad)("rejects %s, naming the file and entry", (_, text, message) => {
    expect(() => parseGlossary(text, FILE, NOTEBOOKS)).toThrow(message);
  });
});
