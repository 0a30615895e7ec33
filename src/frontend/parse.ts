// Entry point of the frontend: Python source text to a typed Module, or located diagnostics.
import { type Diagnostic, DiagnosticError, type Module, OutOfStack } from "./ast.js";
import { type CNode, NestingTooDeep, Source } from "./cst.js";
import { firstErrorPath, type LocatedDiagnostic, syntaxErrorFor } from "./errors.js";
import { normalizeIdentifiers } from "./identifiers.js";
import { isFirstPassError, legacyCallBefore, legacyCallMessage } from "./legacy_print.js";
import { missingMatchColon, regionError } from "./parse_errors.js";
import { parseRepaired } from "./repair.js";
import { convertDefParams } from "./params.js";
import { convertForTarget, convertStatements } from "./statements.js";
import { type Lexed, type LexError, type Place, tokenize } from "./tokenizer.js";
import { cpythonChainLimit } from "./deep_limits.js";
import { deepestStatement, stackExhausted } from "./depth.js";
import { validateModule } from "./validate.js";
import { commentsAt, type PyComment } from "./comments.js";
import type { CompileWarning } from "./warnings.js";

const TOO_DEEP = "unsupported: code nested too deeply for pyts's parser (a very long chain of conditional expressions, unary operators or `**`?)";

export interface Parsed {
  module: Module;
  /** what CPython's compiler would warn about (SyntaxWarning), in its order */
  warnings: CompileWarning[];
  /** the source's comments (the tokenizer finds them while parsing: no second pass) */
  comments: PyComment[];
}

export function parsePython(source: string, filename: string): Module {
  return parseModule(source, filename).module;
}

export function parseModule(source: string, filename: string): Parsed {
  const warnings: CompileWarning[] = [];
  const found: { comments?: PyComment[] } = {};
  const module = parseAst(source, filename, warnings, found);
  // a `**` or lambda chain may be past the parser's levels but within the compiler's
  const twoLevelChains = (source.match(TWO_LEVEL_CHAIN)?.length ?? 0) >= 2984;
  const parserLimit = twoLevelChains ? pastParserStack(source, module) : null;
  if (parserLimit) throw parserLimit;
  try {
    warnings.push(...validateModule(module));
  } catch (e) {
    // a chain past the compiler's levels may be past the parser's too, which refuses it first
    const tooDeep = e instanceof DiagnosticError && e.diagnostics[0]?.kind === "RecursionError";
    throw (tooDeep ? pastParserStack(source, module) : null) ?? stackExhausted(module, e) ?? e;
  }
  return { module, warnings, comments: found.comments ?? [] };
}

/** Operators of which CPython's parser can nest at most 2,983 (two of its 6,000 levels each). */
const TWO_LEVEL_CHAIN = /\*\*|\blambda\b/g;

/**
 * CPython's parser runs out of its 6,000 levels (MemoryError) before its compiler counts the
 * depth: on a `**` or lambda chain of 2,984 or more, or any other chain of 5,968; pyts's parser
 * takes them. The error, as a DiagnosticError, for the deepest statement if it is such a chain.
 */
function pastParserStack(source: string, module: Module): DiagnosticError | null {
  const deepest = deepestStatement(module);
  if (!deepest || deepest.depth < 2984) return null;
  const src = new Source(source.replace(/\r\n?/g, "\n"));
  const limit = cpythonChainLimit(src, src.offsetOf(deepest.stmt.lineno, 0));
  return limit?.kind === "MemoryError" ? new DiagnosticError([limit]) : null;
}

/**
 * The tree alone, as `ast.parse` gives it: without the symbol-table and compiler checks.
 * `warnings` receives what CPython warns about while parsing.
 */
