import type { FeedbackLanguage } from "../sandbox/sandboxMessages.js";

/** What a graded test declares about itself; reporters read it from the test's meta. */
export interface GradingMeta {
  notebook: string;
  exercise: string;
  points: number;
}

declare module "@vitest/runner" {
  interface TaskMeta {
    grading?: GradingMeta;
  }
}

/** Per-run settings a judge hands to test workers (through vitest's provide/inject). */
export interface GradingSettings {
  notebooksDir: string;
  eventsFile?: string;
  compileCache?: string;
  /** Where sandbox temp dirs go; the grader deletes it after the batch. */
  sandboxRoot?: string;
  timeoutMs: number;
  memoryMb: number;
  /** The language of the submission, and so of the grader's messages about it; English when absent. */
  language?: FeedbackLanguage;
}

declare module "vitest" {
  interface ProvidedContext {
    tsdlGrading?: GradingSettings;
  }
}

/** Environment variables that set the same things outside a judge (e.g. `npx vitest`). */
export const GRADING_ENV = {
  notebooksDir: "TSDL_NOTEBOOKS_DIR",
  events: "TSDL_GRADING_EVENTS",
  timeoutMs: "TSDL_EXERCISE_TIMEOUT_MS",
  memoryMb: "TSDL_SANDBOX_MEMORY_MB",
  compileCache: "TSDL_GRADING_CACHE",
} as const;

/** A problem with a learner's exercise that is safe to show even for hidden tests. */
export interface GradingEvent {
  notebook: string;
  exercise: string;
  kind: string;
  message: string;
}
