import { describe, expect, it } from "vitest";
import { claimPatternShape } from "../../tools/src/i18n/claimPattern.js";

describe("claimPatternShape", () => {
  it("reads the named groups and the words a pattern matches literally", () => {
    expect(claimPatternShape("without tf\\.tidy: (?<leaked>\\d+) tensors left behind; with tf\\.tidy: (?<tidy>\\d+)")).toEqual({
      groups: ["leaked", "tidy"],
      words: ["behind", "left", "tensors", "tf", "tidy", "with", "without"],
    });
  });

  it("takes no word from a character class, a quantified letter or an escape, and no group from an escaped parenthesis", () => {
    expect(claimPatternShape("[Lt]raining \\(?<x>\\w+ s, e+poch(?:s)? (?<final>[\\d.e-]+)")).toEqual({ groups: ["final"], words: ["poch", "raining", "s", "x"] });
  });

  it("reads Chinese words and keyed output alike", () => {
    expect(claimPatternShape("训练 (?<n>\\d+) 轮后 recallAt005: (?<low>[\\d.]+)")).toEqual({ groups: ["low", "n"], words: ["recallAt005", "训练", "轮后"] });
  });

  it("refuses what RegExp(pattern, 'u') refuses and what claims.ts refuses as too long", () => {
    expect(() => claimPatternShape("\\p{Foo}")).toThrow(/^expected a regular expression that compiles with the u flag, got: Invalid regular expression: .*Invalid property name/);
    expect(() => new RegExp("\\p{Foo}", "u")).toThrow();
    expect(() => claimPatternShape("a{")).toThrow(/compiles with the u flag/);
    expect(() => claimPatternShape("")).toThrow("expected a regular expression of 1–500 characters, got 0");
    expect(() => claimPatternShape("x".repeat(501))).toThrow("expected a regular expression of 1–500 characters, got 501");
  });
});
