// Issue 15: the exercises of notebooks 04 and 09 pass on the solution and fail on the mistakes a
// learner is likely to make (the release stub is covered by courseExercises.test.ts).
// Grading spawns judges and sandboxes from tools/dist: build first.
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../../tools/src/grading/grade/gradeReport.js";
import { exerciseScore, gradeWrongAnswers, type WrongAnswer } from "./gradeWrongAnswers.js";

const WRONG_ANSWERS: WrongAnswer[] = [
  {
    name: "lowest-loss-rate", notebook: "04-training.ipynb", exercise: "ex04-choose-learning-rate",
    body: "const usable = rates.filter((_, i) => Number.isFinite(losses[i]));\nreturn usable.reduce((best, r) => (losses[rates.indexOf(r)]! < losses[rates.indexOf(best)]! ? r : best));",
  },
  {
    name: "linear-slope-rate", notebook: "04-training.ipynb", exercise: "ex04-choose-learning-rate",
    body: [
      "if (rates.length !== losses.length) throw new Error(`rates and losses differ in length`);",
      "let best = 0;",
      "for (let i = 0; i + 1 < rates.length && Number.isFinite(losses[i + 1]); i++) {",
      "  if ((losses[i + 1]! - losses[i]!) / (rates[i + 1]! - rates[i]!) < (losses[best + 1]! - losses[best]!) / (rates[best + 1]! - rates[best]!)) best = i;",
      "}",
      "return rates[best]!;",
    ].join("\n"),
  },
  {
    name: "training-rounded-up", notebook: "04-training.ipynb", exercise: "ex04-training-steps",
    body: [
      "const trainSamples = Math.ceil(samples * (1 - validationSplit));",
      "const stepsPerEpoch = Math.ceil(trainSamples / batchSize);",
      "return { trainSamples, validationSamples: samples - trainSamples, stepsPerEpoch, totalSteps: stepsPerEpoch * epochs, lastBatchSize: trainSamples - (stepsPerEpoch - 1) * batchSize };",
    ].join("\n"),
  },
  {
    name: "last-batch-remainder", notebook: "04-training.ipynb", exercise: "ex04-training-steps",
    body: [
      "const trainSamples = Math.floor(samples * (1 - validationSplit));",
      "const stepsPerEpoch = Math.ceil(trainSamples / batchSize);",
      "return { trainSamples, validationSamples: samples - trainSamples, stepsPerEpoch, totalSteps: stepsPerEpoch * epochs, lastBatchSize: trainSamples % batchSize };",
    ].join("\n"),
  },
  {
    name: "untrained-model", notebook: "04-training.ipynb", exercise: "ex04-train-classifier",
    body: [
      "const init = new SeededInit(7);",
      "const model = tf.sequential();",
      "model.add(tf.layers.dense({ inputShape: [xTrain.shape[1]], units: 32, activation: \"relu\", ...init.dense() }));",
      "model.add(tf.layers.dense({ units: 1, activation: \"sigmoid\", ...init.dense() }));",
      "model.compile({ optimizer: tf.train.adam(0.003), loss: \"binaryCrossentropy\" });",
      "return model;",
    ].join("\n"),
  },
];

describe("hidden tests against plausible wrong answers (notebooks 04 and 09)", () => {
  let report: GradeReport;
  beforeAll(async () => {
    const started = Date.now();
    report = await gradeWrongAnswers(WRONG_ANSWERS);
    console.log(`graded ${WRONG_ANSWERS.length + 1} learners in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 900_000);

  it("gives the solution full marks on every exercise a wrong answer targets", () => {
    for (const wrong of WRONG_ANSWERS) {
      const score = exerciseScore(report, "solution", wrong.exercise);
      expect(score.failed, wrong.exercise).toEqual([]);
    }
  });

  it.each(WRONG_ANSWERS.map((wrong) => [wrong.name, wrong] as const))("fails %s on at least one test", (_name, wrong) => {
    const score = exerciseScore(report, wrong.name, wrong.exercise);
    expect(score.points).toBeLessThan(score.max);
    console.log(`${wrong.name}: ${score.points}/${score.max}, fails ${score.failed.join("; ")}`);
  });
});
