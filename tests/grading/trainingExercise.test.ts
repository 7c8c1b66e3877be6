// Issue 15's hands-on exercises: a learner's function builds and trains a model in the sandbox, the
// hidden test scores the returned model on held-out rows. Grading spawns judges and sandboxes from
// tools/dist: build first.
import path from "node:path";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../tools/src/grading/grade/gradeReport.js";
import { gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import type { Notebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { releaseNotebook } from "../../tools/src/grading/release/releaseCourse.js";
import { repoRoot } from "../helpers/runNode.js";
import { scratchDir, withCellSource, writeSubmission } from "./helpers/fixtureCourse.js";

const FIXTURE = path.join(repoRoot, "tests/grading/fixtures/training");
const NOTEBOOKS = path.join(FIXTURE, "notebooks");
const TESTS = path.join(FIXTURE, "tests");
const NOTEBOOK = "11-training.ipynb";
// Stands in for the default `--timeout`: training the fixture's model (1,740 Adam steps) takes several seconds, well over it.
const SHORT_TIMEOUT_MS = 1_000;

const UNTRAINED = `import { tf } from "@tsdl/lib";

async function trainClassifier(xTrain: tf.Tensor2D, yTrain: tf.Tensor1D): Promise<tf.LayersModel> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [xTrain.shape[1]], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });
  return model;
}
`;

describe("grading an exercise that trains a model", () => {
  let withBudget: GradeReport;
  let withoutBudget: GradeReport;
  const pointsOf = (report: GradeReport, student: string) => report.students.find((s) => s.student === student)!.points;
  const exerciseOf = (report: GradeReport, student: string) => report.students.find((s) => s.student === student)!.exercises[0]!;

  beforeAll(async () => {
    const notebook = JSON.parse(readFileSync(path.join(NOTEBOOKS, NOTEBOOK), "utf8")) as Notebook;
    const submissions = scratchDir("training-submissions");
    writeSubmission(submissions, "solution", { [NOTEBOOK]: notebook });
    writeSubmission(submissions, "release", { [NOTEBOOK]: releaseNotebook(notebook, NOTEBOOK) });
    writeSubmission(submissions, "untrained", { [NOTEBOOK]: withCellSource(notebook, "train-classifier", UNTRAINED) });
    const started = Date.now();
    withBudget = await gradeSubmissions({
      submissionsDir: submissions, notebooksDir: NOTEBOOKS, testsDir: TESTS, testFiles: [path.join(TESTS, "11-training.spec.ts")], timeoutMs: SHORT_TIMEOUT_MS, jobs: 2,
    });
    console.log(`graded three learners on the training exercise in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    withoutBudget = await gradeSubmissions({
      submissionsDir: submissions, notebooksDir: NOTEBOOKS, testsDir: TESTS, testFiles: [path.join(TESTS, "11-training.default-limit.spec.ts")], timeoutMs: SHORT_TIMEOUT_MS, jobs: 2,
      includeLearner: (learner) => learner === "solution",
    });
  }, 600_000);

  it("passes the solution when the call has its own time limit, and fails it under the default one", () => {
    expect(pointsOf(withBudget, "solution")).toBe(3);
    expect(pointsOf(withoutBudget, "solution")).toBe(0);
    expect(exerciseOf(withoutBudget, "solution").problems.join("\n")).toMatch(new RegExp(`did not finish within ${SHORT_TIMEOUT_MS} ms`));
  });

  it("fails the release stub and a model that was built but never trained", () => {
    expect(pointsOf(withBudget, "release")).toBe(0);
    expect(exerciseOf(withBudget, "release").tests[0]!.message).toMatch(/not implemented/);
    expect(pointsOf(withBudget, "untrained")).toBe(0);
    // It fails on its accuracy, not on a time-out or an unsendable model.
    expect(exerciseOf(withBudget, "untrained").problems).toEqual([]);
    expect(exerciseOf(withBudget, "untrained").tests[0]!.message).toMatch(/expected 0\.\d+ to be greater than or equal to 0\.95/);
  });
});
