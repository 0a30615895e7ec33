// doctest's OutputChecker (Lib/doctest.py): does an example's output match what it wants
// (exactly, or under ELLIPSIS, NORMALIZE_WHITESPACE, <BLANKLINE>, True for 1), and the report
// of a mismatch (Expected/Got, or a unified, context or ndiff diff).

import { flag } from "./doctest-parser.js";
import { difflibModule, ndiffLines } from "./difflib.js";
import { kw } from "../values/kwargs.js";

export const BLANKLINE_MARKER = "<BLANKLINE>";
export const ELLIPSIS_MARKER = "...";

/** Every non-blank line of `s` indented by `indent` spaces (doctest's _indent). */
export function indentLines(s: string, indent = 4): string {
  return s.replace(/(?<![^\n])(?!\n|(?![\s\S]))/g, " ".repeat(indent));
}

/** str(s.encode('ASCII', 'backslashreplace'), 'ASCII') */
function toAscii(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 128) out += ch;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return out;
}

/** Python's str.split() (runs of whitespace) joined by single spaces. */
function normalizeWhitespace(s: string): string {
  return s.split(/[\s\x1c-\x1f\x85]+/u).filter(Boolean).join(" ");
}

export function ellipsisMatch(want: string, got: string): boolean {
  if (!want.includes(ELLIPSIS_MARKER)) return want === got;
  const ws = want.split(ELLIPSIS_MARKER);
  let startpos = 0;
  let endpos = got.length;
  let w = ws[0]!;
  if (w) {
    if (!got.startsWith(w)) return false;
    startpos = w.length;
    ws.shift();
  }
  w = ws.at(-1)!;
  if (w) {
    if (!got.endsWith(w)) return false;
    endpos -= w.length;
    ws.pop();
  }
  if (startpos > endpos) return false;
  for (const piece of ws) {
    const at = got.slice(0, endpos).indexOf(piece, startpos);
    if (at < 0) return false;
    startpos = at + piece.length;
  }
  return true;
}

/** IGNORE_EXCEPTION_DETAIL: "pkg.MyError: details" -> "MyError". */
export function stripExceptionDetails(msg: string): string {
  let start = 0;
  let end = msg.length;
  let i = msg.indexOf("\n");
  if (i >= 0) end = i;
  i = msg.slice(0, end).indexOf(":");
  if (i >= 0) end = i;
  i = msg.slice(0, end).lastIndexOf(".");
  if (i >= 0) start = i + 1;
  return msg.slice(start, end);
}

export function checkOutput(wantText: string, gotText: string, optionflags: number): boolean {
  let got = toAscii(gotText);
  let want = toAscii(wantText);
  if (got === want) return true;
  if (!(optionflags & flag("DONT_ACCEPT_TRUE_FOR_1"))) {
    if (got === "True\n" && want === "1\n") return true;
    if (got === "False\n" && want === "0\n") return true;
  }
  if (!(optionflags & flag("DONT_ACCEPT_BLANKLINE"))) {
    want = want.replace(/^<BLANKLINE>\s*?$/gm, "");
    got = got.replace(/^[^\S\n]+$/gm, "");
    if (got === want) return true;
  }
  if (optionflags & flag("NORMALIZE_WHITESPACE")) {
    got = normalizeWhitespace(got);
    want = normalizeWhitespace(want);
    if (got === want) return true;
  }
  if (optionflags & flag("ELLIPSIS")) {
    if (ellipsisMatch(want, got)) return true;
  }
  return false;
}

function fancyDiff(want: string, got: string, optionflags: number): boolean {
  if (!(optionflags & (flag("REPORT_UDIFF") | flag("REPORT_CDIFF") | flag("REPORT_NDIFF")))) return false;
  if (optionflags & flag("REPORT_NDIFF")) return true;
  return count(want, "\n") > 2 && count(got, "\n") > 2;
}

const count = (s: string, ch: string): number => s.split(ch).length - 1;

/** str.splitlines(keepends=True) for the "\n"-separated text doctest compares. */
function linesKeepEnds(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function outputDifference(want: string, gotText: string, optionflags: number): string {
  let got = gotText;
  if (!(optionflags & flag("DONT_ACCEPT_BLANKLINE"))) got = got.replace(/^ *(?=\n)/gm, BLANKLINE_MARKER);
  if (fancyDiff(want, got, optionflags)) {
    const wantLines = linesKeepEnds(want);
    const gotLines = linesKeepEnds(got);
    let diff: string[];
    let kind: string;
    if (optionflags & flag("REPORT_UDIFF")) {
      diff = [...(difflibModule.unified_diff(wantLines, gotLines, kw({ n: 2n })) as Iterable<string>)].slice(2);
      kind = "unified diff with -expected +actual";
    } else if (optionflags & flag("REPORT_CDIFF")) {
      diff = [...(difflibModule.context_diff(wantLines, gotLines, kw({ n: 2n })) as Iterable<string>)].slice(2);
      kind = "context diff with expected followed by actual";
    } else {
      diff = [...ndiffLines(wantLines, gotLines)];
      kind = "ndiff with -expected +actual";
    }
    return `Differences (${kind}):\n` + indentLines(diff.join(""));
  }
  if (want && got) return `Expected:\n${indentLines(want)}Got:\n${indentLines(got)}`;
  if (want) return `Expected:\n${indentLines(want)}Got nothing\n`;
  if (got) return `Expected nothing\nGot:\n${indentLines(got)}`;
  return "Expected nothing\nGot nothing\n";
}
