// urllib.request's parsers of header values made of comma-separated elements (with quoted
// strings) and of `key=value` lists, as Digest authentication reads its challenge.

import { Dict } from "../values/dict.js";
import { ValueError } from "../values/exceptions.js";
import { str } from "../values/repr.js";

/** parse_http_list(s): the comma-separated elements of a header, quoted strings kept whole. */
export function parseHttpList(s: unknown): string[] {
  const res: string[] = [];
  let part = "";
  let escape = false;
  let quote = false;
  for (const cur of str(s)) {
    if (escape) {
      part += cur;
      escape = false;
      continue;
    }
    if (quote) {
      if (cur === "\\") {
        escape = true;
        continue;
      } else if (cur === '"') quote = false;
      part += cur;
      continue;
    }
    if (cur === ",") {
      res.push(part);
      part = "";
      continue;
    }
    if (cur === '"') quote = true;
    part += cur;
  }
  if (part) res.push(part);
  return res.map((p) => p.trim());
}

/** parse_keqv_list(l): `key=value` elements as a dict, quotes taken off the values. */
export function parseKeqvList(elements: unknown): Dict<string, string> {
  const parsed = new Dict<string, string>();
  for (const element of elements as Iterable<unknown>) {
    const text = str(element);
    const eq = text.indexOf("=");
    if (eq < 0) throw new ValueError("not enough values to unpack (expected 2, got 1)");
    const k = text.slice(0, eq);
    let v = text.slice(eq + 1);
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    parsed.set(k, v);
  }
  return parsed;
}

