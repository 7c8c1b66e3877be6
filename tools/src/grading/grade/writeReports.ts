import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type GradeReport, roundPoints, type StudentGrade } from "./gradeReport.js";

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function gradesCsv(report: GradeReport): string {
  const rows = [["student", "exercise", "points", "max"].join(",")];
  for (const student of report.students) {
    for (const exercise of student.exercises) {
      rows.push([student.student, exercise.key, roundPoints(exercise.points), roundPoints(exercise.max)].map(csvField).join(","));
    }
  }
  return `${rows.join("\n")}\n`;
}

function displayName(name: string, exercise: string): string {
  return name.replace(`${exercise}: `, "").replace(/ \[[\d.]+ pts?\]$/, "");
}

function plural(points: number): string {
  return `${roundPoints(points)} ${points === 1 ? "point" : "points"}`;
}

function quote(text: string): string {
  return text.split("\n").slice(0, 8).map((line) => `    ${line}`).join("\n");
}

/** Markdown feedback: public checks in full, hidden tests only as a score. */
export function feedbackMarkdown(student: StudentGrade): string {
  const lines = [`# Feedback for ${student.student}`, "", `**Total: ${roundPoints(student.points)} / ${plural(student.max)}**`, ""];
  if (student.error) lines.push(`Grading could not finish: ${student.error}`, "");
  for (const exercise of student.exercises) {
    lines.push(`## ${exercise.notebook} · ${exercise.exercise}: ${roundPoints(exercise.points)} / ${plural(exercise.max)}`, "");
    if (exercise.problems.length > 0) {
      lines.push("Problems:", "", ...exercise.problems.map((problem) => `- ${problem}`), "");
    }
    const publicTests = exercise.tests.filter((test) => test.visibility === "public");
    if (publicTests.length > 0) {
      lines.push("Public checks:", "");
      for (const test of publicTests) {
        lines.push(`- ${test.passed ? "✅" : "❌"} ${displayName(test.name, exercise.exercise)} (${plural(test.points)})`);
        if (!test.passed && test.message) lines.push("", quote(test.message), "");
      }
      if (lines.at(-1) !== "") lines.push("");
    }
    const hidden = exercise.tests.filter((test) => test.visibility === "hidden");
    if (hidden.length > 0) {
      const earned = hidden.filter((test) => test.passed).reduce((sum, test) => sum + test.points, 0);
      const max = hidden.reduce((sum, test) => sum + test.points, 0);
      lines.push(`Hidden tests: ${roundPoints(earned)} / ${plural(max)}`, "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

export function feedbackFileName(student: string): string {
  return `${student.replace(/[^\w.-]/g, "_")}.md`;
}

/** Writes grades.csv, report.json and feedback/<student>.md into `outDir`. */
export function writeReports(report: GradeReport, outDir: string): void {
  mkdirSync(path.join(outDir, "feedback"), { recursive: true });
  writeFileSync(path.join(outDir, "grades.csv"), gradesCsv(report));
  writeFileSync(path.join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  for (const student of report.students) {
    writeFileSync(path.join(outDir, "feedback", feedbackFileName(student.student)), feedbackMarkdown(student));
  }
}
