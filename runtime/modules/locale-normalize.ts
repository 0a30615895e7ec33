// `locale.normalize`: Lib/locale.py's lookups in CPython's alias tables (locale-alias-data.ts, encoding-alias-data.ts),
// ported line by line with `_replace_encoding`, `_append_modifier` and
// `encodings.normalize_encoding`.

import { PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { ENCODING_ALIASES, LOCALE_ENCODING_ALIAS } from "./encoding-alias-data.js";
import { LOCALE_ALIAS } from "./locale-alias-data.js";

const get = (table: Readonly<Record<string, string>>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** `encodings.normalize_encoding`: runs of punctuation become one `_`, non-ASCII dropped. */
function normalizeEncoding(encoding: string): string {
  const chars: string[] = [];
  let punct = false;
  for (const c of encoding) {
    if (/^[\p{L}\p{N}.]$/u.test(c)) {
      if (punct && chars.length > 0) chars.push("_");
      if (c.charCodeAt(0) < 128) chars.push(c);
      punct = false;
    } else {
      punct = true;
    }
  }
  return chars.join("");
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return [s.slice(0, i), s.slice(i + 1)];
}

function replaceEncoding(code: string, encoding: string): string {
  const langname = code.includes(".") ? code.slice(0, code.indexOf(".")) : code;
  let norm = normalizeEncoding(encoding);
  norm = get(ENCODING_ALIASES, norm.toLowerCase()) ?? norm;
  encoding = norm;
  norm = norm.toLowerCase();
  const direct = get(LOCALE_ENCODING_ALIAS, norm);
  if (direct !== undefined) {
    encoding = direct;
  } else {
    const stripped = get(LOCALE_ENCODING_ALIAS, norm.replaceAll("_", "").replaceAll("-", ""));
    if (stripped !== undefined) encoding = stripped;
  }
  return `${langname}.${encoding}`;
}

function appendModifier(code: string, modifier: string): string {
  if (modifier === "euro") {
    if (!code.includes(".")) return code + ".ISO8859-15";
    const encoding = splitOnce(code, ".")[1];
    if (encoding === "ISO8859-15" || encoding === "UTF-8") return code;
    if (encoding === "ISO8859-1") return replaceEncoding(code, "ISO8859-15");
  }
  return `${code}@${modifier}`;
}

export function normalize(localename: unknown): string {
  if (typeof localename !== "string") throw new PyTypeError(`'${typeName(localename)}' object has no attribute 'lower'`);
  let code = localename.toLowerCase();
  if (code.includes(":")) code = code.replaceAll(":", ".");
  let modifier = "";
  if (code.includes("@")) [code, modifier] = splitOnce(code, "@");
  let langname = code;
  let encoding = "";
  if (code.includes(".")) [langname, encoding] = code.split(".") as [string, string];
  let langEnc = langname;
  if (encoding !== "") langEnc += "." + encoding.replaceAll("-", "").replaceAll("_", "");
  let lookup = langEnc;
  if (modifier !== "") lookup += "@" + modifier;
  let found = get(LOCALE_ALIAS, lookup);
  if (found !== undefined) return found;
  if (modifier !== "") {
    found = get(LOCALE_ALIAS, langEnc);
    if (found !== undefined) {
      if (!found.includes("@")) return appendModifier(found, modifier);
      if (splitOnce(found, "@")[1].toLowerCase() === modifier) return found;
    }
  }
  if (encoding !== "") {
    lookup = langname;
    if (modifier !== "") lookup += "@" + modifier;
    found = get(LOCALE_ALIAS, lookup);
    if (found !== undefined) {
      if (!found.includes("@")) return replaceEncoding(found, encoding);
      const [base, mod] = splitOnce(found, "@");
      return replaceEncoding(base, encoding) + "@" + mod;
    }
    if (modifier !== "") {
      found = get(LOCALE_ALIAS, langname);
      if (found !== undefined) {
        if (!found.includes("@")) return appendModifier(replaceEncoding(found, encoding), modifier);
        const [base, defmod] = splitOnce(found, "@");
        if (defmod.toLowerCase() === modifier) return replaceEncoding(base, encoding) + "@" + defmod;
      }
    }
  }
  return localename;
}
