import { describe, expect, it } from "vitest";
import { expectClose, expectEqual, expectThrows, selfCheck } from "@tsdl/lib";
import { CheckFailure } from "../../../lib/src/exercises/selfCheck.js";

describe("exercise self-checks", () => {
  it("expectClose accepts values within tolerance and names the worst entry otherwise", () => {
    expect(() => expectClose([0.1 + 0.2, 1], [0.3, 1])).not.toThrow();
    expect(() => expectClose([[1, 2], [3, 4.5]], [[1, 2], [3, 4]], 1e-3, "matrix")).toThrow(
      "matrix: expected [ [ 1, 2 ], [ 3, 4 ] ], got [ [ 1, 2 ], [ 3, 4.5 ] ] (entry 3 off by 0.500, tolerance 0.001)",
    );
    expect(() => expectClose([1, 2], [1, 2, 3])).toThrow("result: expected 3 numbers, got 2");
    expect(() => expectClose([Number.NaN], [0])).toThrow(CheckFailure);
  });

  it("expectEqual compares plain data deeply", () => {
    expect(() => expectEqual({ a: [1, 2] }, { a: [1, 2] })).not.toThrow();
    expect(() => expectEqual([1, 2], [2, 1], "order")).toThrow("order: expected [ 2, 1 ], got [ 1, 2 ]");
  });

  it("expectThrows requires an error with the given message", () => {
    expect(() => expectThrows(() => { throw new Error("bad shape"); }, "shape")).not.toThrow();
    expect(() => expectThrows(() => 1)).toThrow("call: expected an error, but it returned normally");
    expect(() => expectThrows(() => { throw new Error("other"); }, "shape")).toThrow("call: expected an error mentioning 'shape', got 'other'");
  });

  it("selfCheck runs every check, collects failures and renders a pass/fail bundle", async () => {
    const result = await selfCheck("double", {
      "doubles 2": () => expectEqual(2 * 2, 4),
      "doubles 3": () => expectEqual(3 * 3, 6),
      "async check": async () => expectEqual(await Promise.resolve(1), 1),
    });
    expect(result.passed).toEqual(["doubles 2", "async check"]);
    expect(result.failed).toEqual([{ name: "doubles 3", reason: "result: expected 6, got 9" }]);
    const bundle = (result as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!();
    expect(bundle["text/plain"]).toBe("✘ double: 2/3 checks passed\n  ✔ doubles 2\n  ✔ async check\n  ✘ doubles 3: result: expected 6, got 9");
    expect(bundle["text/html"]).toContain("2/3 checks passed");
  });
});
