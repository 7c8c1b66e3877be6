/**
 * Judge child process: keeps one warm vitest instance and judges one learner per request from
 * the grader (over the IPC channel). Learner code never runs here, only in sandboxes.
 */
import type { GradingSettings } from "../testing/gradingMeta.js";
import { Judge } from "./runJudge.js";

export interface JudgeStart {
  testFiles: string[];
  timeoutMs: number;
}

export type JudgeCommand = { type: "judge"; student: string; settings: GradingSettings };

const start = JSON.parse(process.argv[2] ?? "null") as JudgeStart | null;
if (!start || !process.send) {
  console.error("judgeMain.js is started by the grader with an IPC channel and a JSON start message");
  process.exit(2);
}
const judge = await Judge.create(start.testFiles, { verbose: false, timeoutMs: start.timeoutMs });
process.on("message", async (command: JudgeCommand) => {
  try {
    const result = await judge.judge(command.settings);
    process.send!({ type: "result", student: command.student, result });
  } catch (error) {
    process.send!({ type: "error", student: command.student, message: (error as Error).stack ?? String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ type: "ready" });
