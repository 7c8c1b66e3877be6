// Issue 16: the grader's own messages about a submission (time-outs, crashes, errors at import) reach
// the learner's feedback, so they speak the submission's language like the rest of it. Grading spawns
// judges from tools/dist: build first.
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../tools/src/grading/grade/gradeReport.js";
import { gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import { feedbackMarkdown } from "../../tools/src/grading/grade/writeReports.js";
import type { Notebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { cellById, fixtureNotebooks, fixtureTests, SAMPLE, sampleNotebook, scratchDir, withCellSource, writeSubmission } from "./helpers/fixtureCourse.js";

/** The sample notebook with three exercises broken: one loops forever, one exits, one throws at import. */
function brokenNotebook(language: "en" | "zh"): Notebook {
  let notebook = sampleNotebook();
  notebook = withCellSource(notebook, "iqr-outlier-mask", "export function iqrOutlierMask(xs: number[]): boolean[] {\n  for (;;) { xs = [...xs]; }\n}");
  notebook = withCellSource(notebook, "numerical-gradient", "export function numericalGradient(): number[] {\n  process.exit(3);\n}");
  notebook = withCellSource(notebook, "stable-softmax", 'throw new Error("boom at import");\nexport function softmax(): number[] { return []; }');
  // What `npm run zh` writes into a Chinese notebook, and what the grader reads the language from.
  return language === "zh" ? { ...notebook, metadata: { ...notebook.metadata, language: "zh" } } : notebook;
}

describe("the grader's messages follow the submission's language", () => {
  let report: GradeReport;
  const problems = (learner: string, exercise: string) =>
    report.students.find((s) => s.student === learner)!.exercises.find((e) => e.exercise === exercise)!.problems.join("\n");

  beforeAll(async () => {
    const submissions = scratchDir("message-language");
    writeSubmission(submissions, "chinese", { [SAMPLE]: brokenNotebook("zh") });
    writeSubmission(submissions, "english", { [SAMPLE]: brokenNotebook("en") });
    // A Chinese learner may import the Chinese edition's lib in an exercise cell too.
    const sample = sampleNotebook();
    const scaler = (cellById(sample, "min-max-scaler").source as string[]).join("");
    writeSubmission(submissions, "chinese-lib", { [SAMPLE]: withCellSource(sample, "min-max-scaler", `import "@tsdl/lib/zh";\n${scaler}`) });
    report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: fixtureNotebooks, testsDir: fixtureTests, timeoutMs: 4_000, memoryMb: 256, jobs: 2 });
  }, 600_000);

  it("tells a Chinese learner in Chinese that a call timed out, the process exited and the cell threw", () => {
    expect(problems("chinese", "iqr-outlier-mask")).toContain('练习 "iqr-outlier-mask"（00-sample.ipynb）：没有在 4000 毫秒内完成（是死循环吗？）');
    expect(problems("chinese", "iqr-outlier-mask")).toContain("超时或崩溃 2 次后，不再运行这道练习");
    expect(problems("chinese", "numerical-gradient")).toContain("进程以退出码 3 结束（练习代码不得调用 process.exit）");
    expect(problems("chinese", "stable-softmax")).toContain('练习 "stable-softmax"（00-sample.ipynb）载入时抛出了错误：Error: boom at import');
    const feedback = feedbackMarkdown(report.students.find((s) => s.student === "chinese")!);
    expect(feedback).toContain("没有在 4000 毫秒内完成");
    expect(feedback).not.toMatch(/did not finish|exit code|threw while loading/);
  });

  it("grades an exercise cell that imports @tsdl/lib/zh like any other", () => {
    const grade = report.students.find((s) => s.student === "chinese-lib")!;
    expect(grade.exercises.find((e) => e.exercise === "min-max-scaler")).toMatchObject({ points: 4, problems: [] });
  });

  it("tells an English learner the same in English", () => {
    expect(problems("english", "iqr-outlier-mask")).toContain('Exercise "iqr-outlier-mask" (00-sample.ipynb): did not finish within 4000 ms (an endless loop?)');
    expect(problems("english", "numerical-gradient")).toContain("the process ended with exit code 3 (exercise code must not call process.exit)");
    expect(problems("english", "stable-softmax")).toContain('Exercise "stable-softmax" (00-sample.ipynb) threw while loading: Error: boom at import');
    expect(feedbackMarkdown(report.students.find((s) => s.student === "english")!)).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
