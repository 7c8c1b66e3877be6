import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCellExecutor,
  diagnosticFormat,
  isCompleteCode,
  isTslabInterrupt,
  redirectCompilerPaths,
  requireFallbackForCells,
  sendTslabDisplaysTo,
  tslabVersions,
  type Executor,
} from "../../kernel-ext/src/kernel/tslabAdapter.js";

// The contract between the kernel and tslab's private internals, all used through
// kernel-ext/src/kernel/tslabAdapter.ts. If a tslab update breaks one of these, fix the adapter
// (checked against tslab 1.0.22 with TypeScript 5.0.4).
const logged: unknown[] = [];
const errors: unknown[][] = [];
const compiled: string[] = [];
let declarations: string | undefined;
const redirected = new Set<string>();
let executor: Executor;
let virtualPackage: string;

beforeAll(() => {
  virtualPackage = mkdtempSync(path.join(tmpdir(), "tsdl-contract-"));
  mkdirSync(path.join(virtualPackage, "pkg"));
  writeFileSync(path.join(virtualPackage, "pkg/package.json"), JSON.stringify({ name: "contract-virtual-package", types: "index.d.ts" }));
  writeFileSync(path.join(virtualPackage, "pkg/index.d.ts"), "export declare const answer: 42;\n");
  const virtualRoot = path.join(process.cwd(), "node_modules/contract-virtual-package");
  // Must come before the first converter: it wraps the ts.sys the converters read files through.
  redirectCompilerPaths((requested) => {
    if (!requested.startsWith(virtualRoot)) return requested;
    redirected.add(requested);
    return path.join(virtualPackage, "pkg", path.relative(virtualRoot, requested));
  });
  executor = createCellExecutor(
    process.cwd(),
    { log: (value) => logged.push(value), error: (...args) => errors.push(args) },
    { declarations: (previous) => declarations ?? previous, compiled: (result) => compiled.push(result.output ?? "") },
  );
  requireFallbackForCells((id) => (id === "contract-virtual-package" ? { answer: 42 } : { fallbackFor: id }));
}, 120_000);

afterAll(() => {
  executor?.close();
  rmSync(virtualPackage, { recursive: true, force: true });
});

async function run(code: string) {
  logged.length = 0;
  errors.length = 0;
  compiled.length = 0;
  const ok = await executor.execute(code);
  return { ok, logged: [...logged], errors: [...errors], compiled: [...compiled] };
}

describe("tslab's internals the kernel relies on", () => {
  it("reports its versions", () => {
    expect(tslabVersions.tslab).toMatch(/^\d+\.\d+\.\d+$/);
    expect(tslabVersions.typescript).toMatch(/^5\.\d+\.\d+$/);
  });

  it("the executor hands the last value to log and the compiled JavaScript to the convert hook", async () => {
    const result = await run("const six: number = 6;\nsix * 7");
    expect(result).toMatchObject({ ok: true, logged: [42] });
    expect(result.compiled.join("\n")).toContain("six * 7");
  });

  it("prints each TypeScript diagnostic as console.error(diagnosticFormat, file, line, column, message)", async () => {
    const result = await run('const fine = 1;\nconst wrong: number = "text";');
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([[diagnosticFormat, "", 2, 7, "Type 'string' is not assignable to type 'number'."]]);
  });

  it("passes a thrown error to console.error and compiles against the declarations hook's text", async () => {
    const thrown = await run('throw new RangeError("from the cell");');
    expect(thrown.ok).toBe(false);
    expect(thrown.errors[0]![0]).toBeInstanceOf(RangeError);
    declarations = "declare const injected: number;";
    try {
      expect((await run("const typed: string = injected;")).errors[0]![4]).toBe("Type 'number' is not assignable to type 'string'.");
      expect(executor.complete("injec", 5).candidates).toContain("injected");
    } finally {
      declarations = undefined;
    }
  });

  it("rejects an awaiting cell on interrupt with an error isTslabInterrupt recognises", async () => {
    const pending = run("await new Promise(() => {});");
    setTimeout(() => executor.interrupt(), 200);
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(isTslabInterrupt(result.errors[0]![0] as Error)).toBe(true);
  });

  it("sends tslab.display calls to the sink set with sendTslabDisplaysTo", async () => {
    const sent: unknown[] = [];
    sendTslabDisplaysTo((data, update) => sent.push({ data, update }));
    expect((await run('import * as tslab from "tslab";\ntslab.display.html("<b>hi</b>");')).ok).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ data: { data: { "text/html": "<b>hi</b>" }, metadata: {}, transient: {} } });
    expect((sent[0] as { update?: boolean }).update).toBeFalsy();
  });

  it("type-checks through redirected paths and loads a module Node cannot find through the fallback", async () => {
    const result = await run('import { answer } from "contract-virtual-package";\nconst checked: 42 = answer;\nchecked');
    expect(result.errors).toEqual([]);
    expect(result.logged).toEqual([42]);
    expect([...redirected].some((p) => p.endsWith("index.d.ts"))).toBe(true);
    expect((await run('require("not-installed-anywhere")')).logged).toEqual([{ fallbackFor: "not-installed-anywhere" }]);
  });

  it("tells complete from incomplete code", () => {
    expect(isCompleteCode("function f() {")).toMatchObject({ completed: false });
    expect(isCompleteCode("1 + 1")).toMatchObject({ completed: true });
  });
});
