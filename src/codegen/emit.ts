// Codegen entry: IR module -> Babel program -> text (@babel/generator) -> prettier, with a
// line-level source map back to the Python file. Positions and blank lines travel as marker
// comment tokens (see positions.ts); no step edits the printed text by pattern.
import * as t from "@babel/types";
import { b } from "./build.js";
import * as generatorModule from "@babel/generator";
import type { ModuleIr } from "../lower/ir.js";
import { BabelBuilder, type RuntimeImports } from "./to-babel.js";
import { buildSourceMap, type Mapping, type SourceMapV3 } from "./source-map.js";
import { applyBlankLines, extractPositions, lineColumns, MarkerCount, markerTokens, parsePrinted, positionMarker, stripMarkers } from "./positions.js";
import { callSpans, FrameMarks, frameOffsets, spansAt, spansFromMappings, tagCallFrames, type TaggedCalls } from "./call-spans.js";
import { sameWords, wordAt, wordFrom, wordTokens } from "./word-tokens.js";
import { stripTypes } from "./strip-types.js";

// @babel/generator is CommonJS; under NodeNext its default export is the module object.
type CodeGeneratorClass = typeof import("@babel/generator").CodeGenerator;
const CodeGenerator: CodeGeneratorClass =
  (generatorModule as unknown as { CodeGenerator?: CodeGeneratorClass }).CodeGenerator ??
  (generatorModule as unknown as { default: { CodeGenerator: CodeGeneratorClass } }).default.CodeGenerator;

export interface EmitOptions {
  /** the .py path as it should appear in the source map */
  sourceName: string;
  sourceText: string;
  /** the .ts file name recorded in the source map */
  outName: string;
  /** format with prettier (skipped when the code is only run, never read) */
  format?: boolean;
  /** emit JavaScript (types stripped from the syntax tree) instead of TypeScript */
  javascript?: boolean;
}

export interface EmitResult {
  code: string;
  map: SourceMapV3;
}

/** Words a binding cannot be named in a module (`enum` is a runtime export, so it gets an alias). */
const RESERVED_WORDS = new Set(["enum", "eval", "arguments", "await", "yield", "let", "static", "implements", "interface", "package", "private", "protected", "public"]);

export class RuntimeImportTable implements RuntimeImports {
  readonly used = new Map<string, string>();
  constructor(private readonly userNames: Set<string>) {}

  local(name: string): string {
    let local = this.used.get(name);
    if (local === undefined) {
      local = name;
      while (this.userNames.has(local) || RESERVED_WORDS.has(local)) local += "_";
      this.used.set(name, local);
    }
    return local;
  }
}

/** Runtime names emitted code uses only as types (aliases, not classes). */
const RUNTIME_TYPE_ONLY: ReadonlySet<string> = new Set(["GeneratorMachine"]);

export async function emitModule(module: ModuleIr, options: EmitOptions): Promise<EmitResult> {
  const format = options.format !== false;
  const imports = new RuntimeImportTable(module.userNames);
  // Blank lines only matter to a reader: unformatted code (`pyts run`) goes without them.
  const builder = new BabelBuilder(imports, options.sourceName, { blankLines: format, classMemberBlankLines: module.classMemberBlankLines });
  const body = builder.stmts(module.body);
  markPositions(builder.positioned);

  const specifiers = [...imports.used.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, local]) => {
      const specifier = b.importSpecifier(b.identifier(local), b.identifier(name));
      // (a runtime type with no value behind it: bundlers refuse a value import of it)
      if (RUNTIME_TYPE_ONLY.has(name)) specifier.importKind = "type";
      return specifier;
    });
  const program: t.Statement[] = [];
  if (specifiers.length) program.push(b.importDeclaration(specifiers, b.stringLiteral(module.runtimeModule)));
  program.push(...body);
  // A program module's globals, under their Python names (`export { default_ as default }`).
  if (module.exports?.length) {
    program.push(b.exportNamedDeclaration(null, module.exports.map((e) => b.exportSpecifier(b.identifier(e.local), t.isValidIdentifier(e.exported, false) ? b.identifier(e.exported) : b.stringLiteral(e.exported)))));
  }
  if (!module.topLevelAwait && !specifiers.length && !module.exports?.length) program.push(b.exportNamedDeclaration(null, []));

  const file = b.file(b.program(program, [], "module"));
  if (options.javascript) stripTypes(file);
  if (format) {
    try {
      return await formatted(file, options);
    } catch (e) {
      // prettier recurses several frames per level of nesting: code nested hundreds of levels
      // deep (which CPython compiles) is emitted as the generator prints it instead
      if (!(e instanceof RangeError && /call stack/.test(e.message))) throw e;
    }
  }
  return unformatted(file, options);
}

