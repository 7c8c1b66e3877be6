// Public checks for notebook 06 (language), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "06-language.ipynb";

const pad = await exercise<{ padPre(sequences: number[][], maxlen: number): number[][] }>(NOTEBOOK, "ex06-pad-sequences");
pad.test("short sequences get zeros in front", 1, () => {
  expect(pad.exports.padPre([[5, 6], [7]], 3)).toEqual([[0, 5, 6], [0, 0, 7]]);
});
pad.test("long sequences keep their end", 1, () => {
  expect(pad.exports.padPre([[1, 2, 3, 4, 5]], 3)).toEqual([[3, 4, 5]]);
});

type Vocabulary = { index: Map<string, number>; encode(words: string[]): number[] };
const vocab = await exercise<{ buildVocabulary(texts: string[][]): Vocabulary }>(NOTEBOOK, "ex06-vocabulary");
vocab.test("frequency order after the OOV token", 1, () => {
  expect([...vocab.exports.buildVocabulary([["b", "a", "a"], ["c", "a", "b"]]).index]).toEqual([["<OOV>", 1], ["a", 2], ["b", 3], ["c", 4]]);
});
vocab.test("unknown words become 1", 1, () => {
  expect(vocab.exports.buildVocabulary([["x", "y"]]).encode(["y", "z", "x"])).toEqual([3, 1, 2]);
});

const attention = await exercise<{ maskedAttentionWeights(scores: number[], mask: boolean[]): number[] }>(NOTEBOOK, "ex06-masked-attention");
attention.test("padding gets no weight", 1, () => {
  const weights = attention.exports.maskedAttentionWeights([2, 2, 9], [true, true, false]);
  [0.5, 0.5, 0].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 12));
});
attention.test("softmax over the real positions", 1, () => {
  const weights = attention.exports.maskedAttentionWeights([0, Math.log(3), 5], [true, true, false]);
  [0.25, 0.75, 0].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 12));
});
