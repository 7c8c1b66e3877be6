// Node globals the course's packages read, installed before any of them loads (imported first).
import { Buffer } from "buffer";
import { process } from "./process.js";

const target = globalThis as Record<string, unknown>;
target.Buffer ??= Buffer;
target.process ??= process;
target.global ??= globalThis;
