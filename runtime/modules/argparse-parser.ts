// Python's `argparse`, part 4: ArgumentParser with CPython's parsing algorithm (each argument
// string classified as O/A/-, each action's nargs as a regular expression over that pattern),
// its messages, usage and help output, and exit status 2 on errors (Lib/argparse.py).

import { PyTypeError, ValueError, SystemExit } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { getattr, setattr, hasattr, delattr, callable } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { in_ } from "../values/contains.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { callMethod } from "../values/methods.js";
import { open } from "../lang/files.js";
import { OSError } from "../values/exceptions.js";
import { nodeModule } from "../core/host.js";
import { callValue } from "./pycall.js";
import { sysModule } from "./sys.js";
import {
  Action, ArgumentError, ArgumentTypeError, Namespace, SUPPRESS, OPTIONAL, ZERO_OR_MORE, ONE_OR_MORE, PARSER, REMAINDER,
  UNRECOGNIZED_ARGS_ATTR, bindArgs, getActionName, none, attributeRepr, stderrFile, stdoutFile,
} from "./argparse-actions.js";
import { HelpFormatter } from "./argparse-format.js";
import { _ActionsContainer, _ArgumentGroup, construct } from "./argparse-containers.js";

type OptionTuple = [Action | null, string, string | null];

const PARSER_PARAMS = ["prog", "usage", "description", "epilog", "parents", "formatter_class", "prefix_chars", "fromfile_prefix_chars", "argument_default", "conflict_handler", "add_help", "allow_abbrev", "exit_on_error"];

function basename(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? p : p.slice(i + 1);
}

export class ArgumentParser extends _ActionsContainer {
  declare prog: any;
  declare usage: any;
  declare epilog: any;
  declare formatter_class: any;
  declare fromfile_prefix_chars: any;
  declare add_help: any;
  declare allow_abbrev: any;
  declare exit_on_error: any;
  _positionals: _ArgumentGroup;
  _optionals: _ArgumentGroup;
  _subparsers: _ArgumentGroup | null = null;

  constructor(...args: unknown[]) {
    super();
    const p = bindArgs("ArgumentParser.__init__", args, PARSER_PARAMS, {
      prog: null, usage: null, description: null, epilog: null, parents: [], formatter_class: HelpFormatter, prefix_chars: "-",
      fromfile_prefix_chars: null, argument_default: null, conflict_handler: "error", add_help: true, allow_abbrev: true, exit_on_error: true,
    });
    this._containerInit(p.description, p.prefix_chars, p.argument_default, p.conflict_handler);
    this.prog = none(p.prog) ? basename(toStr((sysModule.argv as unknown[])[0] ?? "")) : p.prog;
    this.usage = p.usage;
    this.epilog = p.epilog;
    this.formatter_class = p.formatter_class;
    this.fromfile_prefix_chars = p.fromfile_prefix_chars;
    this.add_help = p.add_help;
    this.allow_abbrev = p.allow_abbrev;
    this.exit_on_error = p.exit_on_error;
    this._positionals = this.add_argument_group("positional arguments");
    this._optionals = this.add_argument_group("options");
    this._subparsers = null;
    const identity = (s: unknown): unknown => s;
    Object.defineProperty(identity, "__name__", { value: "identity" });
    this.register("type", null, identity);
    const prefixChars = this.prefix_chars;
    const defaultPrefix = prefixChars.includes("-") ? "-" : prefixChars[0]!;
    if (truthy(this.add_help)) {
      this.add_argument(defaultPrefix + "h", defaultPrefix + defaultPrefix + "help", kw({ action: "help", default: SUPPRESS, help: "show this help message and exit" }));
    }
    for (const parent of iterable(p.parents) as Iterable<_ActionsContainer>) {
      this._add_container_actions(parent);
      const defaults = (parent as { _defaults?: unknown })._defaults;
      if (defaults !== undefined) for (const [k, v] of callMethod(defaults, "items") as Iterable<[string, unknown]>) this._defaults.set(k, v);
    }
  }

  _get_kwargs(): [string, unknown][] {
    return ["prog", "usage", "description", "formatter_class", "conflict_handler", "add_help"].map((n) => [n, getattr(this, n)]);
  }

  __repr__(): string {
    return attributeRepr(this, (this.constructor as { name: string }).name, [], this._get_kwargs());
  }