export function parseAst(source: string, filename: string, warnings: CompileWarning[] = [], found?: { comments?: PyComment[] }): Module {
  void filename; // diagnostics carry positions; the caller pairs them with the file name
  // CPython's tokenizer turns every line ending into "\n"; doing the same keeps literal values right
  const text = source.replace(/\r\n?/g, "\n");
  const src = new Source(text);
  try {
    const lexed = tokenize(text);
    const { error } = lexed;
    // a tokenizer error with a message wins over any parse error: no need to parse
    if (error?.overrides && !finalParserErrorBefore(lexed, error)) throw new DiagnosticError([diagnostic(error)]);
    // the parser only matters up to where the tokenizer stopped
    const { root, regions } = parseRepaired(error ? lexed.lezerText.slice(0, error.at) : lexed.lezerText);
    for (const [from, to] of regions) src.regions.set(from, to);
    src.hiddenBlankRuns = lexed.hiddenBlankRuns;
    // (only a bare `yield` leaves such a node: without the word, no node of the tree needs the walk)
    if (YIELD_WORD.test(text)) clampToBlankRuns(root, lexed.hiddenBlankRuns);
    // where Lezer's text stops at a tokenizer error, a region hidden from Lezer may fail first
    // and so may one before the error the token checks found (an unexpected indent...)
    const pe = lexed.parserError;
    const parserError = syntaxErrorFor(root, src) ?? (error && !error.overrides ? regionError(src, error.at) : null) ??
      (pe ? regionError(src, src.offsetOf(pe.anchor.line, pe.anchor.col)) : null);
    let first = firstError(lexed, parserError);
    if (first && error?.unreached && !isTokenizerError(first, lexed)) first = diagnostic(error.unreached);
    if (first) {
      let chosen = first;
      // a tokenizer error without a message of its own (an indentation state, an unclosed
      // bracket at the end) is no exception CPython keeps over its second pass's errors
      if ((!isTokenizerError(first, lexed) || !lexed.error!.overrides) && !isFirstPassError(first.message)) {
        // the second pass meets the statements in order: the earlier of its errors wins
        const converted = earlierStatementError(root.children, src, src.offsetOf(first.line, first.col));
        const match = missingMatchColon(src, first);
        if (converted && (!match || src.offsetOf(converted.line, converted.col) < match.offset)) chosen = converted;
        else chosen = match?.diagnostic ?? first;
        chosen = withLegacyCall(chosen, src);
      }
      // an error of CPython's second parse pass is followed by a look at the whole token
      // stream, whose errors win (only "unexpected indent" is reported without it)
      if (chosen !== first && lexed.error?.overrides) chosen = diagnostic(lexed.error);
      throw new DiagnosticError([chosen]);
    }
    let body;
    try {
      body = convertStatements(root.children, src);
    } catch (e) {
      // the converters find the errors of CPython's second parse pass (`1 = x`, `f(a=1, b)`)
      if (e instanceof DiagnosticError && e.diagnostics.length === 1) throw new DiagnosticError([withLegacyCall(e.diagnostics[0]!, src)]);
      throw e;
    }
    const module: Module = { _type: "Module", body, type_ignores: [] };
    if (/[^\x00-\x7f]/.test(text)) normalizeIdentifiers(module);
    warnings.push(...src.warnings);
    if (found) found.comments = commentsAt(src, lexed.comments);
    return module;
  } catch (e) {
    if (e instanceof NestingTooDeep || (e instanceof RangeError && /call stack/.test(e.message))) {
      // Lezer's parse stack and tree have depth limits (and building it may exhaust the stack first)
      const offset = e instanceof NestingTooDeep ? Math.min(e.offset, text.length) : 0;
      // past CPython's own limits, its error (RecursionError, MemoryError) rather than pyts's
      const limit = cpythonChainLimit(src, offset);
      if (limit) throw new DiagnosticError([limit]);
      const tooDeep = src.diagnostic(offset, TOO_DEEP, "Unsupported");
      throw e instanceof NestingTooDeep ? new DiagnosticError([tooDeep]) : new OutOfStack([tooDeep]);
    }
    // anything else (a DiagnosticError aside) is a fault in pyts: it propagates, and the CLI
    // reports it as an internal error (never disguised as the user's syntax error)
    throw e;
  }
}

/**
 * CPython's second parse pass meets the errors the converters find (`3 = x`, `f(a=1, b)`, a
 * for target `for 1 in x:`) in the complete statements before the parse error, and in the
 * headers of the blocks holding it; Lezer's tree holds those intact.
 */
function earlierStatementError(list: CNode[], src: Source, limit: number): Diagnostic | null {
  const before: CNode[] = [];
  let holding: CNode | null = null;
  for (const c of list) {
    if (c.name === ":" || c.name === "Comment") continue;
    if (c.to > limit || c.isError || firstErrorPath(c, src)) {
      holding = c;
      break;
    }
    before.push(c);
  }
  // (no statement holds the error when it is a tokenizer error past Lezer's text: the
  // statements before it still go through the second pass)
  if (before.length > 0) {
    const d = conversionError(() => convertStatements(before, src));
    if (d && src.offsetOf(d.line, d.col) <= before[before.length - 1]!.to) return d;
  }
  if (!holding || holding.isError) return null;
  // a def's parameters come before its body (`def f(*):` with an error in the body)
  const params = holding.name === "FunctionDefinition" ? holding.children.find((c) => c.name === "ParamList") : undefined;
  if (params && params.to <= limit && !params.isError && !firstErrorPath(params, src)) {
    const d = conversionError(() => convertDefParams(params, src));
    if (d) return d;
  }
  const forIn = holding.children.findIndex((c) => c.name === "in");
  if (holding.name === "ForStatement" && forIn > 0 && holding.children.slice(0, forIn).every((c) => !c.isError && !firstErrorPath(c, src))) {
    const d = conversionError(() => convertForTarget(holding, src));
    if (d) return d;
  }
  const body = holding.children.find((c) => c.name === "Body" && c.from <= limit && limit <= c.to);
  return body ? earlierStatementError(body.children, src, limit) : null;
}

