import { DefaultDeserializer, DefaultSerializer, Deserializer } from "node:v8";
import type { Readable, Writable } from "node:stream";

/** Largest message either side accepts; a bigger one is treated as a broken sandbox. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

// Captured at import, before any learner code runs in the sandbox that shares this realm.
const { alloc, concat } = Buffer;
const subarray = Function.prototype.call.bind(Uint8Array.prototype.subarray) as (self: Uint8Array, start: number, end?: number) => Buffer;

const construct = Reflect.construct;
const call = <T>(method: (...args: never[]) => T) => Function.prototype.call.bind(method) as unknown as (self: object, ...args: unknown[]) => T;
const writeHeader = call(DefaultSerializer.prototype.writeHeader);
const writeValue = call(DefaultSerializer.prototype.writeValue);
const releaseBuffer = call(DefaultSerializer.prototype.releaseBuffer);
const readHeader = call(DefaultDeserializer.prototype.readHeader);
const readValue = call(DefaultDeserializer.prototype.readValue);

// v8.serialize and v8.deserialize, minus the calls a patched realm can break: DefaultDeserializer's
// implicit constructor spreads its arguments through Array.prototype[Symbol.iterator].
function serialize(value: unknown): Buffer {
  const serializer = new DefaultSerializer();
  writeHeader(serializer);
  writeValue(serializer, value);
  return releaseBuffer(serializer);
}

function deserialize(buffer: Buffer): unknown {
  const deserializer = construct(Deserializer, [buffer], DefaultDeserializer) as object;
  readHeader(deserializer);
  return readValue(deserializer);
}

function readLength(buffer: Uint8Array): number {
  return ((buffer[0]! << 24) | (buffer[1]! << 16) | (buffer[2]! << 8) | buffer[3]!) >>> 0;
}

export function writeFrame(stream: Writable, message: unknown): void {
  const body = serialize(message);
  const header = alloc(4);
  header[0] = body.length >>> 24;
  header[1] = (body.length >>> 16) & 255;
  header[2] = (body.length >>> 8) & 255;
  header[3] = body.length & 255;
  stream.write(concat([header, body]));
}

/** Reads length-prefixed v8-serialized messages, refusing frames over the size limit. */
export function readFrames(
  stream: Readable,
  onMessage: (message: unknown) => void,
  onError: (reason: string) => void,
): void {
  let buffered = alloc(0);
  let failed = false;
  stream.on("data", (chunk: Buffer) => {
    if (failed) return;
    buffered = buffered.length === 0 ? chunk : concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = readLength(buffered);
      if (length > MAX_FRAME_BYTES) {
        failed = true;
        onError(`sent a message of ${length} bytes, over the ${MAX_FRAME_BYTES}-byte limit`);
        return;
      }
      if (buffered.length < 4 + length) return;
      const body = subarray(buffered, 4, 4 + length);
      buffered = subarray(buffered, 4 + length);
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
