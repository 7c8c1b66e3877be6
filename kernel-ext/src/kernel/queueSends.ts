export interface SendingSocket {
  send(message: never): Promise<void>;
}

/**
 * A view of a ZeroMQ socket whose sends wait for the previous one. zeromq 6 rejects a send while
 * another is still being written ("Socket is busy writing"), and tslab sends without waiting (its
 * status messages race a large output), which crashed the kernel. zeromq's sockets are not
 * extensible and `send` is read-only, so the queue wraps the socket instead of patching it.
 */
export function queueSends<Socket extends object & SendingSocket>(socket: Socket): Socket {
  const send = socket.send.bind(socket) as (message: unknown) => Promise<void>;
  let tail: Promise<void> = Promise.resolve();
  const queuedSend = (message: unknown): Promise<void> => {
    const sent = tail.then(() => send(message));
    tail = sent.catch((error: unknown) => {
      process.stderr.write(`tsdl kernel: a ZeroMQ send failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    return sent;
  };
  // Native methods and option accessors need the socket itself as `this`, not the proxy.
  return new Proxy(socket, {
    get(target, property) {
      if (property === "send") return queuedSend;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set: (target, property, value) => Reflect.set(target, property, value, target),
  });
}
