// Python's `string` module: the character-class constants, `capwords`, `Template` and
// `Formatter` (string-template.ts, string-formatter.ts), as Lib/string.py defines them.

import { builtinFunction } from "../values/builtin-type.js";
import { callMethod } from "../values/methods.js";
import { keywords } from "../lang/keywords.js";
import { isNone, pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { Formatter } from "./string-formatter.js";
import { Template } from "./string-template.js";

const whitespace = " \t\n\r\v\f";
const ascii_lowercase = "abcdefghijklmnopqrstuvwxyz";
const ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ascii_letters = ascii_lowercase + ascii_uppercase;
const digits = "0123456789";
const hexdigits = digits + "abcdef" + "ABCDEF";
const octdigits = "01234567";
const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const printable = digits + ascii_letters + punctuation + whitespace;

/** `capwords(s, sep=None)`: split, capitalize each word, join with sep (or one space). */
function capwords(s: unknown, sep: unknown = null): string {
  const words = callMethod(s, "split", sep) as unknown[];
  const joiner = isNone(sep) || sep === "" ? " " : sep;
  return callMethod(joiner, "join", words.map((word) => callMethod(word, "capitalize")));
}

export const stringModule = moduleObject("string", {
  __all__: ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits", "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Formatter", "Template"],
  whitespace,
  ascii_lowercase,
  ascii_uppercase,
  ascii_letters,
  digits,
  hexdigits,
  octdigits,
  punctuation,
  printable,
  capwords: builtinFunction(keywords(capwords, ["s", "sep="], "capwords"), "capwords"),
  Template: pyClass(Template),
  Formatter: pyClass(Formatter),
});
