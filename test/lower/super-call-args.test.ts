// super().__init__(...) in a subclass of a runtime class becomes the JS base constructor call,
// which runs before `this` exists: arguments reading self at once are refused with a located
// error, while a lambda that reads self later converts.
import { describe, expect, test } from "vitest";
import { DiagnosticError } from "../../src/frontend/ast.js";
import { transpile } from "../../src/transpile.js";

const EAGER = `import json
class Decoder(json.JSONDecoder):
    def __init__(self, tag):
        super().__init__(object_pairs_hook=self.pairs)
        self.tag = tag
    def pairs(self, items):
        return dict(items)
`;

describe("super().__init__ arguments in a subclass of a runtime class", () => {
  test("reading self at once is a located error naming the construct", async () => {
    const error = await transpile(EAGER, { filename: "dec.py" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiagnosticError);
    const [first] = (error as DiagnosticError).diagnostics;
    expect(first).toMatchObject({ line: 3, col: 4 });
    expect(first!.message).toMatch(/^unsupported: super\(\).__init__\(\) arguments that read self/);
  });

  test("self inside a lambda argument converts", async () => {
    const source = EAGER.replace("object_pairs_hook=self.pairs", "object_pairs_hook=lambda items: self.pairs(items)");
    await expect(transpile(source, { filename: "dec.py" })).resolves.toBeDefined();
  });
});
