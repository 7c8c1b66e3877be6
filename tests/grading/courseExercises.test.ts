// Issue 6's acceptance for the course's own exercises: graded by the real machinery, the
// instructor notebooks score full marks on every exercise and the release scores zero on every
// test, each failing on its stub. Issue 14's: every test also fails on stubs that return a plausible
// constant (0, [], {}, "", the first argument, a fixed tensor), so no test passes for free.
// Grading spawns judges and sandboxes from tools/dist: build first.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport, StudentGrade } from "../../tools/src/grading/grade/gradeReport.js";
import { gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import { listExercises } from "../../tools/src/grading/notebook/findExerciseCell.js";
import { cellSource, type Notebook, readNotebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { exerciseIdOf } from "../../tools/src/grading/notebook/findExerciseCell.js";
import { stripSolutions } from "../../tools/src/grading/release/stripSolutions.js";
import { releaseCourse } from "../../tools/src/grading/release/releaseCourse.js";
import { defaultNotebooksDir, defaultTestsDir } from "../../tools/src/grading/repoPaths.js";
import { scratchDir } from "./helpers/fixtureCourse.js";

/** What a lazy learner's solution block returns; `tf` only where the cell imports it. */
const STUBS: Record<string, (source: string) => string> = {
  "stub-zero": () => "0",
  "stub-empty-array": () => "[]",
  "stub-empty-object": () => "{}",
  "stub-empty-string": () => '""',
  "stub-first-argument": () => "arguments[0]",
  "stub-tensor": (source) => (/import \{[^}]*\btf\b[^}]*\} from "@tsdl\/lib"/.test(source) ? "tf.zeros([2, 2])" : "0"),
};

/** The instructor notebook with every solution block replaced by `return <stub>`. */
function stubbed(notebook: Notebook, name: string, stub: (source: string) => string): Notebook {
  const copy = structuredClone(notebook);
  for (const cell of copy.cells) {
    if (cell.cell_type !== "code" || exerciseIdOf(cell) === undefined) continue;
    const source = cellSource(cell);
    cell.source = stripSolutions(source, exerciseIdOf(cell)!, `${name} ${cell.id}`, () => `return (${stub(source)}) as any;`);
  }
  return copy;
}

const NOTEBOOKS = readdirSync(defaultNotebooksDir)
  .filter((name) => name.endsWith(".ipynb"))
  .map((name) => name.replace(/\.ipynb$/, ""))
  .sort();

describe("grading the exercises of every course notebook", () => {
  const exercises = new Map<string, string[]>();
  let report: GradeReport;
  const student = (name: string): StudentGrade => report.students.find((s) => s.student === name)!;
  const gradeOf = (name: string, notebook: string, id: string) =>
    student(name).exercises.find((e) => e.key === `${notebook}/${id}`);

  beforeAll(async () => {
    const course = scratchDir("course");
    const submissions = scratchDir("submissions");
    mkdirSync(path.join(submissions, "instructor"));
    for (const notebook of NOTEBOOKS) {
      const file = `${notebook}.ipynb`;
      copyFileSync(path.join(defaultNotebooksDir, file), path.join(course, file));
      copyFileSync(path.join(defaultNotebooksDir, file), path.join(submissions, "instructor", file));
      const original = readNotebook(path.join(course, file));
      exercises.set(notebook, listExercises(original));
      for (const [stub, expression] of Object.entries(STUBS)) {
        mkdirSync(path.join(submissions, stub), { recursive: true });
        writeFileSync(path.join(submissions, stub, file), JSON.stringify(stubbed(original, file, expression)));
      }
    }
    releaseCourse({ notebooksDir: course, testsDir: defaultTestsDir, outDir: path.join(submissions, "release") });
    const started = Date.now();
    report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: course, testsDir: defaultTestsDir, jobs: 2, onProgress: (line) => console.log(line),
    });
    console.log(`graded the instructor notebooks and the release in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 900_000);

  it("finds at least three exercises in every notebook", () => {
    for (const notebook of NOTEBOOKS) expect(exercises.get(notebook)!.length, notebook).toBeGreaterThanOrEqual(3);
  });

  it("has public checks and hidden tests with points for every exercise", () => {
    for (const [notebook, ids] of exercises) {
      for (const id of ids) {
        const grade = gradeOf("instructor", notebook, id);
        expect(grade, `${notebook}/${id} has no graded tests`).toBeDefined();
        const visibilities = new Set(grade!.tests.map((test) => test.visibility));
        expect([...visibilities].sort(), `${notebook}/${id}`).toEqual(["hidden", "public"]);
        expect(grade!.max, `${notebook}/${id}`).toBeGreaterThan(0);
      }
    }
  });

  it("gives the instructor notebooks full marks on every exercise", () => {
    for (const [notebook, ids] of exercises) {
      for (const id of ids) {
        const grade = gradeOf("instructor", notebook, id)!;
        const failed = grade.tests.filter((test) => !test.passed).map((test) => `${test.name}: ${test.message}`);
        expect(failed, `${notebook}/${id}`).toEqual([]);
        expect(grade.points, `${notebook}/${id}`).toBe(grade.max);
      }
    }
    const ids = [...exercises.values()].flat();
    expect(report.instructorCheck.failures.filter((failure) => ids.some((id) => failure.startsWith(`${id}: `)))).toEqual([]);
  });

  it("gives the release zero points, every test failing on its exercise's stub", () => {
    for (const [notebook, ids] of exercises) {
      for (const id of ids) {
        const grade = gradeOf("release", notebook, id)!;
        expect(grade.points, `${notebook}/${id}`).toBe(0);
        for (const test of grade.tests) {
          expect(test.passed, test.name).toBe(false);
          // The stub's message, "Exercise <id> (<function>): not implemented yet", may be cut short in a matcher's message.
          expect(test.message, test.name).toContain(`Exercise ${id} (`);
        }
      }
    }
  });

  it("fails every test on every stub that returns a plausible constant", () => {
    const passedOnStub: string[] = [];
    for (const stub of Object.keys(STUBS)) {
      for (const grade of student(stub).exercises) {
        for (const test of grade.tests) if (test.passed) passedOnStub.push(`${stub}: ${grade.key}: ${test.name}`);
      }
    }
    expect(passedOnStub).toEqual([]);
  });
});
