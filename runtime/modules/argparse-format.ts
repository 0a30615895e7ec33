// Python's `argparse`, part 2: HelpFormatter and its four variants (CPython's layout of usage
// lines, sections, action invocations and wrapped help text, ported from Lib/argparse.py).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { kw } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { getattr, hasattr, vars } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { mod } from "../values/arithmetic.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { callMethod } from "../values/methods.js";
import { nodeProcess } from "../core/host.js";
import { TextWrapper } from "./textwrap.js";
import { bindArgs, none, SUPPRESS, OPTIONAL, ZERO_OR_MORE, ONE_OR_MORE, REMAINDER, PARSER, type Action } from "./argparse-actions.js";

type Item = () => string;

class Section {
  items: Item[] = [];
  constructor(
    readonly formatter: HelpFormatter,
    readonly parent: Section | null,
    readonly heading: unknown = null,
  ) {}

  format_help(): string {
    const f = this.formatter;
    if (this.parent !== null) f._indent();
    const itemHelp = f._join_parts(this.items.map((item) => item()));
    if (this.parent !== null) f._dedent();
    if (!itemHelp) return "";
    const heading = this.heading !== SUPPRESS && !none(this.heading) ? `${" ".repeat(f._current_indent)}${toStr(this.heading)}:\n` : "";
    return f._join_parts(["\n", heading, itemHelp, "\n"]);
  }
}

/** The terminal's width as shutil.get_terminal_size() reads it (COLUMNS, the tty, else 80). */
function terminalColumns(): number {
  const process = nodeProcess();
  const env = Number.parseInt(process?.env["COLUMNS"] ?? "", 10);
  if (env > 0) return env;
  const out = process?.stdout as { isTTY?: boolean; columns?: number } | undefined;
  if (out?.isTTY && out.columns) return out.columns;
  return 80;
}

