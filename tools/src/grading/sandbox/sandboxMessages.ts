/** The languages a submission (and so everything the grader tells its learner) may be in. */
export type FeedbackLanguage = "en" | "zh";

/** What the grader says when a learner's exercise cannot be run (it reaches their feedback), per language. */
export interface SandboxMessages {
  exercise: (exercise: string, notebook: string) => string;
  didNotStart: (reason: string) => string;
  timedOut: (ms: number) => string;
  /** Why the previous sandbox ended, after a timeout. */
  callDidNotFinish: (ms: number) => string;
  outOfMemory: (limitMb: number, offHeapMb: number | undefined) => string;
  brokeChannel: (problem: string) => string;
  exitCode: (code: number) => string;
  killedBy: (signal: string | null) => string;
  whileStarting: string;
  whileLoadingLib: string;
  whileLoading: string;
  /** An exercise's failure: who, while doing what (may be empty), and why. */
  failed: (label: string, where: string, message: string) => string;
  threw: (label: string, where: string, error: string) => string;
  gaveUp: (message: string, strikes: number) => string;
  lostObject: (label: string, lastFailure: string) => string;
  neverLoaded: (key: string) => string;
}

export const SANDBOX_MESSAGES: Record<FeedbackLanguage, SandboxMessages> = {
  en: {
    exercise: (exercise, notebook) => `Exercise "${exercise}" (${notebook})`,
    didNotStart: (reason) => `the sandbox process did not start: ${reason}`,
    timedOut: (ms) => `did not finish within ${ms} ms (an endless loop?)`,
    callDidNotFinish: (ms) => `a call did not finish within ${ms} ms`,
    outOfMemory: (limitMb, offHeapMb) => `ran out of memory (the limit is ${limitMb} MB${offHeapMb === undefined ? "" : ` + ${offHeapMb} MB for typed arrays and buffers`})`,
    brokeChannel: (problem) => `the exercise code broke the grading channel: it ${problem}`,
    exitCode: (code) => `the process ended with exit code ${code} (exercise code must not call process.exit)`,
    killedBy: (signal) => `the process was killed by ${signal}`,
    whileStarting: "while starting its sandbox",
    whileLoadingLib: "while loading @tsdl/lib",
    whileLoading: "while loading",
    failed: (label, where, message) => `${label}${where ? ` ${where}` : ""}: ${message}`,
    threw: (label, where, error) => `${label} threw${where ? ` ${where}` : ""}: ${error}`,
    gaveUp: (message, strikes) => `${message}; gave up on this exercise after ${strikes} timeouts or crashes`,
    lostObject: (label, lastFailure) => `${label}: this object was created before the exercise sandbox restarted (${lastFailure}), so it no longer exists`,
    neverLoaded: (key) => `exercise ${key} was never loaded`,
  },
  zh: {
    exercise: (exercise, notebook) => `练习 "${exercise}"（${notebook}）`,
    didNotStart: (reason) => `沙箱进程未能启动：${reason}`,
    timedOut: (ms) => `没有在 ${ms} 毫秒内完成（是死循环吗？）`,
    callDidNotFinish: (ms) => `一次调用没有在 ${ms} 毫秒内完成`,
    outOfMemory: (limitMb, offHeapMb) => `内存耗尽（上限为 ${limitMb} MB${offHeapMb === undefined ? "" : `，另有 ${offHeapMb} MB 用于类型化数组和缓冲区`}）`,
    brokeChannel: (problem) => `练习代码破坏了评分通道：它 ${problem}`,
    exitCode: (code) => `进程以退出码 ${code} 结束（练习代码不得调用 process.exit）`,
    killedBy: (signal) => `进程被 ${signal} 信号终止`,
    whileStarting: "启动沙箱时",
    whileLoadingLib: "载入 @tsdl/lib 时",
    whileLoading: "载入时",
    failed: (label, where, message) => `${label}${where}：${message}`,
    threw: (label, where, error) => `${label}${where}抛出了错误：${error}`,
    gaveUp: (message, strikes) => `${message}；超时或崩溃 ${strikes} 次后，不再运行这道练习`,
    lostObject: (label, lastFailure) => `${label}：这个对象是在练习沙箱重启之前创建的（${lastFailure}），因此已不存在`,
    neverLoaded: (key) => `练习 ${key} 从未载入`,
  },
};
