// Python positions and blank lines carried through printing and formatting out of band.
//
// Codegen gives each positioned statement a leading block comment `/*@py LINE:COL*/` and,
// when the output is formatted, a statement that followed a blank line in Python a leading
// `/*@py-blank*/`. Both are comment *tokens*: they are found again by parsing the printed
// module with @babel/parser, never by searching its text, so string and template contents
// (which may spell `/*@py 1:0*/` or start a line with `//`) are never touched. Formatting
// takes them out before prettier where the statements can be found again by their words
// (stripMarkers; emit.ts, formattedWithoutMarkers), so prettier has no comments to carry.
import * as t from "@babel/types";
import { parse } from "@babel/parser";
import type { Mapping } from "./source-map.js";

const POSITION = /^@py (\d+):(\d+)$/;
const BLANK = "@py-blank";

/**
 * Counts the markers the generator prints (its `shouldPrintComment` sees each printed comment
 * once), so that the printed text can be searched for them instead of parsed: when the text
 * holds exactly as many marker spellings as were printed, none of them is inside a string,
 * template or other comment (see markerTokens).
 */
export class MarkerCount {
  positions = 0;
  blanks = 0;
  readonly shouldPrintComment = (value: string): boolean => {
    if (value === BLANK) this.blanks++;
    else if (POSITION.test(value)) this.positions++;
    return true;
  };
}

const MARKER_TEXT = /\/\*@py(?: \d+:\d+|-blank)\*\//g;

/**
 * The marker comment tokens of `code`, found by searching its text, when that is exact: the
 * text spells as many markers of each kind as the generator printed (`positions`, `blanks`).
 * Otherwise (a string or comment of the program spells one) null: parse instead.
 */
export function markerTokens(code: string, positions: number, blanks: number): CommentToken[] | null {
  const tokens: CommentToken[] = [];
  let blankCount = 0;
  for (const m of code.matchAll(MARKER_TEXT)) {
    const value = m[0].slice(2, -2);
    if (value === BLANK) blankCount++;
    tokens.push({ value, start: m.index, end: m.index + m[0].length, block: true });
  }
  return blankCount === blanks && tokens.length - blankCount === positions ? tokens : null;
}

export function positionMarker(line: number, col: number): t.CommentBlock {
  return { type: "CommentBlock", value: `@py ${line}:${col}` };
}

export function blankLineMarker(): t.CommentBlock {
  return { type: "CommentBlock", value: BLANK };
}

export interface CommentToken {
  value: string;
  start: number;
  end: number;
  block: boolean;
}

/** A printed module parsed once: its syntax tree (for the call table) and its comment tokens. */
export interface PrintedModule {
  program: t.Program;
  comments: CommentToken[];
}

export function parsePrinted(code: string): PrintedModule {
  // Tolerate anything a stricter reader might object to: the code is ours and is not judged here.
  const file = parse(code, {
    sourceType: "module",
    plugins: ["typescript"],
    attachComment: false,
    errorRecovery: true,
    allowAwaitOutsideFunction: true,
    allowReturnOutsideFunction: true,
    allowUndeclaredExports: true,
  });
  const comments = (file.comments ?? []).map((c) => ({ value: c.value, start: c.start!, end: c.end!, block: c.type === "CommentBlock" }));
  return { program: file.program, comments };
}

/** Every comment token of a printed module, in order. */
function commentTokens(code: string): CommentToken[] {
  return parsePrinted(code).comments;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t";
}

/** The offsets of the line around [start, end): its first character and the one after its "\n". */
function lineAround(code: string, start: number, end: number): { from: number; to: number; alone: boolean } {
  let from = start;
  while (from > 0 && isSpace(code[from - 1])) from--;
  let to = end;
  while (to < code.length && isSpace(code[to])) to++;
  const alone = (from === 0 || code[from - 1] === "\n") && (to === code.length || code[to] === "\n");
  return { from, to: to < code.length ? to + 1 : to, alone };
}

/**
 * Before formatting: each blank-line marker that stands alone on its line becomes that empty
 * line, which prettier keeps as one blank line between statements (and drops at a block's start).
 */
export function applyBlankLines(code: string, count?: MarkerCount): string {
  const parts: string[] = [];
  let copied = 0;
  const tokens = (count && markerTokens(code, count.positions, count.blanks)) ?? commentTokens(code);
  for (const c of tokens) {
    if (!c.block || c.value !== BLANK) continue;
    const line = lineAround(code, c.start, c.end);
    if (line.alone) {
      parts.push(code.slice(copied, line.from), "\n");
      copied = line.to;
    } else {
      parts.push(code.slice(copied, c.start));
      copied = c.end;
    }
  }
  parts.push(code.slice(copied));
  return parts.join("");
}

/** A printed module with its markers taken out, for formatting (see stripMarkers). */
export interface StrippedMarkers {
  /** the text without markers; a blank-line marker alone on its line leaves that line empty */
  text: string;
  /** per position marker: the offset in the printed text of the token after it, and its Python line and column */
  starts: number[];
  lines: number[];
  cols: number[];
}

/**
 * Before formatting: every marker out of the generator's text (`tokens`, from markerTokens),
 * so that prettier has no comments to attach and print for them (a third of its time), with
 * where each position marker stood. A blank-line marker becomes its empty line as in
 * applyBlankLines; a position marker goes as in extractPositions (its line when alone, else
 * itself and the spaces after it). The statement a position marker leads starts at the next
 * token that is not a marker.
 */