  add_subparsers(...args: unknown[]): any {
    if (this._subparsers !== null) this.error("cannot have multiple subparser arguments");
    const [, kws0] = splitKw(args);
    const kws: Record<string, unknown> = { ...kws0 };
    if (!("parser_class" in kws)) kws.parser_class = this.constructor;
    if ("title" in kws || "description" in kws) {
      const title = "title" in kws ? kws.title : "subcommands";
      const description = "description" in kws ? kws.description : null;
      delete kws.title;
      delete kws.description;
      this._subparsers = this.add_argument_group(title, description);
    } else {
      this._subparsers = this._positionals;
    }
    if (none(kws.prog)) {
      const formatter = this._get_formatter();
      callMethod(formatter, "add_usage", this.usage, this._get_positional_actions(), this._mutually_exclusive_groups, "");
      kws.prog = toStr(callMethod(formatter, "format_help")).trim();
    }
    const parsersClass = this._pop_action_class(kws, "parsers");
    const action = construct(parsersClass, [kw({ option_strings: [], ...kws })]) as Action;
    this._subparsers!._add_action(action);
    return action;
  }

  override _add_action(action: Action): Action {
    if (action.option_strings.length > 0) this._optionals._add_action(action);
    else this._positionals._add_action(action);
    return action;
  }

  _get_optional_actions(): Action[] {
    return this._actions.filter((a) => a.option_strings.length > 0);
  }

  _get_positional_actions(): Action[] {
    return this._actions.filter((a) => a.option_strings.length === 0);
  }

  parse_args(...a: unknown[]): any {
    const { args, namespace } = bindArgs("parse_args", a, ["args", "namespace"], { args: null, namespace: null });
    const [ns, argv] = Array.from(iterable(callMethod(this, "parse_known_args", args, namespace))) as [unknown, unknown[]];
    if (argv.length > 0) this.error(`unrecognized arguments: ${argv.map(toStr).join(" ")}`);
    return ns;
  }

  parse_known_args(...a: unknown[]): any {
    const { args: argsIn, namespace: namespaceIn } = bindArgs("parse_known_args", a, ["args", "namespace"], { args: null, namespace: null });
    const args = none(argsIn) ? (sysModule.argv as unknown[]).slice(1) : Array.from(iterable(argsIn));
    const namespace = none(namespaceIn) ? new Namespace() : namespaceIn;
    for (const action of this._actions) {
      if (action.dest !== SUPPRESS && !hasattr(namespace, action.dest) && action.default !== SUPPRESS) setattr(namespace, action.dest, action.default);
    }
    for (const dest of this._defaults.keys()) if (!hasattr(namespace, dest)) setattr(namespace, dest, this._defaults.get(dest));
    let result: [unknown, unknown[]];
    if (truthy(this.exit_on_error)) {
      try {
        result = this._parse_known_args(args, namespace);
      } catch (err) {
        if (err instanceof ArgumentError) this.error(toStr(err));
        throw err;
      }
    } else {
      result = this._parse_known_args(args, namespace);
    }
    const [ns, extras] = result;
    if (hasattr(ns, UNRECOGNIZED_ARGS_ATTR)) {
      extras.push(...iterable(getattr(ns, UNRECOGNIZED_ARGS_ATTR)));
      delattr(ns, UNRECOGNIZED_ARGS_ATTR);
    }
    return Tuple.of(ns, extras);
  }

