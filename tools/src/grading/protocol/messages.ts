/**
 * Values crossing between the judge and the sandbox are structured-clone data in which the
 * things that cannot be cloned are replaced by tagged records (the tag key is `TAG`).
 */
export const TAG = "__tsdlGrading";

export interface TensorRecord {
  [TAG]: "tensor";
  shape: number[];
  dtype: string;
  values: ArrayLike<unknown>;
}

/** A function or class living in the sandbox. */
export interface FunctionRecord {
  [TAG]: "function";
  handle: number;
  name: string;
}

/** An instance living in the sandbox, with a snapshot of its own fields. */
export interface ObjectRecord {
  [TAG]: "object";
  handle: number;
  className: string;
  /** The module export that constructed it, when it is one. */
  constructorExport?: { exercise: string; name: string };
  fields: Record<string, unknown>;
  methods: string[];
  getters: string[];
}

/** A judge-side proxy handed back to the sandbox. */
export interface RefRecord {
  [TAG]: "ref";
  handle: number;
}

/** A judge-side function sent by source (it must not close over test variables). */
export interface SourceFunctionRecord {
  [TAG]: "source";
  source: string;
}

/** An export whose value cannot be copied to the judge (cyclic, too deep); reading it fails the test. */
export interface UnsendableRecord {
  [TAG]: "unsendable";
  message: string;
}

export type TaggedRecord = TensorRecord | FunctionRecord | ObjectRecord | RefRecord | SourceFunctionRecord | UnsendableRecord;

export function tagOf(value: unknown): TaggedRecord[typeof TAG] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const tag = (value as Record<string, unknown>)[TAG];
  return typeof tag === "string" ? (tag as TaggedRecord[typeof TAG]) : undefined;
}

export interface TensorLike {
  shape: number[];
  dtype: string;
  dataSync(): ArrayLike<unknown>;
  arraySync(): unknown;
}

export function isTensorLike(value: unknown): value is TensorLike {
  const candidate = value as Partial<TensorLike> | null;
  return (
    typeof value === "object" && candidate !== null && typeof candidate.dataSync === "function" &&
    Array.isArray(candidate.shape) && typeof candidate.dtype === "string"
  );
}

export function tensorRecord(tensor: TensorLike): TensorRecord {
  const values = tensor.dtype === "string" ? (tensor.dataSync() as ArrayLike<unknown>) : tensor.dataSync();
  return { [TAG]: "tensor", shape: [...tensor.shape], dtype: tensor.dtype, values };
}

/** What a call targets: an export of a loaded exercise, a sandbox function, or a method. */
export type CallTarget =
  | { kind: "export"; exercise: string; name: string }
  | { kind: "handle"; handle: number }
  | { kind: "method"; name: string };

export type SandboxRequest =
  | { id: number; op: "ping" }
  | { id: number; op: "prepare-lib" }
  | { id: number; op: "load"; exercise: string; file: string; usesLib: boolean }
  | { id: number; op: "call"; target: CallTarget; thisRef?: number; args: unknown[]; construct: boolean }
  | { id: number; op: "get"; thisRef: number; name: string };

export type SandboxReply =
  | { id: number; ok: true; value: unknown; thisFields?: Record<string, unknown> }
  | { id: number; ok: false; error: { name: string; message: string }; unsendable?: boolean };
