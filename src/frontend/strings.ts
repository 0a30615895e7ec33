// String, bytes and f-string literals: prefix handling, escape decoding, implicit
// concatenation (merged into one Constant or JoinedStr as CPython does) and f-string fields.
import { type Constant, DiagnosticError, type Expr, type FormattedValue, type JoinedStr, type Span } from "./ast.js";
import { type CNode, type Source, splitOn } from "./cst.js";
import { convertElement, makeTuple } from "./expressions.js";
import { lookupCharName } from "./unicode_names.js";
import { invalidCharacterMessage, isIdentifierContinue } from "./identifiers.js";
import { nextTokenOffset } from "./parse_errors.js";

interface LiteralParts {
  prefix: string;
  quoteLen: number;
}

function literalParts(text: string): LiteralParts {
  const m = /^[A-Za-z]*/.exec(text)!;
  const prefix = m[0].toLowerCase();
  const rest = text.slice(m[0].length);
  const quoteLen = rest.startsWith('"""') || rest.startsWith("'''") ? 3 : 1;
  return { prefix, quoteLen };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

/**
 * Decodes the escapes of a literal body (non-raw); for f-string text also folds `{{`/`}}`.
 * `offset` is the source offset of `body[0]`, for diagnostics.
 */
export function decodeBody(
  body: string, isBytes: boolean, isRaw: boolean, isFormat: boolean, src: Source, offset: number, lows: number[] = [],
): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    // a run of characters that stand for themselves is copied as one piece (most of a body)
    if (plainCharacter(ch, isBytes, isFormat)) {
      let end = i + 1;
      while (end < body.length && plainCharacter(body[end]!, isBytes, isFormat)) end++;
      out += end - i === body.length ? body : body.slice(i, end);
      i = end - 1;
      continue;
    }
    if (isFormat && (ch === "{" || ch === "}") && body[i + 1] === ch) {
      out += ch;
      i++;
      continue;
    }
    if (isBytes && ch.charCodeAt(0) > 0x7f) {
      src.fail(offset + i, "bytes can only contain ASCII literal characters");
    }
    if (ch !== "\\" || isRaw) {
      out += ch;
      // raw: `\'` keeps both (in an f-string a brace after the backslash is still a brace)
      if (ch === "\\" && i + 1 < body.length && !(isFormat && (body[i + 1] === "{" || body[i + 1] === "}"))) out += body[++i]!;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += ch;
      continue;
    }
    if (next === "\n") {
      i++;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
      continue;
    }
    if (next >= "0" && next <= "7") {
      let j = i + 1;
      let digits = "";
      while (j < body.length && digits.length < 3 && body[j]! >= "0" && body[j]! <= "7") digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8) & (isBytes ? 0xff : 0x1fffff));
      i = j - 1;
      continue;
    }
    const hexLen = next === "x" ? 2 : !isBytes && next === "u" ? 4 : !isBytes && next === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) {
        const kind = next === "x" ? "\\xXX" : next === "u" ? "\\uXXXX" : "\\UXXXXXXXX";
        src.fail(offset + i, `(${isBytes ? "value" : "unicode"} error) ${isBytes ? "invalid \\x escape at position " + i : `'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + hex.length}: truncated ${kind} escape`}`);
      }
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) src.fail(offset + i, "(unicode error) illegal Unicode character");
      if (cp >= 0xdc00 && cp <= 0xdfff) lows.push(out.length);
      out += String.fromCodePoint(cp);
      i += 1 + hexLen;
      continue;
    }
    if (!isBytes && next === "N") {
      const close = body[i + 2] === "{" ? body.indexOf("}", i + 3) : -1;
      if (close < 0 || close === i + 3) {
        const to = close < 0 ? (body[i + 2] === "{" ? body.length - 1 : i + 1) : i + 2;
        src.fail(offset + i, `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${to}: malformed \\N character escape`);
      }
      const cp = lookupCharName(body.slice(i + 3, close));
      if (cp === null) {
        // CPython's codec counts each non-ASCII character of the literal as a 10-byte \U escape
        const at = (k: number) => [...body.slice(0, k)].reduce((n, c) => n + (c.codePointAt(0)! < 0x80 ? 1 : 10), 0);
        src.fail(offset + i, `(unicode error) 'unicodeescape' codec can't decode bytes in position ${at(i)}-${at(close)}: unknown Unicode character name`);
      }
      out += String.fromCodePoint(cp);
      i = close;
      continue;
    }
    // unknown escapes keep their backslash; CPython 3.11 warns (hidden by its default filters)
    src.warn(src.position(offset).line, `invalid escape sequence '\\${body[i + 1] ?? ""}'`, "DeprecationWarning");
    out += ch;
  }
  return out;
}

