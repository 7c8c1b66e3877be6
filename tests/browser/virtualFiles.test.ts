import { describe, expect, it } from "vitest";
import * as fs from "../../browser/src/shims/virtualFiles.js";
import { jupyterOnlyModule } from "../../browser/src/shims/jupyterOnly.js";
import { setRuntimeLanguage } from "../../browser/src/worker/runtimeWords.js";

describe("the page's in-memory files", () => {
  it("serves a data set the runtime added, as bytes or text", () => {
    fs.addVirtualFile("/tsdl/data/tiny.csv", new TextEncoder().encode("a,b\n1,2\n"));
    expect(fs.existsSync("/tsdl/data")).toBe(true);
    expect(fs.readFileSync("/tsdl/data/./tiny.csv", "utf8")).toBe("a,b\n1,2\n");
    expect(Array.from(fs.readFileSync("/tsdl/data/tiny.csv") as Uint8Array).slice(0, 3)).toEqual([97, 44, 98]);
  });

  it("keeps what a cell writes: a model saved to a temporary folder is listed and read back", async () => {
    const folder = fs.mkdtempSync("/tmp/model-");
    fs.writeFileSync(`${folder}/model.json`, '{"a":1}');
    await fs.promises.writeFile(`${folder}/weights.bin`, new Uint8Array([1, 2, 3]));
    expect(fs.readdirSync(folder)).toEqual(["model.json", "weights.bin"]);
    expect(JSON.parse(fs.readFileSync(`${folder}/model.json`, "utf8") as string)).toEqual({ a: 1 });
    expect(Array.from((await fs.promises.readFile(`${folder}/weights.bin`)) as Uint8Array)).toEqual([1, 2, 3]);
  });

  it("says what is missing, with Node's code, and refuses writes into a missing folder", () => {
    expect(() => fs.readFileSync("/nowhere/file.txt")).toThrow(/ENOENT: no such file or directory, open '\/nowhere\/file.txt'/);
    expect(() => fs.writeFileSync("/nowhere/file.txt", "x")).toThrow(/ENOENT/);
    expect(() => fs.readFileSync(42)).toThrow("fs.readFileSync: path must be a string or URL, got number");
  });

  it("answers every call of a Node-only module with where it runs", () => {
    const childProcess = jupyterOnlyModule("node:child_process") as { spawn: () => void };
    expect(() => childProcess.spawn()).toThrow("node:child_process's spawn() runs in Jupyter only");
  });

  it("speaks the page's edition once the page has said which", () => {
    setRuntimeLanguage("zh");
    try {
      const childProcess = jupyterOnlyModule("node:child_process") as { spawn: () => void };
      expect(() => childProcess.spawn()).toThrow("node:child_process's spawn() 只能在 Jupyter 中运行：网页没有自己的文件和进程");
      expect(() => fs.readFileSync("/nowhere/file.txt")).toThrow("ENOENT：没有这个文件或文件夹，open '/nowhere/file.txt'（在页面的内存中");
    } finally {
      setRuntimeLanguage("en");
    }
    expect(() => fs.readFileSync("/nowhere/file.txt")).toThrow("ENOENT: no such file or directory, open '/nowhere/file.txt' (in the page's memory");
  });
});
