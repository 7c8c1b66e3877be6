import { findNotebookFile, readSubmissionFile } from "../notebook/submissionFiles.js";
import type { FeedbackLanguage } from "../sandbox/sandboxMessages.js";

export type { FeedbackLanguage };

/** Every sentence of the learner's feedback, per language: the feedback speaks the language of the submitted notebooks. */
export const FEEDBACK_MESSAGES = {
  en: {
    title: (learner: string) => `Feedback for ${learner}`,
    total: (points: string, max: string) => `Total: ${points} / ${max}`,
    points: (points: number, text: string) => `${text} ${points === 1 ? "point" : "points"}`,
    couldNotFinish: (reason: string) => `Grading could not finish: ${reason}`,
    problems: "Problems:",
    publicChecks: "Public checks:",
    hiddenTests: (earned: string, max: string) => `Hidden tests: ${earned} / ${max}`,
    notRun: (reason: string) => `not run: ${reason}`,
    noResult: "the test did not report a result",
    notLoaded: (reason: string) => `the exercise could not be loaded: ${reason}`,
    testFileFailed: (file: string) => `test file ${file} failed to run`,
  },
  zh: {
    title: (learner: string) => `${learner} 的评分反馈`,
    total: (points: string, max: string) => `总分：${points} / ${max}`,
    points: (_points: number, text: string) => `${text} 分`,
    couldNotFinish: (reason: string) => `评分未能完成：${reason}`,
    problems: "问题：",
    publicChecks: "公开检查：",
    hiddenTests: (earned: string, max: string) => `隐藏测试：${earned} / ${max}`,
    notRun: (reason: string) => `未运行：${reason}`,
    noResult: "测试没有报告结果",
    notLoaded: (reason: string) => `无法载入这道练习：${reason}`,
    testFileFailed: (file: string) => `测试文件 ${file} 未能运行`,
  },
} satisfies Record<FeedbackLanguage, unknown>;

// The notebook metadata's `"language": "zh"` (written by `npm run zh`). A byte search, not a parse: the
// grader parses learner notebooks only inside its limited compile worker, and a wrong guess costs only the language.
const CHINESE_EDITION = /"language"\s*:\s*"zh"/;

/**
 * The language of a learner's submission: Chinese when most of the course notebooks found in their
 * folder are from the Chinese edition, English otherwise (and when none can be read).
 */
export function submissionLanguage(dir: string, notebooks: string[]): FeedbackLanguage {
  let chinese = 0;
  let english = 0;
  for (const notebook of notebooks) {
    let bytes: Buffer;
    try {
      bytes = readSubmissionFile(dir, findNotebookFile(dir, notebook));
    } catch {
      continue;
    }
    if (CHINESE_EDITION.test(bytes.toString("latin1"))) chinese++;
    else english++;
  }
  return chinese > english ? "zh" : "en";
}
