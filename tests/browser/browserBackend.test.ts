import { describe, expectTypeOf, it } from "vitest";

// The runtime's bundle puts browser/src/lib/selectBackend.ts in place of lib's: the page's module must
// offer what lib imports from it, with lib's types (one BackendInfo). Checked by `tsc --noEmit -p .`.
type LibModule = typeof import("../../lib/src/backend/selectBackend.js");
type PageModule = typeof import("../../browser/src/lib/selectBackend.js");

describe("the page's backend choice", () => {
  it("has lib's exports and types, so that lib runs on it unchanged", () => {
    expectTypeOf<PageModule["backendInfo"]>().toEqualTypeOf<LibModule["backendInfo"]>();
    expectTypeOf<PageModule["backendReady"]>().toEqualTypeOf<LibModule["backendReady"]>();
    expectTypeOf<PageModule["selectBackend"]>().toEqualTypeOf<LibModule["selectBackend"]>();
    expectTypeOf<PageModule["onWasmSelected"]>().toEqualTypeOf<LibModule["onWasmSelected"]>();
    expectTypeOf<PageModule["BACKEND_ENV"]>().toEqualTypeOf<LibModule["BACKEND_ENV"]>();
  });
});