function len(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function num(x: unknown): number {
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  throw new PyTypeError(`'${typeof x}' object cannot be interpreted as an integer`);
}

function isCount(nargs: unknown): nargs is bigint | number {
  return typeof nargs === "bigint" || typeof nargs === "number";
}

export class HelpFormatter {
  static readonly __module__ = "argparse";
  [attr: string]: any;
  _prog: any;
  _indent_increment: number;
  _max_help_position: number;
  _width: number;
  _current_indent = 0;
  _level = 0;
  _action_max_length = 0;
  _root_section: Section;
  _current_section: Section;

  constructor(...args: unknown[]) {
    const p = bindArgs(`${"HelpFormatter"}.__init__`, args, ["prog", "indent_increment", "max_help_position", "width"], { indent_increment: 2n, max_help_position: 24n, width: null });
    const width = none(p.width) ? terminalColumns() - 2 : num(p.width);
    this._prog = p.prog;
    this._indent_increment = num(p.indent_increment);
    this._max_help_position = Math.min(num(p.max_help_position), Math.max(width - 20, this._indent_increment * 2));
    this._width = width;
    this._root_section = new Section(this, null);
    this._current_section = this._root_section;
  }

  _indent(): void {
    this._current_indent += this._indent_increment;
    this._level += 1;
  }

  _dedent(): void {
    this._current_indent -= this._indent_increment;
    this._level -= 1;
  }

  _add_item(item: Item): void {
    this._current_section.items.push(item);
  }

  start_section(heading: unknown): null {
    this._indent();
    const section = new Section(this, this._current_section, heading);
    this._add_item(() => section.format_help());
    this._current_section = section;
    return null;
  }

  end_section(): null {
    this._current_section = this._current_section.parent!;
    this._dedent();
    return null;
  }

  add_text(text: unknown): null {
    if (text !== SUPPRESS && !none(text)) this._add_item(() => this._format_text(text));
    return null;
  }

  add_usage(usage: unknown, actions: unknown, groups: unknown, prefix: unknown = null): null {
    if (usage !== SUPPRESS) this._add_item(() => this._format_usage(usage, actions, groups, prefix));
    return null;
  }

  add_argument(action: Action): null {
    if (action.help !== SUPPRESS) {
      const invocations = [this._format_action_invocation(action)];
      for (const sub of this._iter_indented_subactions(action)) invocations.push(this._format_action_invocation(sub));
      const invocationLength = Math.max(...invocations.map((s) => len(toStr(s))));
      this._action_max_length = Math.max(this._action_max_length, invocationLength + this._current_indent);
      this._add_item(() => this._format_action(action));
    }
    return null;
  }

  add_arguments(actions: unknown): null {
    for (const action of iterable(actions)) this.add_argument(action as Action);
    return null;
  }

  format_help(): string {
    let help = this._root_section.format_help();
    if (help) {
      help = help.replace(/\n\n\n+/g, "\n\n");
      help = help.replace(/^\n+|\n+$/g, "") + "\n";
    }
    return help;
  }

  _join_parts(parts: unknown[]): string {
    return parts.filter((p) => p && p !== SUPPRESS).map((p) => toStr(p)).join("");
  }

  _format_usage(usageArg: unknown, actionsArg: unknown, groupsArg: unknown, prefixArg: unknown): string {
    const prefix = none(prefixArg) ? "usage: " : toStr(prefixArg);
    const actions = Array.from(iterable(actionsArg)) as Action[];
    const groups = Array.from(iterable(groupsArg));
    let usage: string;
    if (!none(usageArg)) {
      usage = toStr(mod(usageArg, Dict.of(["prog", this._prog])));
    } else if (actions.length === 0) {
      usage = toStr(this._prog);
    } else {
      const prog = toStr(this._prog);
      const optionals = actions.filter((a) => a.option_strings.length > 0);
      const positionals = actions.filter((a) => a.option_strings.length === 0);
      const actionUsage = toStr(this._format_actions_usage([...optionals, ...positionals], groups));
      usage = [prog, actionUsage].filter((s) => s).join(" ");
      const textWidth = this._width - this._current_indent;
      if (len(prefix) + len(usage) > textWidth) {
        const partRegexp = /\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+/g;
        const optUsage = toStr(this._format_actions_usage(optionals, groups));
        const posUsage = toStr(this._format_actions_usage(positionals, groups));
        const optParts = optUsage.match(partRegexp) ?? [];
        const posParts = posUsage.match(partRegexp) ?? [];
        const getLines = (parts: string[], indent: string, pre: string | null = null): string[] => {
          const lines: string[] = [];
          let line: string[] = [];
          let lineLen = pre !== null ? len(pre) - 1 : len(indent) - 1;
          for (const part of parts) {
            if (lineLen + 1 + len(part) > textWidth && line.length > 0) {
              lines.push(indent + line.join(" "));
              line = [];
              lineLen = len(indent) - 1;
            }
            line.push(part);
            lineLen += len(part) + 1;
          }
          if (line.length > 0) lines.push(indent + line.join(" "));
          if (pre !== null) lines[0] = lines[0]!.slice(indent.length);
          return lines;
        };
        let lines: string[];
        if (len(prefix) + len(prog) <= 0.75 * textWidth) {
          const indent = " ".repeat(len(prefix) + len(prog) + 1);
          if (optParts.length > 0) {
            lines = getLines([prog, ...optParts], indent, prefix);
            lines.push(...getLines(posParts, indent));
          } else if (posParts.length > 0) {
            lines = getLines([prog, ...posParts], indent, prefix);
          } else {
            lines = [prog];
          }
        } else {
          const indent = " ".repeat(len(prefix));
          lines = getLines([...optParts, ...posParts], indent);
          if (lines.length > 1) {
            lines = [...getLines(optParts, indent), ...getLines(posParts, indent)];
          }
          lines = [prog, ...lines];
        }
        usage = lines.join("\n");
      }
    }
    return `${prefix}${usage}\n\n`;
  }

  _format_actions_usage(actions: Action[], groups: unknown[]): string {
    const groupActions = new Set<Action>();
    const inserts = new Map<number, string>();
    for (const group of groups as { _group_actions: Action[]; required: unknown }[]) {
      if (group._group_actions.length === 0) throw new ValueError(`empty group ${toStr(group)}`);
      const start = actions.indexOf(group._group_actions[0]!);
      if (start < 0) continue;
      const end = start + group._group_actions.length;
      const slice = actions.slice(start, end);
      if (slice.length === group._group_actions.length && slice.every((a, i) => a === group._group_actions[i])) {
        for (const a of group._group_actions) groupActions.add(a);
        const [open, close] = group.required ? ["(", ")"] : ["[", "]"];
        inserts.set(start, inserts.has(start) ? inserts.get(start)! + " " + open : open);
        inserts.set(end, inserts.has(end) ? inserts.get(end)! + close : close);
        for (let i = start + 1; i < end; i++) inserts.set(i, "|");
      }
    }
    const parts: (string | null)[] = [];
    actions.forEach((action, i) => {
      if (action.help === SUPPRESS) {
        parts.push(null);
        if (inserts.get(i) === "|") inserts.delete(i);
        else if (inserts.get(i + 1) === "|") inserts.delete(i + 1);
      } else if (action.option_strings.length === 0) {
        let part = toStr(this._format_args(action, this._get_default_metavar_for_positional(action)));
        if (groupActions.has(action) && part[0] === "[" && part[part.length - 1] === "]") part = part.slice(1, -1);
        parts.push(part);
      } else {
        const optionString = action.option_strings[0]!;
        let part: string;
        if (action.nargs === 0n || action.nargs === 0) {
          part = toStr(callMethod(action, "format_usage"));
        } else {
          part = `${optionString} ${toStr(this._format_args(action, this._get_default_metavar_for_optional(action)))}`;
        }
        if (!action.required && !groupActions.has(action)) part = `[${part}]`;
        parts.push(part);
      }
    });
    for (const i of [...inserts.keys()].sort((a, b) => b - a)) parts.splice(i, 0, inserts.get(i)!);
    let text = parts.filter((p) => p !== null).join(" ");
    text = text.replace(/([[(]) /g, "$1");
    text = text.replace(/ ([\])])/g, "$1");
    text = text.replace(/[[(] *[\])]/g, "");
    text = text.replace(/\(([^|]*)\)/g, "$1");
    return text.trim();
  }

  _format_text(textArg: unknown): string {
    let text = toStr(textArg);
    if (text.includes("%(prog)")) text = toStr(mod(text, Dict.of(["prog", this._prog])));
    const textWidth = Math.max(this._width - this._current_indent, 11);
    const indent = " ".repeat(this._current_indent);
    return toStr(this._fill_text(text, BigInt(textWidth), indent)) + "\n\n";
  }

  _format_action(action: Action): string {
    const helpPosition = Math.min(this._action_max_length + 2, this._max_help_position);
    const helpWidth = Math.max(this._width - helpPosition, 11);
    const actionWidth = helpPosition - this._current_indent - 2;
    let header = toStr(this._format_action_invocation(action));
    const pad = " ".repeat(this._current_indent);
    let indentFirst = 0;
    if (!action.help) {
      header = `${pad}${header}\n`;
    } else if (len(header) <= actionWidth) {
      header = `${pad}${header}${" ".repeat(Math.max(0, actionWidth - len(header)))}  `;
      indentFirst = 0;
    } else {
      header = `${pad}${header}\n`;
      indentFirst = helpPosition;
    }
    const parts = [header];
    if (action.help && toStr(action.help).trim()) {
      const helpText = toStr(this._expand_help(action));
      if (helpText) {
        const lines = Array.from(iterable(this._split_lines(helpText, BigInt(helpWidth))), toStr);
        parts.push(`${" ".repeat(indentFirst)}${lines[0] ?? ""}\n`);
        for (const line of lines.slice(1)) parts.push(`${" ".repeat(helpPosition)}${line}\n`);
      }
    } else if (!header.endsWith("\n")) {
      parts.push("\n");
    }
    for (const sub of this._iter_indented_subactions(action)) parts.push(toStr(this._format_action(sub)));
    return this._join_parts(parts);
  }

  _format_action_invocation(action: Action): string {
    if (action.option_strings.length === 0) {
      const metavar = this._metavar_formatter(action, this._get_default_metavar_for_positional(action))(1);
      if (metavar.length !== 1) throw new ValueError(`too many values to unpack (expected 1)`);
      return toStr(metavar[0]);
    }
    if (action.nargs === 0n || action.nargs === 0) return action.option_strings.join(", ");
    const argsString = toStr(this._format_args(action, this._get_default_metavar_for_optional(action)));
    return action.option_strings.map((s) => `${s} ${argsString}`).join(", ");
  }

  _metavar_formatter(action: Action, defaultMetavar: unknown): (size: number) => string[] {
    let result: unknown;
    if (!none(action.metavar)) result = action.metavar;
    else if (!none(action.choices)) result = "{" + Array.from(iterable(action.choices), toStr).join(",") + "}";
    else result = defaultMetavar;
    return (size: number) => (result instanceof Tuple ? Array.from(result.items, toStr) : Array<string>(size).fill(toStr(result)));
  }

  _format_args(action: Action, defaultMetavar: unknown): string {
    const get = this._metavar_formatter(action, defaultMetavar);
    const nargs = action.nargs;
    const need = (n: number): string[] => {
      const m = get(n);
      if (m.length !== n) throw new PyTypeError(m.length < n ? "not enough arguments for format string" : "not all arguments converted during string formatting");
      return m;
    };
    if (none(nargs)) return need(1)[0]!;
    if (nargs === OPTIONAL) return `[${need(1)[0]}]`;
    if (nargs === ZERO_OR_MORE) {
      const m = get(1);
      if (m.length === 2) return `[${m[0]} [${m[1]} ...]]`;
      return `[${need(1)[0]} ...]`;
    }
    if (nargs === ONE_OR_MORE) {
      const m = need(2);
      return `${m[0]} [${m[1]} ...]`;
    }
    if (nargs === REMAINDER) return "...";
    if (nargs === PARSER) return `${need(1)[0]} ...`;
    if (nargs === SUPPRESS) return "";
    if (!isCount(nargs)) throw new ValueError("invalid nargs value");
    return need(Number(nargs)).join(" ");
  }

  _expand_help(action: Action): string {
    const params = new Dict<string, unknown>();
    for (const [k, v] of (vars(action) as Dict<string, unknown>).entries()) params.set(k, v);
    params.set("prog", this._prog);
    for (const name of [...params.keys()]) if (params.get(name) === SUPPRESS) params.delete(name);
    for (const name of [...params.keys()]) {
      const v = params.get(name);
      if (!none(v) && typeof v !== "string" && hasattr(v, "__name__")) params.set(name, getattr(v, "__name__"));
    }
    const choices = params.get("choices");
    if (!none(choices)) params.set("choices", Array.from(iterable(choices), toStr).join(", "));
    return toStr(mod(this._get_help_string(action), params));
  }

  *_iter_indented_subactions(action: Action): Generator<Action> {
    const get = (action as { _get_subactions?: () => unknown })._get_subactions;
    if (typeof get !== "function") return;
    this._indent();
    yield* iterable(get.call(action)) as Iterable<Action>;
    this._dedent();
  }

  _split_lines(text: unknown, width: unknown): unknown {
    const t = toStr(text).replace(/[ \t\n\r\f\v]+/g, " ").trim();
    return new TextWrapper(kw({ width })).wrap(t);
  }

  _fill_text(text: unknown, width: unknown, indent: unknown): unknown {
    const t = toStr(text).replace(/[ \t\n\r\f\v]+/g, " ").trim();
    return new TextWrapper(kw({ width, initial_indent: indent, subsequent_indent: indent })).fill(t);
  }

  _get_help_string(action: Action): unknown {
    return action.help;
  }

  _get_default_metavar_for_optional(action: Action): unknown {
    return callMethod(action.dest, "upper");
  }

  _get_default_metavar_for_positional(action: Action): unknown {
    return action.dest;
  }
}

/** str.splitlines(keepends) as the formatters need it. */
function splitLines(text: string, keepends: boolean): string[] {
  return Array.from(iterable(callMethod(text, "splitlines", keepends)), toStr);
}

export class RawDescriptionHelpFormatter extends HelpFormatter {
  override _fill_text(text: unknown, _width: unknown, indent: unknown): unknown {
    return splitLines(toStr(text), true).map((line) => toStr(indent) + line).join("");
  }
}

export class RawTextHelpFormatter extends RawDescriptionHelpFormatter {
  override _split_lines(text: unknown): unknown {
    return splitLines(toStr(text), false);
  }
}

export class ArgumentDefaultsHelpFormatter extends HelpFormatter {
  override _get_help_string(action: Action): unknown {
    let help = none(action.help) ? "" : toStr(action.help);
    if (!help.includes("%(default)") && action.default !== SUPPRESS) {
      if (action.option_strings.length > 0 || action.nargs === OPTIONAL || action.nargs === ZERO_OR_MORE) help += " (default: %(default)s)";
    }
    return help;
  }
}

export class MetavarTypeHelpFormatter extends HelpFormatter {
  override _get_default_metavar_for_optional(action: Action): unknown {
    return getattr(action.type, "__name__");
  }
  override _get_default_metavar_for_positional(action: Action): unknown {
    return getattr(action.type, "__name__");
  }
}
