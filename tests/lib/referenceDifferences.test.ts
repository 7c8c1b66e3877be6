import { describe, expect, it } from "vitest";
import { classificationReport, confusionMatrix, OneHotEncoder, padSequences, scratch, Tokenizer } from "@tsdl/lib";
import { formatFixed } from "../../lib/src/metrics/formatFixed.js";
import { binaryCrossEntropyGradient } from "../../lib/src/scratch/losses.js";

// Five places where lib differed from the Python references it follows. Every expected value below was
// computed with /usr/bin/python3 (scikit-learn 1.2, numpy, PyTorch) on these inputs and pasted here; the
// snippet that made each one is in the comment above it.

describe("classificationReport's text", () => {
  // [[v, [format(v, f".{d}f") for d in range(4)]] for v in values]
  const pythonFormat: [number, string[]][] = [
    [0.625, ["1", "0.6", "0.62", "0.625"]],
    [0.375, ["0", "0.4", "0.38", "0.375"]],
    [0.125, ["0", "0.1", "0.12", "0.125"]],
    [2.675, ["3", "2.7", "2.67", "2.675"]],
    [0.5, ["0", "0.5", "0.50", "0.500"]],
    [1.5, ["2", "1.5", "1.50", "1.500"]],
    [2.5, ["2", "2.5", "2.50", "2.500"]],
    [-0.625, ["-1", "-0.6", "-0.62", "-0.625"]],
    [0.0625, ["0", "0.1", "0.06", "0.062"]],
    [1.005, ["1", "1.0", "1.00", "1.005"]],
    [0.3, ["0", "0.3", "0.30", "0.300"]],
    [1e-7, ["0", "0.0", "0.00", "0.000"]],
    [0.8125, ["1", "0.8", "0.81", "0.812"]],
    [0.9375, ["1", "0.9", "0.94", "0.938"]],
    [1, ["1", "1.0", "1.00", "1.000"]],
  ];

  it.each(pythonFormat)("formats %f as Python does: the exact binary value, ties to even", (value, expected) => {
    expect([0, 1, 2, 3].map((digits) => formatFixed(value, digits))).toEqual(expected);
  });

  it("prints 0.625 as 0.62, as scikit-learn does", () => {
    // classification_report([1]*8 + [0]*8, [1]*5 + [0]*3 + [1]*3 + [0]*5, digits=2)
    const yTrue = [...Array(8).fill(1), ...Array(8).fill(0)];
    const yPred = [...Array(5).fill(1), ...Array(3).fill(0), ...Array(3).fill(1), ...Array(5).fill(0)];
    expect(classificationReport(yTrue, yPred, { digits: 2 }).text).toBe(
      "              precision    recall  f1-score   support\n\n" +
        "           0       0.62      0.62      0.62         8\n" +
        "           1       0.62      0.62      0.62         8\n\n" +
        "    accuracy                           0.62        16\n" +
        "   macro avg       0.62      0.62      0.62        16\n" +
        "weighted avg       0.62      0.62      0.62        16\n",
    );
  });
});

describe("label order", () => {
  // Fullwidth Ａ (U+FF21) sorts before 😀 (U+1F600) by code point, after it by UTF-16 unit.
  const yTrue = ["\uff21", "\u{1f600}", "b", "\u{1f600}"];
  const yPred = ["\u{1f600}", "\u{1f600}", "b", "\uff21"];

  it("is code-point order in the confusion matrix, as np.unique and scikit-learn give it", () => {
    // np.unique(yt + yp).tolist() == ["b", "Ａ", "😀"]; confusion_matrix(yt, yp).tolist()
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ]);
  });

  it("orders and aligns a classification report's rows by code point, as scikit-learn does", () => {
    // classification_report(yt, yp, digits=2, zero_division=0) with each non-ASCII label repeated 13 times
    const long = (label: string) => (label === "b" ? label : label.repeat(13));
    const report = classificationReport(yTrue.map(long), yPred.map(long), { digits: 2, zeroDivision: 0 });
    expect(report.text).toBe(
      "               precision    recall  f1-score   support\n\n" +
        "            b       1.00      1.00      1.00         1\n" +
        "ＡＡＡＡＡＡＡＡＡＡＡＡＡ       0.00      0.00      0.00         1\n" +
        "😀😀😀😀😀😀😀😀😀😀😀😀😀       0.50      0.50      0.50         2\n\n" +
        "     accuracy                           0.50         4\n" +
        "    macro avg       0.50      0.50      0.50         4\n" +
        " weighted avg       0.50      0.50      0.50         4\n",
    );
  });

  it("is code-point order in the one-hot encoder's categories", () => {
    // OneHotEncoder().fit(...).categories_ and transform([["😀"]])
    const encoder = new OneHotEncoder().fit([...yTrue, "\uff21"]);
    expect(encoder.categories).toEqual([["b", "\uff21", "\u{1f600}"]]);
    expect(encoder.transform(["\u{1f600}"])).toEqual([[0, 0, 1]]);
  });
});