export function stripMarkers(code: string, tokens: CommentToken[]): StrippedMarkers {
  const parts: string[] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  const cols: number[] = [];
  let copied = 0;
  for (let i = 0; i < tokens.length; i++) {
    const c = tokens[i]!;
    const line = lineAround(code, c.start, c.end);
    if (c.value === BLANK) {
      parts.push(code.slice(copied, line.alone ? line.from : c.start), line.alone ? "\n" : "");
      copied = line.alone ? line.to : c.end;
      continue;
    }
    const match = POSITION.exec(c.value)!;
    parts.push(code.slice(copied, line.alone ? line.from : c.start));
    copied = line.alone ? line.to : skipSpaces(code, c.end);
    let offset = c.end;
    for (let next = i + 1; ; next++) {
      while (offset < code.length && /\s/.test(code[offset]!)) offset++;
      const marker = tokens[next];
      if (!marker || marker.start !== offset) break;
      offset = marker.end;
    }
    starts.push(offset);
    lines.push(Number(match[1]));
    cols.push(Number(match[2]));
  }
  parts.push(code.slice(copied));
  return { text: parts.join(""), starts, lines, cols };
}

/** Line and column of each offset of `text` (0-based), for a text no marker was taken out of. */
export function lineColumns(text: string): PositionAfterStrip {
  return lineColumnOf(text, () => 0, []);
}

/** Where an offset of the printed text lands once the markers are gone: 0-based line and column. */
export type PositionAfterStrip = (offset: number) => { line: number; column: number };

/**
 * After printing (and formatting): remove the position markers and return the code with one
 * mapping per marker, at the first token that follows it (the statement it leads), and where
 * any other offset of `code` (outside a marker) moved to.
 */
export function extractPositions(code: string, printed: { comments: CommentToken[] }): { code: string; mappings: Mapping[]; moved: PositionAfterStrip } {
  const comments = printed.comments;
  const removals: { from: number; to: number }[] = [];
  const targets: { offset: number; srcLine: number; srcCol: number }[] = [];
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i]!;
    const match = c.block ? POSITION.exec(c.value) : null;
    if (!match && !(c.block && c.value === BLANK)) continue;
    const line = lineAround(code, c.start, c.end);
    // A marker alone on its line takes the line with it; otherwise the marker and its spaces go.
    removals.push(line.alone ? { from: line.from, to: line.to } : { from: c.start, to: skipSpaces(code, c.end) });
    if (!match) continue;
    // The statement starts at the next token: skip whitespace and any comments in between.
    let offset = c.end;
    let next = i + 1;
    for (;;) {
      while (offset < code.length && /\s/.test(code[offset]!)) offset++;
      const comment = comments[next];
      if (comment && comment.start === offset) {
        offset = comment.end;
        next++;
        continue;
      }
      break;
    }
    targets.push({ offset, srcLine: Number(match[1]), srcCol: Number(match[2]) });
  }
  if (removals.length === 0) return { code, mappings: [], moved: lineColumnOf(code, () => 0, []) };

  // Rebuild the text without the markers, tracking how far each target moved.
  const parts: string[] = [];
  let copied = 0;
  let removed = 0;
  let r = 0;
  const shifted: number[] = [];
  for (const target of targets) {
    while (r < removals.length && removals[r]!.to <= target.offset) {
      const cut = removals[r]!;
      parts.push(code.slice(copied, cut.from));
      copied = cut.to;
      removed += cut.to - cut.from;
      r++;
    }
    shifted.push(target.offset - removed);
  }
  for (; r < removals.length; r++) {
    parts.push(code.slice(copied, removals[r]!.from));
    copied = removals[r]!.to;
  }
  parts.push(code.slice(copied));
  const stripped = parts.join("");

  const mappings: Mapping[] = [];
  let line = 0;
  let lineStart = 0;
  let scan = 0;
  targets.forEach((target, i) => {
    const offset = shifted[i]!;
    for (; scan < offset; scan++) {
      if (stripped.charCodeAt(scan) === 10) {
        line++;
        lineStart = scan + 1;
      }
    }
    mappings.push({ genLine: line, genCol: offset - lineStart, srcLine: target.srcLine, srcCol: target.srcCol });
  });
  return { code: stripped, mappings, moved: lineColumnOf(stripped, removedBefore(removals), []) };
}

/** How many characters the removals (sorted, disjoint) take out before an offset. */
function removedBefore(removals: { from: number; to: number }[]): (offset: number) => number {
  const total = [0];
  for (const cut of removals) total.push(total[total.length - 1]! + cut.to - cut.from);
  return (offset) => {
    let low = 0;
    let high = removals.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (removals[mid]!.to <= offset) low = mid + 1;
      else high = mid;
    }
    return total[low]!;
  };
}

/** Offsets of the original text to line/column of `text`, given how much was removed before each. */
function lineColumnOf(text: string, removed: (offset: number) => number, lineStarts: number[]): PositionAfterStrip {
  return (offset) => {
    if (lineStarts.length === 0) {
      lineStarts.push(0);
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    }
    const at = offset - removed(offset);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: at - lineStarts[low]! };
  };
}

function skipSpaces(code: string, from: number): number {
  let to = from;
  while (to < code.length && isSpace(code[to])) to++;
  return to;
}
