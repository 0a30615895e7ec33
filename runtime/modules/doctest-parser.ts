// doctest's DocTestParser (Lib/doctest.py): a docstring's examples (`>>> source`, `... more`,
// then the expected output), their 0-based line numbers, indentation, `# doctest: +FLAG`
// directives and the exception message an expected traceback names. The compiler parses
// docstrings with it to compile their examples; the runtime parses the same text again to
// report them, so both see the same examples in the same order.

/** CPython's option flags, in registration order (each a bit). */
export const OPTION_NAMES = [
  "DONT_ACCEPT_TRUE_FOR_1", "DONT_ACCEPT_BLANKLINE", "NORMALIZE_WHITESPACE", "ELLIPSIS", "SKIP",
  "IGNORE_EXCEPTION_DETAIL", "REPORT_UDIFF", "REPORT_CDIFF", "REPORT_NDIFF",
  "REPORT_ONLY_FIRST_FAILURE", "FAIL_FAST",
] as const;

export const OPTIONFLAGS_BY_NAME = new Map<string, number>(OPTION_NAMES.map((name, i) => [name, 1 << i]));
export const flag = (name: (typeof OPTION_NAMES)[number]): number => OPTIONFLAGS_BY_NAME.get(name)!;

/** One parsed example: what Lib/doctest.py's Example holds. */
export interface ParsedExample {
  source: string;
  want: string;
  exc_msg: string | null;
  /** 0-based, relative to the docstring */
  lineno: number;
  indent: number;
  /** flag -> on/off, in directive order */
  options: Map<number, boolean>;
}

/** The ValueError CPython raises for malformed examples (the caller raises its own type). */
export class DocTestSyntax extends Error {}

// Python's `^`, `$` in MULTILINE mode and `.` (anything but "\n"), spelled so that JS reads
// them alike ("\r" and U+2028 are ordinary characters to Python's re).
const EXAMPLE_RE = /(?<source>(?<![^\n])(?<indent> *)>>>[^\n]*(?:\n *\.\.\.[^\n]*)*)\n?(?<want>(?:(?! *(?:\n|(?![\s\S])))(?! *>>>)[^\n]+\n?)*)/g;
const EXCEPTION_RE = /^Traceback \((?:most recent call last|innermost last)\):\s*(?:(?=\n)|(?![\s\S]))[\s\S]*?(?<![^\n])(?<msg>[\p{L}\p{N}_][\s\S]*)$/u;
const OPTION_DIRECTIVE_RE = /#\s*doctest:\s*([^\n'"]*)(?=\n|(?![\s\S]))/g;
const INDENT_RE = /(?<![^\n])( *)(?=\S)/g;
const BLANK_OR_COMMENT = /^ *(?:#[^\n]*)?\n?$/;

export function isBlankOrComment(source: string): boolean {
  return BLANK_OR_COMMENT.test(source);
}

/** str.expandtabs(8). */
export function expandTabs(s: string, size = 8): string {
  if (!s.includes("\t")) return s;
  let out = "";
  let column = 0;
  for (const ch of s) {
    if (ch === "\t") {
      const spaces = size - (column % size);
      out += " ".repeat(spaces);
      column += spaces;
    } else {
      out += ch;
      column = ch === "\n" || ch === "\r" ? 0 : column + 1;
    }
  }
  return out;
}

function count(s: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf(ch, from); i >= 0 && i < to; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function minIndent(s: string): number {
  let least = -1;
  for (const m of s.matchAll(INDENT_RE)) if (least < 0 || m[1]!.length < least) least = m[1]!.length;
  return least < 0 ? 0 : least;
}

const pyRepr = (s: string): string => {
  // repr() of a str as the messages quote it (the common cases: no quote of both kinds)
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r");
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
};

/** DocTestParser.parse: the docstring's text pieces and examples, in order. */
export function parseDocstring(text: string, name = "<string>"): (string | ParsedExample)[] {
  let string = expandTabs(text);
  const least = minIndent(string);
  if (least > 0) string = string.split("\n").map((l) => l.slice(least)).join("\n");
  const output: (string | ParsedExample)[] = [];
  let charno = 0;
  let lineno = 0;
  for (const m of string.matchAll(EXAMPLE_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (end === start && m.groups!.source === undefined) continue;
    output.push(string.slice(charno, start));
    lineno += count(string, "\n", charno, start);
    const example = parseExample(m.groups!.source!, m.groups!.indent!, m.groups!.want!, name, lineno);
    if (!isBlankOrComment(example.source)) {
      output.push({ ...example, source: withNewline(example.source), want: example.want && withNewline(example.want), exc_msg: example.exc_msg === null ? null : withNewline(example.exc_msg), lineno, indent: least + m.groups!.indent!.length });
    }
    lineno += count(string, "\n", start, end);
    charno = end;
  }
  output.push(string.slice(charno));
  return output;
}

/** DocTestParser.get_examples. */
export function parseExamples(text: string, name = "<string>"): ParsedExample[] {
  return parseDocstring(text, name).filter((x): x is ParsedExample => typeof x !== "string");
}

const withNewline = (s: string): string => (s.endsWith("\n") ? s : `${s}\n`);

function parseExample(sourceText: string, indentText: string, wantText: string, name: string, lineno: number): Omit<ParsedExample, "lineno" | "indent"> {
  const indent = indentText.length;
  const sourceLines = sourceText.split("\n");
  sourceLines.forEach((line, i) => {
    if (line.length >= indent + 4 && line[indent + 3] !== " ") {
      throw new DocTestSyntax(`line ${lineno + i + 1} of the docstring for ${name} lacks blank after ${line.slice(indent, indent + 3)}: ${pyRepr(line)}`);
    }
  });
  checkPrefix(sourceLines.slice(1), " ".repeat(indent) + ".", name, lineno);
  const source = sourceLines.map((l) => l.slice(indent + 4)).join("\n");
  const wantLines = wantText.split("\n");
  if (wantLines.length > 1 && /^ *$/.test(wantLines.at(-1)!)) wantLines.pop();
  checkPrefix(wantLines, " ".repeat(indent), name, lineno + sourceLines.length);
  const want = wantLines.map((l) => l.slice(indent)).join("\n");
  const exc = EXCEPTION_RE.exec(want);
  return { source, want, exc_msg: exc ? exc.groups!.msg! : null, options: findOptions(source, name, lineno) };
}

function checkPrefix(lines: string[], prefix: string, name: string, lineno: number): void {
  lines.forEach((line, i) => {
    if (line && !line.startsWith(prefix)) throw new DocTestSyntax(`line ${lineno + i + 1} of the docstring for ${name} has inconsistent leading whitespace: ${pyRepr(line)}`);
  });
}

function findOptions(source: string, name: string, lineno: number): Map<number, boolean> {
  const options = new Map<number, boolean>();
  for (const m of source.matchAll(OPTION_DIRECTIVE_RE)) {
    for (const option of m[1]!.replace(/,/g, " ").split(/\s+/).filter(Boolean)) {
      const value = OPTIONFLAGS_BY_NAME.get(option.slice(1));
      if (!"+-".includes(option[0]!) || value === undefined) {
        throw new DocTestSyntax(`line ${lineno + 1} of the doctest for ${name} has an invalid option: ${pyRepr(option)}`);
      }
      options.set(value, option[0] === "+");
    }
  }
  if (options.size > 0 && isBlankOrComment(source)) {
    throw new DocTestSyntax(`line ${lineno} of the doctest for ${name} has an option directive on a line with no example: ${pyRepr(source)}`);
  }
  return options;
}
