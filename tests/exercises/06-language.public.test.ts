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

type ReviewClassifier = { trainReviewClassifier(trainTexts: string[], trainLabels: number[], testTexts: string[]): number[] };
const classifier = await exercise<ReviewClassifier>(NOTEBOOK, "ex06-train-classifier", { callTimeoutMs: 120_000 });
classifier.test("one label per review; better than 65% on 500 reviews it never saw", 1, async () => {
  const { loadSentimentZh } = await import("@tsdl/lib");
  const reviews = loadSentimentZh();
  const predictions = classifier.exports.trainReviewClassifier(reviews.texts.slice(0, 2000), reviews.labels.slice(0, 2000), reviews.texts.slice(9500));
  expect(predictions.every((p) => p === 0 || p === 1)).toBe(true);
  expect(predictions).toHaveLength(500);
  expect(predictions.filter((p, i) => p === reviews.labels[9500 + i]).length / 500).toBeGreaterThan(0.65);
});
