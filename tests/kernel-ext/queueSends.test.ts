import { afterEach, describe, expect, it } from "vitest";
import * as zmq from "zeromq";
import { queueSends } from "../../kernel-ext/src/kernel/queueSends.js";

// A Dealer whose peer does not read yet, with room for one message: the kernel's situation when
// the frontend is slower than the outputs (a large chart followed at once by a status message).
async function congestedPair() {
  const router = new zmq.Router({ receiveHighWaterMark: 1 });
  await router.bind("tcp://127.0.0.1:*");
  const dealer = new zmq.Dealer({ sendHighWaterMark: 1 });
  dealer.connect(router.lastEndpoint!);
  opened.push(router, dealer);
  return { router, dealer };
}

const opened: zmq.Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) if (!socket.closed) socket.close();
});

const message = (i: number) => Buffer.alloc(100_000, i);

describe("queueSends on real zeromq sockets", () => {
  it("without it, a send while another is being written throws EBUSY, as it crashed the kernel", async () => {
    const { dealer } = await congestedPair();
    const sendAll = () => {
      for (let i = 0; i < 50; i++) void dealer.send(message(i)).catch(() => undefined);
    };
    expect(sendAll).toThrow(expect.objectContaining({ code: "EBUSY" }));
  });

  it("delivers 50 overlapping sends, all fulfilled and in order", async () => {
    const { router, dealer } = await congestedPair();
    const queued = queueSends(dealer);
    const sends = Array.from({ length: 50 }, (_, i) => queued.send(message(i)));
    const firstBytes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const [, body] = await router.receive();
      firstBytes.push(body![0]!);
    }
    const settled = await Promise.allSettled(sends);
    expect(settled.every((s) => s.status === "fulfilled")).toBe(true);
    expect(firstBytes).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("leaves the rest of the socket working: options, type and close", async () => {
    const { dealer } = await congestedPair();
    const queued = queueSends(dealer);
    expect(queued.sendHighWaterMark).toBe(1);
    queued.sendTimeout = 250;
    expect(dealer.sendTimeout).toBe(250);
    expect(queued).toBeInstanceOf(zmq.Dealer);
    queued.close();
    expect(dealer.closed).toBe(true);
  });

  it("keeps sending after one send fails", async () => {
    const delivered: string[] = [];
    const socket = {
      send: async (text: string) => {
        if (text === "b") throw new Error("transient");
        delivered.push(text);
      },
    };
    const queued = queueSends(socket);
    const settled = await Promise.allSettled(["a", "b", "c"].map((text) => queued.send(text as never)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(delivered).toEqual(["a", "c"]);
  });
});
