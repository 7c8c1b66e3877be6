// Grades course notebooks whose solutions were replaced by plausible wrong answers, with the real
// grader, so a test can show that the hidden tests catch the mistakes a learner is likely to make.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GradeReport } from "../../../tools/src/grading/grade/gradeReport.js";
import { gradeSubmissions } from "../../../tools/src/grading/grade/gradeSubmissions.js";
import { exerciseIdOf } from "../../../tools/src/grading/notebook/findExerciseCell.js";
import { cellSource, type Notebook, readNotebook } from "../../../tools/src/grading/notebook/readNotebook.js";
import { stripSolutions } from "../../../tools/src/grading/release/stripSolutions.js";
import { defaultNotebooksDir, defaultTestsDir } from "../../../tools/src/grading/repoPaths.js";
import { scratchDir } from "../helpers/fixtureCourse.js";

/** A wrong answer: the body that replaces the solution block of one exercise, handed in by the learner `name`. */
export interface WrongAnswer {
  name: string;
  notebook: string;
  exercise: string;
  body: string;
}

function withBody(notebook: Notebook, exercise: string, body: string): Notebook {
  const copy = structuredClone(notebook);
  const cell = copy.cells.find((c) => c.cell_type === "code" && exerciseIdOf(c) === exercise);
  if (!cell) throw new Error(`no exercise cell ${exercise}`);
  cell.source = stripSolutions(cellSource(cell), exercise, exercise, () => body);
  return copy;
}

/** Grades the instructor notebooks (learner "solution") and one learner per wrong answer name, on the notebooks' hidden tests. */
export async function gradeWrongAnswers(wrongAnswers: WrongAnswer[]): Promise<GradeReport> {
  const notebooks = [...new Set(wrongAnswers.map((w) => w.notebook))];
  const submissions = scratchDir("wrong-answers");
  const write = (learner: string, file: string, notebook: Notebook) => {
    mkdirSync(path.join(submissions, learner), { recursive: true });
    writeFileSync(path.join(submissions, learner, file), JSON.stringify(notebook));
  };
  for (const file of notebooks) write("solution", file, readNotebook(path.join(defaultNotebooksDir, file)));
  // Wrong answers sharing a name are handed in together: the notebook's other exercises (some train a model) run once for all of them.
  const learners = new Set(wrongAnswers.map((w) => JSON.stringify([w.name, w.notebook])));
  for (const [name, file] of [...learners].map((key) => JSON.parse(key) as [string, string])) {
    const mine = wrongAnswers.filter((w) => w.name === name && w.notebook === file);
    write(name, file, mine.reduce((notebook, wrong) => withBody(notebook, wrong.exercise, wrong.body), readNotebook(path.join(defaultNotebooksDir, file))));
  }
  return gradeSubmissions({
    submissionsDir: submissions,
    testFiles: notebooks.map((file) => path.join(defaultTestsDir, file.replace(/\.ipynb$/, ".test.ts"))),
    jobs: 2,
  });
}

/** Points and maximum of one exercise for one learner. */
export function exerciseScore(report: GradeReport, learner: string, exercise: string): { points: number; max: number; failed: string[] } {
  const grade = report.students.find((s) => s.student === learner)?.exercises.find((e) => e.exercise === exercise);
  if (!grade) throw new Error(`no grade for ${learner} on ${exercise}`);
  return { points: grade.points, max: grade.max, failed: grade.tests.filter((t) => !t.passed).map((t) => t.name) };
}