  _parse_known_args(argStringsIn: unknown[], namespace: unknown): [unknown, unknown[]] {
    let argStrings = argStringsIn.map(toStr);
    if (!none(this.fromfile_prefix_chars)) argStrings = this._read_args_from_files(argStrings);
    const actionConflicts = new Map<Action, Action[]>();
    for (const group of this._mutually_exclusive_groups) {
      const ga = group._group_actions;
      ga.forEach((a, i) => {
        const c = actionConflicts.get(a) ?? [];
        c.push(...ga.slice(0, i), ...ga.slice(i + 1));
        actionConflicts.set(a, c);
      });
    }
    const optionStringIndices = new Map<number, OptionTuple>();
    const patternParts: string[] = [];
    for (let i = 0; i < argStrings.length; i++) {
      if (argStrings[i] === "--") {
        patternParts.push("-");
        for (i++; i < argStrings.length; i++) patternParts.push("A");
        break;
      }
      const tuple = this._parse_optional(argStrings[i]!);
      if (tuple === null) patternParts.push("A");
      else {
        optionStringIndices.set(i, tuple);
        patternParts.push("O");
      }
    }
    const pattern = patternParts.join("");
    const seenActions = new Set<Action>();
    const seenNonDefault = new Set<Action>();
    const extras: unknown[] = [];

    const takeAction = (action: Action, argumentStrings: string[], optionString: string | null = null): void => {
      seenActions.add(action);
      const values = this._get_values(action, argumentStrings);
      if (values !== action.default) {
        seenNonDefault.add(action);
        for (const conflict of actionConflicts.get(action) ?? []) {
          if (seenNonDefault.has(conflict)) throw new ArgumentError(action, `not allowed with argument ${getActionName(conflict)}`);
        }
      }
      if (values !== SUPPRESS) callValue(action, this, namespace, values, optionString);
    };

    const consumeOptional = (startIndex: number): number => {
      let [action, optionString, explicitArg] = optionStringIndices.get(startIndex)!;
      const tuples: [Action, string[], string][] = [];
      let stop: number;
      for (;;) {
        if (action === null) {
          extras.push(argStrings[startIndex]);
          return startIndex + 1;
        }
        if (explicitArg !== null) {
          const argCount = this._match_argument(action, "A");
          const chars = this.prefix_chars;
          if (argCount === 0 && !chars.includes(optionString[1]!) && explicitArg !== "") {
            tuples.push([action, [], optionString]);
            optionString = optionString[0]! + explicitArg[0]!;
            const newExplicit = explicitArg.slice(1) || null;
            if (this._option_string_actions.has(optionString)) {
              action = this._option_string_actions.get(optionString)!;
              explicitArg = newExplicit;
            } else {
              throw new ArgumentError(action, `ignored explicit argument ${repr(explicitArg)}`);
            }
          } else if (argCount === 1) {
            stop = startIndex + 1;
            tuples.push([action, [explicitArg], optionString]);
            break;
          } else {
            throw new ArgumentError(action, `ignored explicit argument ${repr(explicitArg)}`);
          }
        } else {
          const start = startIndex + 1;
          const argCount = this._match_argument(action, pattern.slice(start));
          stop = start + argCount;
          tuples.push([action, argStrings.slice(start, stop), optionString]);
          break;
        }
      }
      for (const [a, args, s] of tuples) takeAction(a, args, s);
      return stop;
    };

    let positionals = this._get_positional_actions();
    const consumePositionals = (startIndex: number): number => {
      const counts = this._match_arguments_partial(positionals, pattern.slice(startIndex));
      counts.forEach((count, i) => {
        const args = argStrings.slice(startIndex, startIndex + count);
        startIndex += count;
        takeAction(positionals[i]!, args);
      });
      positionals = positionals.slice(counts.length);
      return startIndex;
    };

    let startIndex = 0;
    const maxOptionIndex = optionStringIndices.size > 0 ? Math.max(...optionStringIndices.keys()) : -1;
    while (startIndex <= maxOptionIndex) {
      const nextOptionIndex = Math.min(...[...optionStringIndices.keys()].filter((i) => i >= startIndex));
      if (startIndex !== nextOptionIndex) {
        const end = consumePositionals(startIndex);
        if (end > startIndex) {
          startIndex = end;
          continue;
        }
        startIndex = end;
      }
      if (!optionStringIndices.has(startIndex)) {
        extras.push(...argStrings.slice(startIndex, nextOptionIndex));
        startIndex = nextOptionIndex;
      }
      startIndex = consumeOptional(startIndex);
    }
    const stopIndex = consumePositionals(startIndex);
    extras.push(...argStrings.slice(stopIndex));

    const required: string[] = [];
    for (const action of this._actions) {
      if (seenActions.has(action)) continue;
      if (truthy(action.required)) required.push(toStr(getActionName(action)));
      else if (typeof action.default === "string" && hasattr(namespace, action.dest) && action.default === getattr(namespace, action.dest)) {
        setattr(namespace, action.dest, this._get_value(action, action.default));
      }
    }
    if (required.length > 0) this.error(`the following arguments are required: ${required.join(", ")}`);
    for (const group of this._mutually_exclusive_groups) {
      if (!truthy(group.required)) continue;
      if (group._group_actions.some((a) => seenNonDefault.has(a))) continue;
      const names = group._group_actions.filter((a) => a.help !== SUPPRESS).map((a) => toStr(getActionName(a)));
      this.error(`one of the arguments ${names.join(" ")} is required`);
    }
    return [namespace, extras];
  }

