export interface SendingSocket {
  send(message: unknown): Promise<void>;
}

/**
 * Makes a ZeroMQ socket queue its sends. zeromq 6 rejects a send while another is still in
 * progress ("Socket is busy writing"), and tslab sends without waiting (its status messages race
 * the kernel's outputs when a large output is still being written), which crashed the kernel.
 */
export function serializeSends(socket: SendingSocket): void {
  const send = socket.send.bind(socket);
  let tail: Promise<void> = Promise.resolve();
  socket.send = (message: unknown) => {
    const sent = tail.then(() => send(message));
    tail = sent.catch((error: unknown) => {
      process.stderr.write(`tsdl kernel: a ZeroMQ send failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    return sent;
  };
}