/** The SyntaxError a conversion raises, if any. */
function conversionError(convert: () => unknown): Diagnostic | null {
  try {
    convert();
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    const d = e.diagnostics[0]!;
    // the converters' own messages for a tree they cannot take ("invalid syntax", "expected an
    // indented block") are not CPython's second-pass rules: Lezer and the tokenizer pass decide those
    // (a duplicate parameter is the symbol table's error, after any parse error)
    if (d.kind === "SyntaxError" && d.message !== "invalid syntax" && !d.message.startsWith("duplicate argument")) return d;
  }
  return null;
}

const YIELD_WORD = /\byield\b/;

/**
 * An empty error node Lezer leaves where a value is optional to CPython (bare `yield`) sits
 * after the hidden blank lines that follow it; the nodes ending there end before them.
 */
function clampToBlankRuns(root: CNode, runs: number[]): void {
  if (runs.length === 0) return;
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    let holder = n;
    let last = n.children[n.children.length - 1];
    while (last && !last.isError && last.to === n.to && last.children.length > 0) {
      holder = last;
      last = last.children[last.children.length - 1];
    }
    if (last?.isError && last.from === last.to && holder.name === "YieldExpression") {
      for (let k = 0; k < runs.length; k += 2) {
        if (n.to > runs[k]! && n.to <= runs[k + 1]! + 1 && last.to === n.to) {
          clampEnd(n, n.to, runs[k]!);
          break;
        }
      }
    }
    for (const c of n.children) stack.push(c);
  }
}

/** Ends `n` and its trailing descendants that end at `to` at `at` instead. */
function clampEnd(n: CNode, to: number, at: number): void {
  for (let c: CNode | undefined = n; c && c.to === to; c = c.children[c.children.length - 1]) {
    c.to = at;
    if (c.from > at) c.from = at;
  }
}

/** Tokenizer errors stop CPython's first parse pass: no second pass looks for legacy calls. */
function isTokenizerError(d: Diagnostic, lexed: Lexed): boolean {
  const t = lexed.error;
  return !!t && t.message === d.message && t.line === d.line && t.col === d.col;
}

/** A parser error, or the Python 2 print statement CPython's second pass meets before it. */
function withLegacyCall(d: Diagnostic, src: Source): Diagnostic {
  const at = d as Diagnostic & { at?: Place };
  const limit = src.offsetOf(at.at?.line ?? d.line, at.at?.col ?? d.col);
  const legacy = legacyCallBefore(src.text, d, Math.min(limit, src.offsetOf(d.line, d.col)));
  return legacy ? src.diagnostic(legacy.from, legacyCallMessage(legacy.name)) : d;
}

function diagnostic(e: LexError): Diagnostic {
  return { kind: e.kind, message: e.message, line: e.line, col: e.col };
}

function atOrBefore(a: Place, b: Place): boolean {
  return a.line < b.line || (a.line === b.line && a.col <= b.col);
}

function strictlyBefore(a: Place, b: Place): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

/** "unexpected indent" is raised without the look at the rest of the file that lets tokenizer errors win. */
function finalParserErrorBefore(lexed: Lexed, error: LexError): boolean {
  const pe = lexed.parserError;
  return !!pe && pe.final && strictlyBefore(pe.anchor, error.anchor);
}

/**
 * The error CPython reports, given the tokenizer pass and the first error Lezer's parse shows.
 * The parser fails at the earlier of Lezer's error and the errors the token stream shows; a
 * tokenizer error counts if the parser reaches it (or always, for the ones with a message).
 */
function firstError(lexed: Lexed, located: LocatedDiagnostic | null): Diagnostic | null {
  let lezerError: Diagnostic | null = null;
  let lezerAt: Place | null = null;
  if (located) {
    const { at, ...diagnostic } = located;
    lezerError = diagnostic;
    lezerAt = at ?? diagnostic;
  }
  const pe = lexed.parserError;
  let parser: Diagnostic | null = null;
  let parserAt: Place | null = null;
  let fromLezer = false;
  if (pe && (!lezerAt || atOrBefore(pe.anchor, lezerAt))) {
    parser = diagnostic(pe);
    parserAt = pe.anchor;
  } else if (lezerError) {
    parser = lezerError;
    parserAt = lezerAt;
    fromLezer = true;
  }
  const t = lexed.error;
  if (t && (t.overrides ? !(pe?.final && parser?.message === pe.message && !fromLezer) : !parserAt || !strictlyBefore(parserAt, t.anchor))) {
    return diagnostic(t);
  }
  // a generic error (Lezer's, or the token checks' plain "invalid syntax") on a later line
  // than a bracket left open: CPython reads on after a parse error, and blames the bracket
  const generic = fromLezer || (!!pe && parser !== null && !pe.final && pe.message === "invalid syntax");
  if (parser && generic && lexed.unclosed && (parserAt ?? parser).line > lexed.unclosed.line) {
    return { kind: "SyntaxError", message: `'${lexed.unclosed.char}' was never closed`, line: lexed.unclosed.line, col: lexed.unclosed.col };
  }
  return parser;
}

export type { CNode, CompileWarning };
export { collectComments, type PyComment } from "./comments.js";