  _read_args_from_files(argStrings: string[]): string[] {
    const out: string[] = [];
    const prefixes = toStr(this.fromfile_prefix_chars);
    for (const s of argStrings) {
      if (!s || !prefixes.includes(s[0]!)) {
        out.push(s);
        continue;
      }
      try {
        const file = open(s.slice(1));
        let text: string;
        try {
          text = toStr(callMethod(file, "read"));
        } finally {
          callMethod(file, "close");
        }
        const args: string[] = [];
        for (const line of iterable(callMethod(text, "splitlines")) as Iterable<string>) {
          for (const arg of iterable(callMethod(this, "convert_arg_line_to_args", line))) args.push(toStr(arg));
        }
        out.push(...this._read_args_from_files(args));
      } catch (err) {
        if (err instanceof OSError) this.error(toStr(err));
        throw err;
      }
    }
    return out;
  }

  convert_arg_line_to_args(line: unknown): unknown[] {
    return [line];
  }

  _match_argument(action: Action, pattern: string): number {
    const m = new RegExp("^" + this._get_nargs_pattern(action)).exec(pattern);
    if (m === null) {
      const messages = new Map<unknown, string>([[null, "expected one argument"], [OPTIONAL, "expected at most one argument"], [ONE_OR_MORE, "expected at least one argument"]]);
      const msg = messages.get(action.nargs ?? null) ?? (action.nargs === 1n || action.nargs === 1 ? `expected ${toStr(action.nargs)} argument` : `expected ${toStr(action.nargs)} arguments`);
      throw new ArgumentError(action, msg);
    }
    return m[1]!.length;
  }

  _match_arguments_partial(actions: Action[], pattern: string): number[] {
    for (let i = actions.length; i > 0; i--) {
      const re = new RegExp("^" + actions.slice(0, i).map((a) => this._get_nargs_pattern(a)).join(""));
      const m = re.exec(pattern);
      if (m !== null) return m.slice(1).map((g) => (g ?? "").length);
    }
    return [];
  }

  _parse_optional(arg: string): OptionTuple | null {
    if (!arg) return null;
    if (!this.prefix_chars.includes(arg[0]!)) return null;
    if (this._option_string_actions.has(arg)) return [this._option_string_actions.get(arg)!, arg, null];
    if (arg.length === 1) return null;
    if (arg.includes("=")) {
      const i = arg.indexOf("=");
      const optionString = arg.slice(0, i);
      if (this._option_string_actions.has(optionString)) return [this._option_string_actions.get(optionString)!, optionString, arg.slice(i + 1)];
    }
    const tuples = this._get_option_tuples(arg);
    if (tuples.length > 1) {
      this.error(`ambiguous option: ${arg} could match ${tuples.map((t) => t[1]).join(", ")}`);
    } else if (tuples.length === 1) {
      return tuples[0]!;
    }
    if (/^-\d+$|^-\d*\.\d+$/.test(arg) && this._has_negative_number_optionals.length === 0) return null;
    if (arg.includes(" ")) return null;
    return [null, arg, null];
  }

  _get_option_tuples(optionString: string): OptionTuple[] {
    const result: OptionTuple[] = [];
    const chars = this.prefix_chars;
    if (chars.includes(optionString[0]!) && chars.includes(optionString[1]!)) {
      if (truthy(this.allow_abbrev)) {
        let prefix = optionString;
        let explicit: string | null = null;
        if (optionString.includes("=")) {
          const i = optionString.indexOf("=");
          prefix = optionString.slice(0, i);
          explicit = optionString.slice(i + 1);
        }
        for (const s of this._option_string_actions.keys()) if (s.startsWith(prefix)) result.push([this._option_string_actions.get(s)!, s, explicit]);
      }
    } else if (chars.includes(optionString[0]!) && !chars.includes(optionString[1]!)) {
      const shortPrefix = optionString.slice(0, 2);
      const shortExplicit = optionString.slice(2);
      for (const s of this._option_string_actions.keys()) {
        if (s === shortPrefix) result.push([this._option_string_actions.get(s)!, s, shortExplicit]);
        else if (s.startsWith(optionString)) result.push([this._option_string_actions.get(s)!, s, null]);
      }
    } else {
      this.error(`unexpected option string: ${optionString}`);
    }
    return result;
  }

