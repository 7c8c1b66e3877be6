import path from "node:path";
import { createVitest, type Reporter, type TestModule, type TestSequencer, type TestSpecification, type Vitest } from "vitest/node";
import { repoRoot } from "../repoPaths.js";
import type { GradingSettings } from "../testing/gradingMeta.js";
import { type JudgedTest, type JudgeResult, visibilityOf } from "./judgeResult.js";

function firstLines(text: string, count: number): string {
  return text.split("\n").slice(0, count).join("\n");
}

function collect(modules: ReadonlyArray<TestModule>): JudgeResult {
  const result: JudgeResult = { tests: [], fileErrors: [] };
  for (const module of modules) {
    const file = path.relative(repoRoot, module.moduleId);
    const errors = module.errors();
    if (errors.length > 0) result.fileErrors.push({ file, message: firstLines(errors.map((e) => e.message).join("\n"), 20) });
    for (const test of module.children.allTests()) {
      const grading = test.meta().grading;
      if (!grading) continue;
      const outcome = test.result();
      const message = outcome.state === "failed"
        ? firstLines(outcome.errors.map((e) => `${e.name ?? "Error"}: ${e.message}`).join("\n"), 20)
        : outcome.state === "passed" ? undefined : `not run (${outcome.state})`;
      const judged: JudgedTest = {
        file, visibility: visibilityOf(file), notebook: grading.notebook, exercise: grading.exercise,
        name: test.name, points: grading.points, passed: outcome.state === "passed",
      };
      if (message !== undefined) judged.message = message;
      result.tests.push(judged);
    }
  }
  return result;
}

/**
 * Test files run in path order, every run: vitest's default order follows the previous run's
 * durations, and the order decides which exercise meets a sandbox restarted by another's crash.
 */
class PathOrderSequencer implements TestSequencer {
  shard(files: TestSpecification[]): TestSpecification[] {
    return files;
  }

  sort(files: TestSpecification[]): TestSpecification[] {
    return [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}

/**
 * A vitest instance kept warm across runs: each run judges one folder of notebooks in a fresh
 * test worker (and so a fresh sandbox), without paying vitest's start-up cost again.
 */
export class Judge {
  private result: JudgeResult = { tests: [], fileErrors: [] };

  private constructor(private readonly vitest: Vitest) {}

  static async create(testFiles: string[], options: { verbose: boolean; timeoutMs: number }): Promise<Judge> {
    let judge: Judge | undefined;
    const collector: Reporter = {
      onTestRunEnd(modules) {
        if (judge) judge.result = collect(modules);
      },
    };
    const vitest = await createVitest(
      "test",
      {
        config: false,
        root: repoRoot,
        include: testFiles.map((file) => path.relative(repoRoot, path.resolve(file))),
        watch: false,
        reporters: options.verbose ? ["default", collector] : [collector],
        silent: !options.verbose,
        // One worker shared by the test files, so one sandbox serves all of a learner's notebooks.
        pool: "threads",
        maxWorkers: 1,
        isolate: false,
        fileParallelism: false,
        sequence: { sequencer: PathOrderSequencer },
        testTimeout: 10 * options.timeoutMs + 120_000,
        hookTimeout: 120_000,
        passWithNoTests: true,
        // No results cache under node_modules, which sandboxes may read.
        cache: false,
      },
      {
        resolve: {
          alias: {
            // Before "@tsdl/lib", which would also match "@tsdl/lib/zh" as a folder below it.
            "@tsdl/lib/zh": path.join(repoRoot, "lib/src/zh.ts"),
            "@tsdl/lib": path.join(repoRoot, "lib/src/index.ts"),
            "@tsdl/kernel-ext": path.join(repoRoot, "kernel-ext/src/index.ts"),
          },
        },
      },
    );
    // Initialises the reporters without running anything; each judge() call is one run.
    await vitest.standalone();
    judge = new Judge(vitest);
    return judge;
  }

  async judge(settings: GradingSettings): Promise<JudgeResult> {
    this.result = { tests: [], fileErrors: [] };
    this.vitest.provide("tsdlGrading", { ...settings, notebooksDir: path.resolve(settings.notebooksDir) });
    const specifications = await this.vitest.globTestSpecifications();
    await this.vitest.runTestSpecifications(specifications, true);
    return this.result;
  }

  async close(): Promise<void> {
    await this.vitest.close();
  }
}
