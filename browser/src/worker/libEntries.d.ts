// Written by the runtime's bundler (tools/src/handouts/live/buildLiveRuntime.ts) from lib's package.json
// exports: each of lib's entries (`@tsdl/lib`, `@tsdl/lib/zh`, …), loaded on first use.
declare module "tsdl-live:lib-entries" {
  export const libEntries: Record<string, () => Promise<Record<string, unknown>>>;
}