/** A character decodeBody copies as it is: no escape, no f-string brace, ASCII in bytes. */
function plainCharacter(ch: string, isBytes: boolean, isFormat: boolean): boolean {
  return ch !== "\\" && !(isFormat && (ch === "{" || ch === "}")) && !(isBytes && ch.charCodeAt(0) > 0x7f);
}

/** `lows`: where escapes made a low surrogate in `text` (see ConstantValue's `split`) */
type Piece = { kind: "text"; text: string; lows: number[] } | { kind: "field"; value: FormattedValue };

/** A text piece: the decoded body, with where its escapes made low surrogates. */
function textPiece(body: string, raw: boolean, isFormat: boolean, src: Source, offset: number, isBytes = false): Piece {
  const lows: number[] = [];
  return { kind: "text", text: decodeBody(body, isBytes, raw, isFormat, src, offset, lows), lows };
}

/** The str constant of joined text pieces, marking escaped low surrogates that pair with the unit before. */
function strValue(pieces: Piece[]): { kind: "str"; value: string; split?: number[] } {
  let text = "";
  const split: number[] = [];
  for (const p of pieces) {
    if (p.kind !== "text") continue;
    for (const at of p.lows) split.push(text.length + at);
    text += p.text;
  }
  const paired = split.filter((at) => at > 0 && /[\ud800-\udbff]/.test(text[at - 1]!));
  return paired.length ? { kind: "str", value: text, split: paired } : { kind: "str", value: text };
}

/** Builds the Constant or JoinedStr for a String, FormatString or ContinuedString node. */
export function convertStrings(node: CNode, src: Source): Constant | JoinedStr {
  const parts = node.name === "ContinuedString" ? node.children : [node];
  const whole = src.span(node.from, node.to);
  let isBytes: boolean | null = null;
  let anyFormat = false;
  const pieces: Piece[] = [];
  let kind: string | null = null;
  try {
    parts.forEach((part, index) => {
      if (part.name !== "String" && part.name !== "FormatString") src.unsupported(part);
      const text = src.slice(part);
      const { prefix, quoteLen } = literalParts(text);
      const bytes = prefix.includes("b");
      if (isBytes !== null && bytes !== isBytes) src.fail(node.from, "cannot mix bytes and nonbytes literals");
      isBytes = bytes;
      if (index === 0 && prefix === "u") kind = "u";
      const raw = prefix.includes("r");
      const bodyStart = part.from + prefix.length + quoteLen;
      const bodyEnd = part.to - quoteLen;
      if (bodyEnd < bodyStart) src.fail(part.from, "unterminated string literal");
      if (part.name === "String") {
        pieces.push(textPiece(src.text.slice(bodyStart, bodyEnd), raw, false, src, bodyStart, bytes));
        return;
      }
      anyFormat = true;
      pieces.push(...formatPieces(part, bodyStart, bodyEnd, raw, src, whole));
    });
  } catch (e) {
    // CPython decodes escapes when it builds the string node, after reading the next token
    const d = e instanceof DiagnosticError ? e.diagnostics[0] : undefined;
    if (!d || !/^\((unicode|value) error\)/.test(d.message)) throw e;
    src.fail(nextTokenOffset(src, node.to), d.message);
  }
  if (!anyFormat) {
    const text = pieces.map((p) => (p.kind === "text" ? p.text : "")).join("");
    const value: Constant["value"] = isBytes ? { kind: "bytes", value: Uint8Array.from(text, (c) => c.charCodeAt(0)) } : strValue(pieces);
    return { _type: "Constant", value, kind, ...whole };
  }
  return { _type: "JoinedStr", values: mergePieces(pieces, whole), ...whole };
}

function mergePieces(pieces: Piece[], span: Span): (Constant | FormattedValue)[] {
  const values: (Constant | FormattedValue)[] = [];
  let run: Piece[] = [];
  const flush = () => {
    const value = strValue(run);
    if (value.value !== "") values.push({ _type: "Constant", value, kind: null, ...span });
    run = [];
  };
  for (const p of pieces) {
    if (p.kind === "text") run.push(p);
    else {
      flush();
      values.push(p.value);
    }
  }
  flush();
  return values;
}

