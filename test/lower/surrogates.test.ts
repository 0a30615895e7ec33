// Escapes that spell a surrogate pair are two lone surrogates to CPython (len 2, repr with two
// escapes) but one astral character in a JS string: such a literal is a located error, never
// a string of another length. Lone surrogates are kept (fixtures/lang/str_lone_surrogates.py).
import { expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { DiagnosticError } from "../../src/frontend/ast.js";

async function refusal(source: string): Promise<unknown> {
  try {
    await transpile(source, { filename: "prog.py" });
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics[0];
    throw e;
  }
  return null;
}

const MESSAGE = "unsupported: a string literal whose escapes spell a surrogate pair (two lone surrogates to CPython, one character in pyts)";

test("a literal whose escapes spell a surrogate pair is refused where it starts", async () => {
  expect(await refusal('x = 1\ns = "\\ud83d\\ude00"\n')).toEqual({ kind: "Unsupported", message: MESSAGE, line: 2, col: 4 });
  // the pair may be split over implicitly concatenated literals, or sit in an f-string's text
  expect(await refusal('s = ("a\\ud83d"\n     "\\ude00")\n')).toEqual({ kind: "Unsupported", message: MESSAGE, line: 1, col: 5 });
  expect(await refusal('x = 1\nprint(f"{x}\\uD800\\U0000DC00")\n')).toEqual({ kind: "Unsupported", message: MESSAGE, line: 2, col: 6 });
});

test("lone surrogates, reversed pairs and astral escapes are accepted", async () => {
  for (const body of ["\\ud83d", "\\ude00\\ud83d", "\\ud83d-\\ude00", "\\U0001F600", "😀"]) {
    expect(await refusal(`s = "${body}"\n`)).toBeNull();
  }
});
