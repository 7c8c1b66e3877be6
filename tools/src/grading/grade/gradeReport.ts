import type { JudgedTest, Visibility } from "../judge/judgeResult.js";
import type { FeedbackLanguage } from "./feedbackMessages.js";

export interface ExerciseGrade {
  /** `<notebook stem>/<exercise id>`, the `exercise` column of grades.csv. */
  key: string;
  notebook: string;
  exercise: string;
  points: number;
  max: number;
  /** Problems safe to show the learner: missing cell, syntax error, time-outs, crashes. */
  problems: string[];
  tests: (JudgedTest & { visibility: Visibility })[];
}

export interface StudentGrade {
  student: string;
  points: number;
  max: number;
  /** The language of the submitted notebooks, and so of the feedback; English when absent. */
  language?: FeedbackLanguage;
  /** Set when the student could not be judged at all. */
  error?: string;
  exercises: ExerciseGrade[];
}

export interface GradeReport {
  instructorCheck: { points: number; max: number; failures: string[] };
  exercises: { key: string; notebook: string; exercise: string; max: number }[];
  students: StudentGrade[];
}

export function roundPoints(value: number): number {
  return Math.round(value * 100) / 100;
}
