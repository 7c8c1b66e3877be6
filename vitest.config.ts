import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const COURSE = "tests/handouts/course.test.ts";
const LIVE = "tests/browser/liveHandouts.test.ts";
const LIVE_TRAINING = "tests/browser/liveTraining.test.ts";

const shared = {
  setupFiles: ["tests/setup/backendReady.ts"],
  pool: "forks" as const,
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  resolve: {
    // Unit tests run against the sources; notebook and kernel tests use the built packages.
    // Exact matches: a prefix alias would turn "@tsdl/kernel-ext/client" into ".../index.ts/client".
    alias: [
      { find: /^@tsdl\/lib$/, replacement: here("./lib/src/index.ts") },
      { find: /^@tsdl\/lib\/zh$/, replacement: here("./lib/src/zh.ts") },
      { find: /^@tsdl\/display$/, replacement: here("./display/src/index.ts") },
      { find: /^@tsdl\/kernel-ext$/, replacement: here("./kernel-ext/src/index.ts") },
      { find: /^@tsdl\/kernel-ext\/renderers$/, replacement: here("./kernel-ext/src/renderers/index.ts") },
      { find: /^@tsdl\/kernel-ext\/static-chart$/, replacement: here("./kernel-ext/src/staticChart/index.ts") },
      { find: /^@tsdl\/kernel-ext\/notebook$/, replacement: here("./kernel-ext/src/client/notebook.ts") },
      { find: /^@tsdl\/kernel-ext\/client$/, replacement: here("./kernel-ext/src/client/index.ts") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "units",
          include: ["tests/**/*.test.ts"],
          // The exercise tests run inside the grader (tests/grading/courseExercises.test.ts grades the
          // instructor notebooks and the release with them), not directly.
          exclude: ["tests/exercises/**", "**/node_modules/**", COURSE, LIVE, LIVE_TRAINING],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "course",
          include: [COURSE],
          // Alone on the machine, so the time printed per notebook is the notebook's own.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "live",
          include: [LIVE],
          // After the course test, which leaves the executed notebooks in dist/notebooks.
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "live-training",
          include: [LIVE_TRAINING],
          // Alone on the machine after the other live tests: each notebook's time is asserted.
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
