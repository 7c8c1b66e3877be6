// Issue 16's acceptance for grading: a Chinese submission is graded by the same tests as an English
// one, the instructor's Chinese notebook scores full marks, the Chinese release scores zero, and the
// feedback speaks the submission's language. Grading spawns judges from tools/dist: build first.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseNotebook } from "@tsdl/kernel-ext/notebook";
import { buildChineseNotebook, notebookText } from "../../tools/src/i18n/chineseEdition.js";
import { parseTranslationFile } from "../../tools/src/i18n/translationFile.js";
import type { GradeReport, StudentGrade } from "../../tools/src/grading/grade/gradeReport.js";
import { findTestFiles, gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import { feedbackMarkdown } from "../../tools/src/grading/grade/writeReports.js";
import { releaseCourse } from "../../tools/src/grading/release/releaseCourse.js";
import { defaultTestsDir } from "../../tools/src/grading/repoPaths.js";
import { fixtureNotebooks, fixtureTests, SAMPLE, scratchDir } from "../grading/helpers/fixtureCourse.js";
import { repoRoot } from "../helpers/runNode.js";

const FULL = 13;

describe("grading the Chinese edition (fixture course)", () => {
  let report: GradeReport;
  let release: string;
  const student = (name: string): StudentGrade => report.students.find((s) => s.student === name)!;

  beforeAll(async () => {
    const course = scratchDir("zh-course");
    copyFileSync(path.join(fixtureNotebooks, SAMPLE), path.join(course, SAMPLE));
    const translationFile = path.join(repoRoot, "tests/i18n/fixtures/grading/00-sample.md");
    const chinese = buildChineseNotebook({
      notebookFile: SAMPLE,
      notebook: parseNotebook(readFileSync(path.join(course, SAMPLE), "utf8"), SAMPLE),
      translationFile,
      blocks: parseTranslationFile(readFileSync(translationFile, "utf8"), translationFile),
    });
    mkdirSync(path.join(course, "zh"));
    writeFileSync(path.join(course, "zh", SAMPLE), notebookText(chinese));
    release = scratchDir("zh-release");
    releaseCourse({ notebooksDir: course, testsDir: fixtureTests, outDir: release });

    const submissions = scratchDir("zh-submissions");
    const submit = (learner: string, file: string) => {
      mkdirSync(path.join(submissions, learner));
      copyFileSync(file, path.join(submissions, learner, SAMPLE));
    };
    submit("zh-instructor", path.join(course, "zh", SAMPLE));
    submit("zh-release", path.join(release, "notebooks", "zh", SAMPLE));
    submit("en-release", path.join(release, "notebooks", SAMPLE));
    report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: course, testsDir: fixtureTests, jobs: 2 });
  }, 600_000);

  it("releases both editions, the Chinese one with Chinese stubs", () => {
    const zh = readFileSync(path.join(release, "notebooks", "zh", SAMPLE), "utf8");
    expect(zh).toContain("练习 stable-softmax（softmax）：尚未实现");
    expect(zh).toContain("## 练习 2：数值稳定的 softmax 函数");
    expect(zh).not.toContain("BEGIN SOLUTION");
    expect(readFileSync(path.join(release, "notebooks", SAMPLE), "utf8")).toContain("Exercise stable-softmax (softmax): not implemented yet");
  });

  it("gives the Chinese instructor notebook full marks and the Chinese release zero", () => {
    expect(report.instructorCheck.points).toBe(FULL);
    expect([student("zh-instructor").points, student("zh-release").points, student("en-release").points]).toEqual([FULL, 0, 0]);
  });

  it("writes the feedback in the language of the submission", () => {
    expect([student("zh-instructor").language, student("zh-release").language, student("en-release").language]).toEqual(["zh", "zh", "en"]);
    const zh = feedbackMarkdown(student("zh-release"));
    expect(zh).toContain("# zh\\-release 的评分反馈");
    expect(zh).toContain(`**总分：0 / ${FULL} 分**`);
    expect(zh).toContain("公开检查：");
    expect(zh).toMatch(/隐藏测试：0 \/ \d+ 分/);
    expect(zh).toContain("Error: 练习 stable-softmax（softmax）：尚未实现");
    expect(zh).not.toMatch(/Total|Public checks|Hidden tests|points?\b/);
    const en = feedbackMarkdown(student("en-release"));
    expect(en).toContain(`**Total: 0 / ${FULL} points**`);
    expect(en).toContain("Public checks:");
  });
});

// The real course's Chinese notebooks (notebooks/zh, built by `npm run zh`), graded by the course's own tests.
const courseNotebooks = path.join(repoRoot, "notebooks");
const courseZh = existsSync(path.join(courseNotebooks, "zh")) ? readdirSync(path.join(courseNotebooks, "zh")).filter((name) => name.endsWith(".ipynb")).sort() : [];

describe.runIf(courseZh.length > 0)("grading the course's Chinese edition", () => {
  let report: GradeReport;
  const student = (name: string): StudentGrade => report.students.find((s) => s.student === name)!;

  beforeAll(async () => {
    const course = scratchDir("zh-real-course");
    mkdirSync(path.join(course, "zh"));
    for (const name of courseZh) {
      copyFileSync(path.join(courseNotebooks, name), path.join(course, name));
      copyFileSync(path.join(courseNotebooks, "zh", name), path.join(course, "zh", name));
    }
    const release = scratchDir("zh-real-release");
    releaseCourse({ notebooksDir: course, testsDir: defaultTestsDir, outDir: release });
    const submissions = scratchDir("zh-real-submissions");
    for (const [learner, dir] of [["zh-instructor", path.join(course, "zh")], ["zh-release", path.join(release, "notebooks", "zh")]] as const) {
      mkdirSync(path.join(submissions, learner));
      for (const name of courseZh) copyFileSync(path.join(dir, name), path.join(submissions, learner, name));
    }
    const started = Date.now();
    const testFiles = findTestFiles(defaultTestsDir).filter((file) => courseZh.some((name) => path.basename(file).startsWith(name.replace(/\.ipynb$/, "."))));
    report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: course, testsDir: defaultTestsDir, testFiles, jobs: 2 });
    console.log(`graded the Chinese instructor notebooks and release (${courseZh.length} notebooks) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 900_000);

  it("gives the Chinese instructor notebooks full marks and the Chinese release zero, with Chinese feedback", () => {
    expect(report.instructorCheck.failures).toEqual([]);
    expect(student("zh-instructor").points).toBe(report.instructorCheck.max);
    expect(student("zh-release").points).toBe(0);
    expect(feedbackMarkdown(student("zh-release"))).toContain(`**总分：0 / ${report.instructorCheck.max} 分**`);
  });
});