  _get_nargs_pattern(action: Action): string {
    const nargs = action.nargs;
    let p: string;
    if (none(nargs)) p = "(-*A-*)";
    else if (nargs === OPTIONAL) p = "(-*A?-*)";
    else if (nargs === ZERO_OR_MORE) p = "(-*[A-]*)";
    else if (nargs === ONE_OR_MORE) p = "(-*A[A-]*)";
    else if (nargs === REMAINDER) p = "([-AO]*)";
    else if (nargs === PARSER) p = "(-*A[-AO]*)";
    else if (nargs === SUPPRESS) p = "(-*-*)";
    else p = `(-*${Array<string>(Number(nargs)).fill("A").join("-*")}-*)`;
    if (action.option_strings.length > 0) p = p.replaceAll("-*", "").replaceAll("-", "");
    return p;
  }

  parse_intermixed_args(...a: unknown[]): any {
    const { args, namespace } = bindArgs("parse_intermixed_args", a, ["args", "namespace"], { args: null, namespace: null });
    const [ns, argv] = Array.from(iterable(this.parse_known_intermixed_args(args, namespace))) as [unknown, unknown[]];
    if (argv.length > 0) this.error(`unrecognized arguments: ${argv.map(toStr).join(" ")}`);
    return ns;
  }

  parse_known_intermixed_args(...a: unknown[]): any {
    const { args, namespace: namespaceIn } = bindArgs("parse_known_intermixed_args", a, ["args", "namespace"], { args: null, namespace: null });
    const positionals = this._get_positional_actions();
    const bad = positionals.filter((a) => a.nargs === PARSER || a.nargs === REMAINDER);
    if (bad.length > 0) throw new PyTypeError(`parse_intermixed_args: positional arg with nargs=${toStr(bad[0]!.nargs)}`);
    if (this._mutually_exclusive_groups.some((g) => g._group_actions.some((a) => positionals.includes(a)))) {
      throw new PyTypeError("parse_intermixed_args: positional in mutuallyExclusiveGroup");
    }
    const saveUsage = this.usage;
    try {
      if (none(this.usage)) this.usage = toStr(this.format_usage()).slice(7);
      const saved = positionals.map((a) => [a.nargs, a.default] as const);
      let namespace: unknown;
      let remaining: unknown[];
      try {
        for (const a of positionals) {
          a.nargs = SUPPRESS;
          a.default = SUPPRESS;
        }
        [namespace, remaining] = Array.from(iterable(this.parse_known_args(args, namespaceIn))) as [unknown, unknown[]];
        for (const a of positionals) {
          if (!hasattr(namespace, a.dest)) continue;
          const v = getattr(namespace, a.dest);
          if (Array.isArray(v) && v.length === 0) delattr(namespace, a.dest);
        }
      } finally {
        positionals.forEach((a, i) => ([a.nargs, a.default] = saved[i]!));
      }
      const optionals = this._get_optional_actions();
      const savedRequired = optionals.map((a) => a.required);
      const savedGroups = this._mutually_exclusive_groups.map((g) => g.required);
      try {
        for (const a of optionals) a.required = false;
        for (const g of this._mutually_exclusive_groups) g.required = false;
        return this.parse_known_args(remaining, namespace);
      } finally {
        optionals.forEach((a, i) => (a.required = savedRequired[i]));
        this._mutually_exclusive_groups.forEach((g, i) => (g.required = savedGroups[i]));
      }
    } finally {
      this.usage = saveUsage;
    }
  }