/** Unformatted, the printed text is final: the generator's source map places the calls, and a
 * search of the text (exact, or a parse instead) finds the markers. */
function unformatted(file: t.File, options: EmitOptions): EmitResult {
  const count = new MarkerCount();
  const calls = tagCallFrames(file);
  // The generator's marks of the tagged frames (in place of its source map: see FrameMarks).
  const generator = new CodeGenerator(file, { comments: true, shouldPrintComment: count.shouldPrintComment });
  const marks = new FrameMarks();
  if (calls.calls.length > 0) (generator as unknown as { _map: FrameMarks })._map = marks;
  const raw = generator.generate().code;
  const markers = markerTokens(raw, count.positions, count.blanks);
  if (markers !== null) {
    const { code, mappings, moved } = extractPositions(raw, { comments: markers });
    const map = buildSourceMap(options.outName, options.sourceName, options.sourceText, mappings);
    const spans = calls.calls.length > 0 ? spansFromMappings(calls, marks.getDecoded().mappings, raw, moved) : [];
    if (spans.length) map.x_pyts_calls = spans;
    return { code, map };
  }
  return finish(file, raw, options, calls.calls.length > 0);
}

/**
 * prettier's standalone entry with the only two plugins emitted code needs (the Babel parsers
 * and the ESTree printer), loaded on first use (`pyts run` starts faster without it). Every
 * call normalises its options against every option its plugins declare: with two plugins
 * rather than the full entry's twenty-odd languages, that fixed cost per module is smaller.
 */
let prettier: { format: (text: string, options: object) => Promise<string>; plugins: object[] } | undefined;

async function loadPrettier(): Promise<NonNullable<typeof prettier>> {
  const [standalone, babel, estree] = await Promise.all([import("prettier/standalone"), import("prettier/plugins/babel"), import("prettier/plugins/estree")]);
  return { format: standalone.format, plugins: [babel, estree] };
}

async function formatted(file: t.File, options: EmitOptions): Promise<EmitResult> {
  const count = new MarkerCount();
  const calls = tagCallFrames(file);
  const generator = new CodeGenerator(file, { comments: true, shouldPrintComment: count.shouldPrintComment });
  const marks = new FrameMarks();
  if (calls.calls.length > 0) (generator as unknown as { _map: FrameMarks })._map = marks;
  const raw = generator.generate().code;
  // (Embedded languages off: their search walks the whole tree for tagged templates, CSS in
  // JSX and the like, which emitted code never holds.)
  prettier ??= await loadPrettier();
  const prettierOptions = { parser: options.javascript ? "babel" : "babel-ts", plugins: prettier.plugins, printWidth: 100, objectWrap: "collapse", embeddedLanguageFormatting: "off" };
  const withoutMarkers = await formattedWithoutMarkers(calls, marks, raw, count, prettierOptions, options);
  if (withoutMarkers !== null) return withoutMarkers;
  const printed = await prettier.format(applyBlankLines(raw, count), prettierOptions);
  return (calls.calls.length > 0 ? framesByWords(calls, marks, raw, printed, count, options) : null) ?? finish(file, printed, options, calls.calls.length > 0);
}

/**
 * Formats the generator's text with its markers taken out (prettier spends a third of its
 * time attaching and printing comments, and the markers are most of a module's comments),
 * then places statements and calls by their words (see word-tokens.ts): a statement the
 * generator printed at its n-th word starts at prettier's n-th word. Null when that is not
 * exact, before formatting (a string spells a marker, a statement or frame does not start
 * at a word) or after (the words differ, a statement's word is not the first of its line,
 * which is where prettier puts every statement): the markers then go through prettier.
 */
