import { deserialize, serialize } from "node:v8";
import type { Readable, Writable } from "node:stream";

/** Largest message either side accepts; a bigger one is treated as a broken sandbox. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export function writeFrame(stream: Writable, message: unknown): void {
  const body = serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length);
  stream.write(Buffer.concat([header, body]));
}

/** Reads length-prefixed v8-serialized messages, refusing frames over the size limit. */
export function readFrames(
  stream: Readable,
  onMessage: (message: unknown) => void,
  onError: (reason: string) => void,
): void {
  let buffered = Buffer.alloc(0);
  let failed = false;
  stream.on("data", (chunk: Buffer) => {
    if (failed) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) {
        failed = true;
        onError(`sent a message of ${length} bytes, over the ${MAX_FRAME_BYTES}-byte limit`);
        return;
      }
      if (buffered.length < 4 + length) return;
      const body = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      let message: unknown;
      try {
        message = deserialize(body);
      } catch (error) {
        failed = true;
        onError(`sent an unreadable message (${(error as Error).message})`);
        return;
      }
      onMessage(message);
    }
  });
}
