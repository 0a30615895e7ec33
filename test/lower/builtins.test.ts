// Every name the lowering imports from the runtime by its Python name must exist there:
// a missing export would fail the emitted module when it loads.
import { expect, test } from "vitest";
import * as runtime from "../../runtime/index.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_FUNCTIONS, RUNTIME_MODULES } from "../../src/lower/builtins.js";

test("the runtime exports every builtin, exception and module the lowering knows", () => {
  // `super` is never imported: the lowering turns super() calls into JS `super`.
  const names = [...BUILTIN_FUNCTIONS, ...BUILTIN_EXCEPTIONS, ...RUNTIME_MODULES].filter((n) => n !== "super");
  expect(names.filter((n) => !(n in runtime))).toEqual([]);
});