async function formattedWithoutMarkers(calls: TaggedCalls, marks: FrameMarks, raw: string, count: MarkerCount, prettierOptions: object, options: EmitOptions): Promise<EmitResult | null> {
  const tokens = markerTokens(raw, count.positions, count.blanks);
  const rawWords = tokens && wordTokens(raw);
  if (!tokens || !rawWords) return null;
  const stripped = stripMarkers(raw, tokens);
  // per statement: the word it starts at, or the first word after its opening brackets
  // (`(obj?.m ?? noMethod(obj, "m"))(x)`, `[a, b] = ...`), which are kept (see bracketsBefore)
  const statementWords: number[] = [];
  const openings: string[] = [];
  for (const offset of stripped.starts) {
    const word = wordFrom(rawWords, offset);
    const opening = word < rawWords.starts.length ? raw.slice(offset, rawWords.starts[word]).replace(/\s+/g, "") : "?";
    if (!/^[([]*$/.test(opening)) return null;
    statementWords.push(word);
    openings.push(opening);
  }
  const frames = calls.calls.length > 0 ? frameOffsets(calls, marks.getDecoded().mappings, raw) : [];
  for (let id = 0; id < frames.length; id++) {
    if (frames[id] === -1) continue;
    const word = calls.wordFirst[id] ? wordAt(rawWords, frames[id]!) : -1;
    if (word === -1) return null;
    frames[id] = word;
  }
  const printed = await prettier!.format(stripped.text, prettierOptions);
  const printedWords = wordTokens(printed);
  if (!printedWords || !sameWords(rawWords, printedWords)) return null;
  const at = lineColumns(printed);
  const mappings: Mapping[] = [];
  for (let i = 0; i < statementWords.length; i++) {
    const offset = bracketsBefore(printed, printedWords.starts[statementWords[i]!]!, openings[i]!);
    if (offset === -1) return null;
    const { line, column } = at(offset);
    mappings.push({ genLine: line, genCol: column, srcLine: stripped.lines[i]!, srcCol: stripped.cols[i]! });
  }
  for (let id = 0; id < frames.length; id++) if (frames[id] !== -1) frames[id] = printedWords.starts[frames[id]!]!;
  const map = buildSourceMap(options.outName, options.sourceName, options.sourceText, mappings);
  const spans = frames.length > 0 ? spansAt(calls, frames, at) : [];
  if (spans.length) map.x_pyts_calls = spans;
  return { code: printed, map };
}

/**
 * Where a statement starts in prettier's text: `word` is its first word, `opening` the brackets
 * the generator printed before that word, which must precede it (spaces and line breaks
 * aside) and start a line, where prettier puts each statement; -1 when they do not.
 */
function bracketsBefore(printed: string, word: number, opening: string): number {
  let at = word;
  for (let k = opening.length - 1; k >= -1; k--) {
    let c = printed.charCodeAt(at - 1);
    while (at > 0 && (c === 32 || c === 9 || (k >= 0 && c === 10))) c = printed.charCodeAt(--at - 1);
    if (k === -1) return at === 0 || c === 10 ? skipBlank(printed, at) : -1;
    if (at === 0 || c !== opening.charCodeAt(k)) return -1;
    at--;
  }
  return -1;
}

function skipBlank(text: string, at: number): number {
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  return at;
}

/**
 * Positions and calls of the formatted text without parsing it: the markers by a search of
 * its text (applyBlankLines took every blank-line marker out), the calls' frames at the word
 * the generator printed each at, the same word of prettier's text (see word-tokens.ts).
 * Null when either is not exact: a string of the program spells a marker, the texts' words
 * differ, or a frame starts at something other than a word.
 */
function framesByWords(calls: TaggedCalls, marks: FrameMarks, raw: string, printed: string, count: MarkerCount, options: EmitOptions): EmitResult | null {
  const markers = markerTokens(printed, count.positions, 0);
  if (markers === null) return null;
  const rawWords = wordTokens(raw);
  const printedWords = rawWords && wordTokens(printed);
  if (!rawWords || !printedWords || !sameWords(rawWords, printedWords)) return null;
  const offsets = frameOffsets(calls, marks.getDecoded().mappings, raw);
  for (let id = 0; id < offsets.length; id++) {
    if (offsets[id] === -1) continue;
    if (!calls.wordFirst[id]) return null;
    const word = wordAt(rawWords, offsets[id]!);
    if (word === -1) return null;
    offsets[id] = printedWords.starts[word]!;
  }
  const { code, mappings, moved } = extractPositions(printed, { comments: markers });
  const map = buildSourceMap(options.outName, options.sourceName, options.sourceText, mappings);
  const spans = spansAt(calls, offsets, moved);
  if (spans.length) map.x_pyts_calls = spans;
  return { code, map };
}

/** Positions and calls found by parsing the printed text. */
function finish(file: t.File, printed: string, options: EmitOptions, withCalls: boolean): EmitResult {
  // One parse of the printed text finds the position markers and the calls.
  const printedModule = parsePrinted(printed);
  const { code, mappings, moved } = extractPositions(printed, printedModule);
  const map = buildSourceMap(options.outName, options.sourceName, options.sourceText, mappings);
  // the Python spans of calls, for the carets under a traceback's failing expression
  const spans = withCalls ? callSpans(file, printedModule, moved) : [];
  if (spans.length) map.x_pyts_calls = spans;
  return { code, map };
}

/**
 * Tags each positioned statement and class member (BabelBuilder.positioned, once each) with
 * its Python position as a leading block comment, once the tree is built.
 */
export function markPositions(positioned: t.Node[]): void {
  const marked = new Set<t.Node>();
  for (const node of positioned) {
    if (marked.has(node) || !node.loc) continue;
    marked.add(node);
    // The marker goes after any Python comments so they keep their own lines.
    node.leadingComments = [...(node.leadingComments ?? []), positionMarker(node.loc.start.line, node.loc.start.column)];
  }
}
