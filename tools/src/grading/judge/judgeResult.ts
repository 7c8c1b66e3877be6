import path from "node:path";

export type Visibility = "public" | "hidden";

export interface JudgedTest {
  file: string;
  visibility: Visibility;
  notebook: string;
  exercise: string;
  name: string;
  points: number;
  passed: boolean;
  /** The failure message; only ever shown to learners for public tests. */
  message?: string;
}

export interface JudgeResult {
  tests: JudgedTest[];
  /** Test files that failed as a whole (an instructor-side problem, or the judge broke). */
  fileErrors: { file: string; message: string }[];
}

/** Public checks are the test files named `*.public.test.ts` (or `.public.spec.ts`); the rest are hidden. */
export function visibilityOf(file: string): Visibility {
  return /\.public\.(test|spec)\.[cm]?[jt]s$/.test(path.basename(file)) ? "public" : "hidden";
}
