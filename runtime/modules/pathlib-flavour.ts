// pathlib's two flavours (Lib/pathlib.py of 3.11, _PosixFlavour and _WindowsFlavour): how a
// path string splits into drive, root and parts, how two parsed paths join, case folding for
// comparisons and matching, reserved names and file URIs.

export interface Parsed {
  drv: string;
  root: string;
  parts: string[];
}

export interface Flavour {
  sep: string;
  altsep: string;
  hasDrv: boolean;
  splitroot(part: string): [string, string, string];
  casefold(s: string): string;
  isReserved(parts: readonly string[]): boolean;
  makeUri(drive: string, posix: string): string;
}

/** `urllib.parse.quote_from_bytes(b, safe="/")` */
function quote(text: string): string {
  let out = "";
  for (const b of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_.~\-/]/.test(c) ? c : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export const POSIX: Flavour = {
  sep: "/",
  altsep: "",
  hasDrv: false,
  splitroot(part) {
    if (part[0] !== "/") return ["", "", part];
    const stripped = part.replace(/^\/+/, "");
    // POSIX allows one or two initial slashes, but treats three or more as a single slash.
    return ["", part.length - stripped.length === 2 ? "//" : "/", stripped];
  },
  casefold: (s) => s,
  isReserved: () => false,
  makeUri: (_drive, posix) => "file://" + quote(posix),
};

const RESERVED = new Set(["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", ..."123456789\xb9\xb2\xb3".split("").flatMap((c) => [`COM${c}`, `LPT${c}`])]);

/** `_split_extended_path`: the `\\?\` prefix (and `\\?\UNC\`). */
function splitExtended(s: string): [string, string] {
  if (!s.startsWith("\\\\?\\")) return ["", s];
  let prefix = s.slice(0, 4);
  let rest = s.slice(4);
  if (rest.startsWith("UNC\\")) {
    prefix += rest.slice(0, 3);
    rest = "\\" + rest.slice(3);
  }
  return [prefix, rest];
}

export const WINDOWS: Flavour = {
  sep: "\\",
  altsep: "/",
  hasDrv: true,
  splitroot(whole) {
    const sep = "\\";
    let part = whole;
    let first = part.slice(0, 1);
    let second = part.slice(1, 2);
    let prefix = "";
    if (second === sep && first === sep) {
      [prefix, part] = splitExtended(part);
      first = part.slice(0, 1);
      second = part.slice(1, 2);
    }
    const third = part.slice(2, 3);
    if (second === sep && first === sep && third !== sep) {
      // a UNC path: \\machine\mountpoint\directory\etc\...
      const index = part.indexOf(sep, 2);
      if (index !== -1) {
        let index2 = part.indexOf(sep, index + 1);
        if (index2 !== index + 1) {
          if (index2 === -1) index2 = part.length;
          return prefix ? [prefix + part.slice(1, index2), sep, part.slice(index2 + 1)] : [part.slice(0, index2), sep, part.slice(index2 + 1)];
        }
      }
    }
    let drv = "";
    let root = "";
    if (second === ":" && /^[A-Za-z]$/.test(first)) {
      drv = part.slice(0, 2);
      part = part.slice(2);
      first = third;
    }
    if (first === sep) {
      root = first;
      part = part.replace(/^\\+/, "");
    }
    return [prefix + drv, root, part];
  },
  casefold: (s) => s.toLowerCase(),
  isReserved(parts) {
    if (parts.length === 0 || parts[0]!.startsWith("\\\\")) return false;
    const name = parts[parts.length - 1]!.split(".")[0]!.split(":")[0]!.replace(/ +$/, "");
    return RESERVED.has(name.toUpperCase());
  },
  makeUri(drive, posix) {
    if (drive.length === 2 && drive[1] === ":") return `file:///${drive}/${quote(posix.slice(2).replace(/^\/+/, ""))}`;
    return "file:" + quote(posix);
  },
};

/** `parse_parts`: the last anchored argument wins; "" and "." parts vanish. */
export function parsePartsOf(f: Flavour, args: readonly string[]): Parsed {
  const parsed: string[] = [];
  let drv = "";
  let root = "";
  let i = args.length - 1;
  for (; i >= 0; i--) {
    let part = args[i]!;
    if (!part) continue;
    if (f.altsep) part = part.split(f.altsep).join(f.sep);
    let rel: string;
    [drv, root, rel] = f.splitroot(part);
    const pieces = rel.split(f.sep);
    for (let j = pieces.length - 1; j >= 0; j--) {
      const x = pieces[j]!;
      if (x && x !== ".") parsed.push(x);
    }
    if (drv || root) {
      // ("C:", "/", "a"): a root without a drive takes the drive of an argument before it
      if (!drv) {
        for (i--; i >= 0; i--) {
          let earlier = args[i]!;
          if (!earlier) continue;
          if (f.altsep) earlier = earlier.split(f.altsep).join(f.sep);
          drv = f.splitroot(earlier)[0];
          if (drv) break;
        }
      }
      break;
    }
  }
  if (drv || root) parsed.push(drv + root);
  parsed.reverse();
  return { drv, root, parts: parsed };
}

/** `join_parsed_parts` */
export function joinParsed(f: Flavour, a: Parsed, b: Parsed): Parsed {
  if (b.root) {
    if (!b.drv && a.drv) return { drv: a.drv, root: b.root, parts: [a.drv + b.root, ...b.parts.slice(1)] };
  } else if (b.drv) {
    if (b.drv === a.drv || f.casefold(b.drv) === f.casefold(a.drv)) return { drv: a.drv, root: a.root, parts: [...a.parts, ...b.parts.slice(1)] };
  } else return { drv: a.drv, root: a.root, parts: [...a.parts, ...b.parts] };
  return b;
}

/** `_format_parsed_parts` */
export function formatPartsOf(f: Flavour, p: Parsed): string {
  if (p.drv || p.root) return p.drv + p.root + p.parts.slice(1).join(f.sep);
  return p.parts.join(f.sep);
}
