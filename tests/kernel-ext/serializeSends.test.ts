import { describe, expect, it } from "vitest";
import { serializeSends } from "../../kernel-ext/src/kernel/serializeSends.js";

// Behaves like a zeromq 6 socket: a send while another is in flight fails with EBUSY.
function busySocket() {
  const delivered: unknown[] = [];
  let busy = false;
  return {
    delivered,
    async send(message: unknown): Promise<void> {
      if (busy) throw new Error("Socket is busy writing; only one send operation may be in progress at any time");
      busy = true;
      await new Promise((resolve) => setTimeout(resolve, 2));
      delivered.push(message);
      busy = false;
    },
  };
}

describe("serializeSends", () => {
  it("without it, overlapping sends fail as they crashed the kernel", async () => {
    const socket = busySocket();
    const results = await Promise.allSettled([socket.send(1), socket.send(2)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
  });

  it("queues overlapping sends and delivers them all, in order", async () => {
    const socket = busySocket();
    serializeSends(socket);
    await Promise.all(Array.from({ length: 20 }, (_, i) => socket.send(i)));
    expect(socket.delivered).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("keeps sending after one send fails", async () => {
    const socket = busySocket();
    const original = socket.send.bind(socket);
    let calls = 0;
    socket.send = (message: unknown) => (++calls === 2 ? Promise.reject(new Error("transient")) : original(message));
    serializeSends(socket);
    const results = await Promise.allSettled([socket.send("a"), socket.send("b"), socket.send("c")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(socket.delivered).toEqual(["a", "c"]);
  });
});