  _get_values(action: Action, argStringsIn: string[]): any {
    const argStrings = argStringsIn.slice();
    if (action.nargs !== PARSER && action.nargs !== REMAINDER) {
      const i = argStrings.indexOf("--");
      if (i >= 0) argStrings.splice(i, 1);
    }
    let value: unknown;
    if (argStrings.length === 0 && action.nargs === OPTIONAL) {
      value = action.option_strings.length > 0 ? action.const : action.default;
      if (typeof value === "string") {
        value = this._get_value(action, value);
        this._check_value(action, value);
      }
    } else if (argStrings.length === 0 && action.nargs === ZERO_OR_MORE && action.option_strings.length === 0) {
      value = !none(action.default) ? action.default : argStrings;
      this._check_value(action, value);
    } else if (argStrings.length === 1 && (none(action.nargs) || action.nargs === OPTIONAL)) {
      value = this._get_value(action, argStrings[0]!);
      this._check_value(action, value);
    } else if (action.nargs === REMAINDER) {
      value = argStrings.map((v) => this._get_value(action, v));
    } else if (action.nargs === PARSER) {
      const list = argStrings.map((v) => this._get_value(action, v));
      this._check_value(action, list[0]);
      value = list;
    } else if (action.nargs === SUPPRESS) {
      value = SUPPRESS;
    } else {
      const list = argStrings.map((v) => this._get_value(action, v));
      for (const v of list) this._check_value(action, v);
      value = list;
    }
    return value;
  }

  _get_value(action: Action, argString: unknown): any {
    const typeFunc = this._registry_get("type", action.type, action.type);
    if (!callable(typeFunc)) throw new ArgumentError(action, `${repr(typeFunc)} is not callable`);
    try {
      return callValue(typeFunc, argString);
    } catch (err) {
      if (err instanceof ArgumentTypeError) throw new ArgumentError(action, toStr(err));
      if (err instanceof PyTypeError || err instanceof ValueError) {
        const name = toStr(getattr(action.type, "__name__", repr(action.type)));
        throw new ArgumentError(action, `invalid ${name} value: ${repr(argString)}`);
      }
      throw err;
    }
  }

  _check_value(action: Action, value: unknown): void {
    if (!none(action.choices) && !in_(value, action.choices)) {
      const choices = Array.from(iterable(action.choices), (c) => repr(c)).join(", ");
      throw new ArgumentError(action, `invalid choice: ${repr(value)} (choose from ${choices})`);
    }
  }

  format_usage(): string {
    const formatter = this._get_formatter();
    callMethod(formatter, "add_usage", this.usage, this._actions, this._mutually_exclusive_groups);
    return toStr(callMethod(formatter, "format_help"));
  }

  format_help(): string {
    const formatter = this._get_formatter();
    callMethod(formatter, "add_usage", this.usage, this._actions, this._mutually_exclusive_groups);
    callMethod(formatter, "add_text", this.description);
    for (const group of this._action_groups) {
      callMethod(formatter, "start_section", group.title);
      callMethod(formatter, "add_text", group.description);
      callMethod(formatter, "add_arguments", group._group_actions);
      callMethod(formatter, "end_section");
    }
    callMethod(formatter, "add_text", this.epilog);
    return toStr(callMethod(formatter, "format_help"));
  }

  _get_formatter(): any {
    return construct(this.formatter_class, [kw({ prog: this.prog })]);
  }

  print_usage(...a: unknown[]): null {
    const { file } = bindArgs("print_usage", a, ["file"], { file: null });
    this._print_message(callMethod(this, "format_usage"), none(file) ? stdoutFile() : file);
    return null;
  }

  print_help(...a: unknown[]): null {
    const { file } = bindArgs("print_help", a, ["file"], { file: null });
    this._print_message(callMethod(this, "format_help"), none(file) ? stdoutFile() : file);
    return null;
  }

  _print_message(message: unknown, file: unknown = null): null {
    if (truthy(message)) callMethod(none(file) ? stderrFile() : file, "write", message);
    return null;
  }

  exit(...a: unknown[]): any {
    const { status, message } = bindArgs("exit", a, ["status", "message"], { status: 0n, message: null });
    if (truthy(message)) this._print_message(message, stderrFile());
    throw new SystemExit(status);
  }

  error(...a: unknown[]): any {
    const { message } = bindArgs("error", a, ["message"], {});
    callMethod(this, "print_usage", stderrFile());
    callMethod(this, "exit", 2n, `${toStr(this.prog)}: error: ${toStr(message)}\n`);
    throw new SystemExit(2n);
  }
}

export { nodeModule };