/** Literal text and replacement fields of one f-string part, between `from` and `to`. */
/** `literal`: the string literal holding `part` (itself, or the literal around a format spec). */
function formatPieces(
  part: CNode, from: number, to: number, raw: boolean, src: Source, whole: Span, literal: CNode = part,
): Piece[] {
  const pieces: Piece[] = [];
  let pos = from;
  for (const child of part.children) {
    if (child.name !== "FormatReplacement" || (!raw && isNamedEscape(src.text, child.from))) continue;
    if (child.from > pos) {
      pieces.push(textPiece(src.text.slice(pos, child.from), raw, true, src, pos));
    }
    pieces.push(...formatField(child, literal, raw, src, whole));
    pos = child.to;
  }
  if (to > pos) pieces.push(textPiece(src.text.slice(pos, to), raw, true, src, pos));
  return pieces;
}

/** Whether the `{` at `brace` opens the name of a `\N{...}` escape (Lezer misses them in specs). */
function isNamedEscape(text: string, brace: number): boolean {
  if (text[brace - 1] !== "N") return false;
  let slashes = 0;
  while (text[brace - 2 - slashes] === "\\") slashes++;
  return slashes % 2 === 1;
}

/**
 * A field's expression is tokenized as code: a character no name may hold (`{a√b}`) is
 * CPython's "invalid character" error (the tokenizer of pyts skips string contents).
 */
function checkFieldCharacters(src: Source, field: CNode, from: number, to: number): void {
  let quote: string | null = null;
  for (let i = from; i < to; i++) {
    const ch = src.text[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch.charCodeAt(0) > 0x7f) {
      const cp = src.text.codePointAt(i)!;
      if (!isIdentifierContinue(cp)) {
        // CPython 3.11 places it on the field's line, at its column within `(expression)`
        const line = src.position(field.from).line;
        const col = 1 + src.position(i).col - src.position(field.from + 1).col;
        throw new DiagnosticError([{ kind: "SyntaxError", message: invalidCharacterMessage(cp), line, col }]);
      }
      if (cp > 0xffff) i++;
    }
  }
}

function formatField(field: CNode, part: CNode, raw: boolean, src: Source, whole: Span): Piece[] {
  const cs = field.children;
  if (cs.length === 0 || cs[0]!.name !== "{" || cs[cs.length - 1]!.name !== "}") {
    src.fail(field.from, "f-string: expecting '}'");
  }
  const body = cs.slice(1, -1);
  let end = body.length;
  let spec: CNode | null = null;
  let conversion = -1;
  let selfDoc: CNode | null = null;
  while (end > 0) {
    const c = body[end - 1]!;
    if (c.name === "FormatSpec") spec = c;
    else if (c.name === "FormatConversion") conversion = src.slice(c).charCodeAt(1);
    else if (c.name === "FormatSelfDoc") selfDoc = c;
    else break;
    end--;
  }
  const exprNodes = body.slice(0, end);
  if (exprNodes.length === 0) src.fail(field.from, "f-string: empty expression not allowed");
  checkFieldCharacters(src, field, exprNodes[0]!.from, exprNodes[exprNodes.length - 1]!.to);
  let value: Expr;
  const groups = splitOn(exprNodes, ",");
  if (groups.length === 1 && !exprNodes.some((c) => c.name === ",")) value = convertElement(groups[0]!, src);
  else value = { ...makeTuple(exprNodes, src, "Load"), ...src.span(field.from, field.to) }; // CPython: the braces' span
  const pieces: Piece[] = [];
  if (selfDoc) {
    // the echoed text runs up to the conversion, the spec or the closing brace
    const after = body[body.indexOf(selfDoc) + 1] ?? cs[cs.length - 1]!;
    pieces.push({ kind: "text", text: src.text.slice(cs[0]!.to, after.from), lows: [] });
    if (conversion === -1 && spec === null) conversion = 114;
  }
  let formatSpec: JoinedStr | null = null;
  if (spec) {
    const specPieces = formatPieces(spec, spec.from + 1, spec.to, raw, src, whole, part);
    // CPython 3.11: the spec's JoinedStr spans the one literal holding it; its text does too
    // when the spec is plain text, but spans the whole concatenation when fields are nested
    const partSpan = src.span(part.from, part.to);
    const textSpan = specPieces.some((p) => p.kind === "field") ? whole : partSpan;
    formatSpec = { _type: "JoinedStr", values: mergePieces(specPieces, textSpan), ...partSpan };
  }
  pieces.push({ kind: "field", value: { _type: "FormattedValue", value, conversion, format_spec: formatSpec, ...whole } });
  return pieces;
}
