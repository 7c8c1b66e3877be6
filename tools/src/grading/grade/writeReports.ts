import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FEEDBACK_MESSAGES } from "./feedbackMessages.js";
import { type GradeReport, roundPoints, type StudentGrade } from "./gradeReport.js";

/**
 * One CSV cell. Text a spreadsheet would run as a formula (starting with = + - @, tab or CR, per
 * the OWASP CSV-injection guidance) gets a leading apostrophe and quotes.
 */
export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const formula = /^[=+\-@\t\r]/.test(value);
  const text = formula ? `'${value}` : value;
  return formula || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;

/**
 * Learner text as literal Markdown on one line: no markup, no HTML, no line of its own. By hand
 * because it is one rule (CommonMark lets a backslash escape any ASCII punctuation; HTML needs
 * entities), and the Markdown packages in the project render rather than escape.
 */
export function markdownText(text: string, maxLength = 2000): string {
  const flat = text.replace(CONTROL, "").replace(LINE_BREAK, " ");
  const cut = flat.length > maxLength ? `${flat.slice(0, maxLength)}…` : flat;
  return cut.replace(/[!-/:-@[-`{-~]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`));
}

/** Learner text as a fenced code block inside a list item: shown verbatim, never rendered. */
function codeBlock(text: string): string[] {
  const lines = text.replace(CONTROL, "").split(LINE_BREAK).slice(0, 8);
  const longestRun = Math.max(0, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return [`  ${fence}text`, ...lines.map((line) => `  ${line.slice(0, 500)}`), `  ${fence}`];
}

function displayName(name: string, exercise: string): string {
  return name.replace(`${exercise}: `, "").replace(/ \[[\d.]+ pts?\]$/, "");
}

/** Markdown feedback in the submission's language: public checks in full, hidden tests only as a score; learner text escaped. */
export function feedbackMarkdown(student: StudentGrade): string {
  const say = FEEDBACK_MESSAGES[student.language ?? "en"];
  const points = (value: number) => say.points(value, String(roundPoints(value)));
  const lines = [`# ${say.title(markdownText(student.student))}`, "", `**${say.total(String(roundPoints(student.points)), points(student.max))}**`, ""];
  if (student.error) lines.push(say.couldNotFinish(markdownText(student.error)), "");
  for (const exercise of student.exercises) {
    lines.push(`## ${markdownText(exercise.notebook)} · ${markdownText(exercise.exercise)}: ${roundPoints(exercise.points)} / ${points(exercise.max)}`, "");
    if (exercise.problems.length > 0) {
      lines.push(say.problems, "", ...exercise.problems.map((problem) => `- ${markdownText(problem)}`), "");
    }
    const publicTests = exercise.tests.filter((test) => test.visibility === "public");
    if (publicTests.length > 0) {
      lines.push(say.publicChecks, "");
      for (const test of publicTests) {
        lines.push(`- ${test.passed ? "✅" : "❌"} ${markdownText(displayName(test.name, exercise.exercise))} (${points(test.points)})`);
        if (!test.passed && test.message) lines.push("", ...codeBlock(test.message), "");
      }
      if (lines.at(-1) !== "") lines.push("");
    }
    const hidden = exercise.tests.filter((test) => test.visibility === "hidden");
    if (hidden.length > 0) {
      const earned = hidden.filter((test) => test.passed).reduce((sum, test) => sum + test.points, 0);
      const max = hidden.reduce((sum, test) => sum + test.points, 0);
      lines.push(say.hiddenTests(String(roundPoints(earned)), points(max)), "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/**
 * A feedback file name per learner, unique even on case-insensitive file systems: a name the
 * sanitiser leaves alone is kept; one it changes (or one that would still collide) gets a short
 * hash of the learner's real folder name, so the same class always gets the same file names.
 */
export function feedbackFileNames(students: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (student: string, stem: string) => {
    names.set(student, `${stem}.md`);
    taken.add(stem.toLowerCase());
  };
  const sorted = [...students].sort();
  const later: string[] = [];
  for (const student of sorted) {
    const safe = student.replace(/[^\w.-]/g, "_");
    if (safe === student && safe.length <= 100 && !taken.has(safe.toLowerCase())) claim(student, safe);
    else later.push(student);
  }
  for (const student of later) {
    let stem = `${student.replace(/[^\w.-]/g, "_").slice(0, 100)}-${shortHash(student)}`;
    for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${student.replace(/[^\w.-]/g, "_").slice(0, 100)}-${shortHash(student)}-${n}`;
    claim(student, stem);
  }
  return names;
}

/**
 * Writes grades.csv, report.json and feedback/<learner>.md into `outDir`; returns a note for each
 * learner whose feedback file name differs from their folder name.
 */
export function writeReports(report: GradeReport, outDir: string): string[] {
  mkdirSync(path.join(outDir, "feedback"), { recursive: true });
  writeFileSync(path.join(outDir, "grades.csv"), gradesCsv(report));
  writeFileSync(path.join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  const files = feedbackFileNames(report.students.map((student) => student.student));
  const notes: string[] = [];
  for (const student of report.students) {
    const file = files.get(student.student)!;
    writeFileSync(path.join(outDir, "feedback", file), feedbackMarkdown(student));
    if (file !== `${student.student}.md`) notes.push(`note: the feedback of learner ${JSON.stringify(student.student)} is in feedback/${file} (the folder name is not a safe, unique file name)`);
  }
  return notes;
}
