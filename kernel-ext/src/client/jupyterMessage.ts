import { createHmac, randomUUID } from "node:crypto";

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A Jupyter message as sent over ZeroMQ (the wire protocol, version 5.3). */
export interface JupyterMessage<Content = Record<string, unknown>> {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Content;
}

const delimiter = "<IDS|MSG>";

function sign(key: string, parts: string[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

export function newMessage(session: string, msgType: string, content: Record<string, unknown>): JupyterMessage {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "tsdl",
      date: new Date().toISOString(),
      version: "5.3",
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** The frames to send from a DEALER socket: delimiter, HMAC-SHA256 signature, then the JSON parts. */
export function encodeMessage(key: string, message: JupyterMessage): string[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((p) =>
    JSON.stringify(p),
  );
  return [delimiter, sign(key, parts), ...parts];
}

/** Parses received frames, rejecting a message whose signature does not match. */
export function decodeMessage(key: string, frames: Buffer[]): JupyterMessage {
  const at = frames.findIndex((f) => f.toString() === delimiter);
  if (at < 0) throw new Error("Jupyter message without the <IDS|MSG> delimiter");
  const signature = frames[at + 1]!.toString();
  const parts = frames.slice(at + 2, at + 6).map((f) => f.toString());
  if (signature !== sign(key, parts)) throw new Error("Jupyter message with a wrong HMAC signature");
  const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p) as unknown);
  return {
    header: header as MessageHeader,
    parent_header: parent as Partial<MessageHeader>,
    metadata: metadata as Record<string, unknown>,
    content: content as Record<string, unknown>,
  };
}
