import { describe, expect, it } from "vitest";
import { padSequences, toCategorical, tf } from "@tsdl/lib";

// The Keras docs' example for tf.keras.utils.pad_sequences, plus every padding/truncating pair.
const sequence = [[1], [2, 3], [4, 5, 6]];

describe("padSequences (Keras semantics)", () => {
  it("reproduces the Keras documentation examples", () => {
    expect(padSequences(sequence).arraySync()).toEqual([[0, 0, 1], [0, 2, 3], [4, 5, 6]]);
    expect(padSequences(sequence, { value: -1 }).arraySync()).toEqual([[-1, -1, 1], [-1, 2, 3], [4, 5, 6]]);
    expect(padSequences(sequence, { padding: "post" }).arraySync()).toEqual([[1, 0, 0], [2, 3, 0], [4, 5, 6]]);
    expect(padSequences(sequence, { maxlen: 2 }).arraySync()).toEqual([[0, 1], [2, 3], [5, 6]]);
  });

  it.each([
    ["pre", "pre", [[0, 1], [2, 3], [5, 6]]],
    ["pre", "post", [[0, 1], [2, 3], [4, 5]]],
    ["post", "pre", [[1, 0], [2, 3], [5, 6]]],
    ["post", "post", [[1, 0], [2, 3], [4, 5]]],
  ] as const)("padding %s, truncating %s", (padding, truncating, expected) => {
    expect(padSequences(sequence, { maxlen: 2, padding, truncating }).arraySync()).toEqual(expected);
  });

  it("pads empty sequences entirely, and keeps dtype", () => {
    const ints = padSequences([[], [7]], { maxlen: 3 });
    expect(ints.dtype).toBe("int32");
    expect(ints.arraySync()).toEqual([[0, 0, 0], [0, 0, 7]]);
    const floats = padSequences([[0.25]], { maxlen: 2, dtype: "float32", value: 0.5 });
    expect(floats.dtype).toBe("float32");
    expect(floats.arraySync()).toEqual([[0.5, 0.25]]);
  });

  it.each([
    [() => padSequences([]), "padSequences: sequences must be non-empty; got an empty array"],
    [() => padSequences([[1]], { maxlen: 0 }), "padSequences: options.maxlen must be a positive integer; got 0"],
    [() => padSequences([[1]], { padding: "both" as "pre" }), 'padSequences: options.padding must be "pre" or "post"; got "both"'],
    [() => padSequences([[1]], { truncating: "mid" as "pre" }), 'padSequences: options.truncating must be "pre" or "post"; got "mid"'],
    [() => padSequences([[1, 2.5]]), "padSequences: sequences[0][1] must be an integer (dtype is int32); got 2.5"],
    [() => padSequences([[1, Number.NaN]], { dtype: "float32" }), "padSequences: sequences[0][1] must be a finite number; got NaN"],
    [() => padSequences([[1]], { value: 0.5 }), "padSequences: options.value must be an integer (dtype is int32); got 0.5"],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("toCategorical (Keras semantics)", () => {
  it("one-hot encodes integer labels as float32", () => {
    const y = toCategorical([0, 1, 2, 3], 4);
    expect(y.dtype).toBe("float32");
    expect(y.arraySync()).toEqual([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    expect(toCategorical(tf.tensor1d([2, 0], "int32")).arraySync()).toEqual([[0, 0, 1], [1, 0, 0]]);
  });
  it.each([
    [() => toCategorical([0, 3], 3), "toCategorical: labels[1] must be a class id < numClasses (3); got 3"],
    [() => toCategorical([0, -1]), "toCategorical: labels[1] must be a class id ≥ 0; got -1"],
    [() => toCategorical([0, 1.5]), "toCategorical: labels[1] must be an integer; got 1.5"],
    [() => toCategorical([]), "toCategorical: labels must be non-empty; got an empty array"],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});
