import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { JudgeCommand, JudgeStart } from "../judge/judgeMain.js";
import type { JudgeResult } from "../judge/judgeResult.js";
import { gradingDist } from "../repoPaths.js";
import type { GradingSettings } from "../testing/gradingMeta.js";

type JudgeMessage =
  | { type: "ready" }
  | { type: "result"; student: string; result: JudgeResult }
  | { type: "error"; student: string; message: string };

/** `infrastructure`: the judge itself failed (learner code never runs in it), so a retry is fair. */
export type JudgeOutcome = { ok: true; result: JudgeResult } | { ok: false; reason: string; infrastructure: boolean };

/** One judge process; replaced by a fresh one after it times out or dies. */
class JudgeProcess {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private stderr = "";

  constructor(private readonly start: JudgeStart) {}

  private spawn(): Promise<void> {
    const child = fork(path.join(gradingDist, "judge", "judgeMain.js"), [JSON.stringify(this.start)], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-4000);
    });
    this.child = child;
    // A judge that dies between jobs is replaced on the next one; a send to it fails there, not here.
    child.on("error", () => undefined);
    child.once("exit", () => {
      if (this.child === child) this.ready = undefined;
    });
    return new Promise((resolve, reject) => {
      const onMessage = (message: JudgeMessage) => {
        if (message.type !== "ready") return;
        child.off("message", onMessage);
        resolve();
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`the judge process exited (code ${code}) before it was ready: ${this.stderr.trim().split("\n").slice(-5).join(" | ")}`)));
    });
  }

  /** Starts the process ahead of its first job; start-up failures surface on that job. */
  warm(): void {
    this.ready ??= this.spawn();
    this.ready.catch(() => undefined);
  }

  async judge(student: string, settings: GradingSettings, timeoutMs: number): Promise<JudgeOutcome> {
    this.ready ??= this.spawn();
    try {
      await this.ready;
    } catch (error) {
      this.ready = undefined;
      return { ok: false, reason: (error as Error).message, infrastructure: true };
    }
    const child = this.child!;
    return new Promise((resolve) => {
      const finish = (outcome: JudgeOutcome, restart: boolean) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        if (restart) {
          child.kill("SIGKILL");
          this.ready = undefined;
        }
        resolve(outcome);
      };
      const onMessage = (message: JudgeMessage) => {
        if (message.type === "result" && message.student === student) finish({ ok: true, result: message.result }, false);
        if (message.type === "error" && message.student === student) finish({ ok: false, reason: message.message.split("\n")[0], infrastructure: true }, true);
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish({ ok: false, reason: `the judge process died (${signal ?? `exit code ${code}`})`, infrastructure: true }, true);
      const timer = setTimeout(() => finish({ ok: false, reason: `grading took longer than ${timeoutMs / 1000} s`, infrastructure: false }, true), timeoutMs);
      child.on("message", onMessage);
      child.on("exit", onExit);
      const command: JudgeCommand = { type: "judge", student, settings };
      child.send(command);
    });
  }

  /** Resolves once the process has exited, so its CPU time is accounted to the grader. */
  close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(forced);
        resolve();
      });
      if (child.connected) child.disconnect();
      child.kill();
    });
  }
}

/** Runs judge jobs on up to `size` warm judge processes at once. */
export class JudgePool {
  private readonly judges: JudgeProcess[];

  constructor(size: number, start: JudgeStart) {
    this.judges = Array.from({ length: size }, () => new JudgeProcess(start));
    for (const judge of this.judges) judge.warm();
  }

  async run<T>(jobs: T[], work: (job: T, judge: (student: string, settings: GradingSettings, timeoutMs: number) => Promise<JudgeOutcome>) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      this.judges.map(async (judge) => {
        while (next < jobs.length) {
          const job = jobs[next++];
          await work(job, (student, settings, timeoutMs) => judge.judge(student, settings, timeoutMs));
        }
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.judges.map((judge) => judge.close()));
  }
}