describe("Tokenizer with a split of several characters", () => {
  // Keras' text_to_word_sequence, written out (keras is not installed): lower(), then
  // text.translate(str.maketrans({c: split for c in filters})), then split(split) without empty pieces.
  it.each([
    ["a.b, c-d!e", ", ", ["a", "b", " c", "d", "e"]],
    ["x--y.z", "-.", ["x", "y", "z"]],
    ["Hello, World! hi", "! ", ["hello", " world", " hi"]],
  ])("tokenizes %j with split %j as Keras translates the filters, all at once", (text, split, expected) => {
    expect(new Tokenizer({ split }).tokenize(text)).toEqual(expected);
  });
});

describe("scratch losses and NaN", () => {
  it("binaryCrossEntropy and its gradient reject probabilities outside [0, 1], NaN included, as PyTorch does", () => {
    // F.binary_cross_entropy raises "all elements of input should be between 0 and 1" for each of these.
    for (const p of [[0.2, 1.5], [0.2, Number.NaN], [-0.1, 0.5]]) {
      expect(() => scratch.binaryCrossEntropy(p, [0, 1])).toThrow(/^binaryCrossEntropy: probabilities must be in \[0, 1\]/);
      expect(() => binaryCrossEntropyGradient(p, [0, 1])).toThrow(/^binaryCrossEntropyGradient: probabilities must be in \[0, 1\]/);
    }
    expect(() => scratch.binaryCrossEntropy([0.2, 1.5], [0, 1])).toThrow("got probabilities[1] = 1.5");
  });

  it("binaryCrossEntropy still matches PyTorch inside [0, 1]", () => {
    // p = [0.2, 0.9, 0.6], y = [0, 1, 1]: F.binary_cross_entropy(p, y) and p.grad after backward()
    expect(scratch.binaryCrossEntropy([0.2, 0.9, 0.6], [0, 1, 1])).toBeCloseTo(0.2797765635793423, 12);
    const gradient = binaryCrossEntropyGradient([0.2, 0.9, 0.6], [0, 1, 1]);
    [0.4166666666666666, -0.3703703703703704, -0.5555555555555556].forEach((g, i) => expect(gradient[i]).toBeCloseTo(g, 12));
  });

  it("the other functions propagate NaN as PyTorch does", () => {
    // x = [nan, 1, -2]: torch.relu, torch.sigmoid, torch.softmax(x, 0), F.mse_loss(x, zeros)
    const x = [Number.NaN, 1, -2];
    expect([...scratch.relu(x)]).toEqual([Number.NaN, 1, 0]);
    expect(scratch.sigmoid(x)[0]).toBeNaN();
    expect(scratch.sigmoid(x)[1]).toBeCloseTo(0.7310585786300049, 12);
    expect([...scratch.softmax(x)].every(Number.isNaN)).toBe(true);
    expect(scratch.meanSquaredError(x, [0, 0, 0])).toBeNaN();
  });
});

describe("padSequences of empty sequences without maxlen", () => {
  it("returns an [n, 0] tensor, as Keras' pad_sequences([[], []]) returns shape (2, 0)", () => {
    const padded = padSequences([[], []]);
    expect(padded.shape).toEqual([2, 0]);
    padded.dispose();
  });

  it("still names options.maxlen when one is passed and is not a positive integer", () => {
    expect(() => padSequences([[1]], { maxlen: 0 })).toThrow("padSequences: options.maxlen must be a positive integer; got 0");
  });
});
