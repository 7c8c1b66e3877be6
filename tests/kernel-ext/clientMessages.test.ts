import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, newMessage } from "../../kernel-ext/src/client/jupyterMessage.js";
import { OutputCollector } from "../../kernel-ext/src/client/nbformatOutputs.js";
import type { NotebookOutput } from "../../kernel-ext/src/client/notebook.js";

describe("Jupyter wire messages", () => {
  it("signs header, parent, metadata and content with HMAC-SHA256 as jupyter_client does", () => {
    const message = newMessage("session-1", "execute_request", { code: "1 + 1" });
    const frames = encodeMessage("secret", message);
    expect(frames[0]).toBe("<IDS|MSG>");
    // jupyter_client's Session.sign: hmac.new(key, digestmod=sha256) updated with each part in order.
    const python = spawnSync(
      "/usr/bin/python3",
      ["-c", "import hmac, hashlib, sys, json; h = hmac.new(b'secret', digestmod=hashlib.sha256)\nfor p in json.load(sys.stdin): h.update(p.encode())\nprint(h.hexdigest())"],
      { input: JSON.stringify(frames.slice(2)), encoding: "utf8" },
    );
    expect(frames[1]).toBe(python.stdout.trim());
    const decoded = decodeMessage("secret", [Buffer.from("routing-id"), ...frames.map((f) => Buffer.from(f))]);
    expect(decoded.content).toEqual({ code: "1 + 1" });
    expect(decoded.header.msg_type).toBe("execute_request");
  });

  it("rejects a message whose signature does not match", () => {
    const frames = encodeMessage("secret", newMessage("s", "status", {})).map((f) => Buffer.from(f));
    expect(() => decodeMessage("other key", frames)).toThrow(/wrong HMAC signature/);
  });
});

describe("nbformat outputs from iopub messages", () => {
  const msg = (type: string, content: Record<string, unknown>) => ({ ...newMessage("s", type, content) });

  it("joins stream text, applies display updates across cells and clear_output", () => {
    const collector = new OutputCollector();
    const first: NotebookOutput[] = [];
    collector.add(first, msg("stream", { name: "stdout", text: "a" }));
    collector.add(first, msg("stream", { name: "stdout", text: "b\n" }));
    collector.add(first, msg("display_data", { data: { "text/plain": "1" }, metadata: {}, transient: { display_id: "d" } }));
    const second: NotebookOutput[] = [];
    collector.add(second, msg("update_display_data", { data: { "text/plain": "2" }, metadata: {}, transient: { display_id: "d" } }));
    expect(first).toEqual([
      { output_type: "stream", name: "stdout", text: "ab\n" },
      { output_type: "display_data", data: { "text/plain": "2" }, metadata: {} },
    ]);
    expect(second).toEqual([]);
    collector.add(first, msg("clear_output", { wait: true }));
    expect(first).toHaveLength(2);
    collector.add(first, msg("error", { ename: "E", evalue: "v", traceback: ["E: v"] }));
    expect(first).toEqual([{ output_type: "error", ename: "E", evalue: "v", traceback: ["E: v"] }]);
  });
});
