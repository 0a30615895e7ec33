// Python's `argparse`, part 3: the argument containers (add_argument, conflicts, defaults),
// argument groups, mutually exclusive groups and the subparsers action (Lib/argparse.py).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { getattr, setattr, hasattr, callable, vars } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { truthy } from "../values/truth.js";
import { Dict } from "../values/dict.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "./pycall.js";
import {
  Action, ArgumentError, FileType, SUPPRESS, OPTIONAL, ZERO_OR_MORE, PARSER, UNRECOGNIZED_ARGS_ATTR, bindArgs, none,
  _StoreAction, _StoreConstAction, _StoreTrueAction, _StoreFalseAction, _AppendAction, _AppendConstAction, _CountAction,
  _HelpAction, _VersionAction, _ExtendAction,
} from "./argparse-actions.js";

let fileTypeClass: unknown = null;
/** The FileType type object programs see (argparse.ts). */
export function setFileTypeClass(cls: unknown): void {
  fileTypeClass = cls;
}

type Registries = Map<string, Map<unknown, unknown>>;

/** Constructs a Python class from runtime code: a runtime class directly, a user class (or any callable) as Python calls it. */
export function construct(cls: unknown, args: unknown[]): any {
  if (typeof cls === "function" && Object.hasOwn(cls, "__pytype__") && /^class\b/.test(Function.prototype.toString.call(cls))) {
    return Reflect.construct(cls, args);
  }
  return callValue(cls, ...args);
}

function kwRecord(kws: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, kws);
}

export class _ActionsContainer {
  static readonly __module__ = "argparse";
  [attr: string]: any;
  declare description: any;
  declare argument_default: any;
  declare prefix_chars: string;
  declare conflict_handler: any;
  _registries!: Registries;
  _actions!: Action[];
  _option_string_actions!: Dict<string, Action>;
  _action_groups!: _ArgumentGroup[];
  _mutually_exclusive_groups!: _MutuallyExclusiveGroup[];
  _defaults!: Dict<string, unknown>;
  _has_negative_number_optionals!: boolean[];

  _containerInit(description: unknown, prefix_chars: unknown, argument_default: unknown, conflict_handler: unknown): void {
    this.description = description;
    this.argument_default = argument_default;
    this.prefix_chars = toStr(prefix_chars);
    this.conflict_handler = conflict_handler;
    this._registries = new Map();
    const actions: [unknown, unknown][] = [
      [null, _StoreAction], ["store", _StoreAction], ["store_const", _StoreConstAction], ["store_true", _StoreTrueAction],
      ["store_false", _StoreFalseAction], ["append", _AppendAction], ["append_const", _AppendConstAction], ["count", _CountAction],
      ["help", _HelpAction], ["version", _VersionAction], ["parsers", _SubParsersAction], ["extend", _ExtendAction],
    ];
    for (const [name, cls] of actions) this.register("action", name, cls);
    this._get_handler();
    this._actions = [];
    this._option_string_actions = new Dict();
    this._action_groups = [];
    this._mutually_exclusive_groups = [];
    this._defaults = new Dict();
    this._has_negative_number_optionals = [];
  }

  register(registry_name: unknown, value: unknown, object: unknown): null {
    const name = toStr(registry_name);
    if (!this._registries.has(name)) this._registries.set(name, new Map());
    this._registries.get(name)!.set(value ?? null, object);
    return null;
  }

  _registry_get(registry_name: string, value: unknown, fallback: unknown = null): unknown {
    const registry = this._registries.get(registry_name);
    const key = value ?? null;
    return registry !== undefined && registry.has(key) ? registry.get(key) : fallback;
  }

  set_defaults(...args: unknown[]): null {
    const [, kws] = splitKw(args);
    for (const k of Object.keys(kws)) this._defaults.set(k, kws[k]);
    for (const action of this._actions) if (typeof action.dest === "string" && action.dest in kws) action.default = kws[action.dest];
    return null;
  }

  get_default(dest: unknown): any {
    for (const action of this._actions) if (action.dest === dest && !none(action.default)) return action.default;
    return this._defaults.get(dest as string) ?? null;
  }

  add_argument(...allArgs: unknown[]): any {
    const [args, kws0] = splitKw(allArgs);
    let kws = kwRecord(kws0);
    const chars = this.prefix_chars;
    const first = args[0];
    if (args.length === 0 || (args.length === 1 && !chars.includes(toStr(first)[0] ?? ""))) {
      if (args.length > 0 && "dest" in kws) throw new ValueError("dest supplied twice for positional argument");
      kws = this._get_positional_kwargs(args, kws);
    } else {
      kws = this._get_optional_kwargs(args, kws);
    }
    if (!("default" in kws)) {
      const dest = kws.dest as string;
      if (this._defaults.has(dest)) kws.default = this._defaults.get(dest);
      else if (!none(this.argument_default)) kws.default = this.argument_default;
    }
    const actionClass = this._pop_action_class(kws);
    if (!callable(actionClass)) throw new ValueError(`unknown action "${toStr(actionClass)}"`);
    const action = construct(actionClass, [kw(kws)]) as Action;
    const typeFunc = this._registry_get("type", action.type, action.type);
    if (!callable(typeFunc)) throw new ValueError(`${repr(typeFunc)} is not callable`);
    if (typeFunc === FileType || typeFunc === fileTypeClass) throw new ValueError(`${repr(typeFunc)} is a FileType class object, instance of it must be passed`);
    if (typeof this._get_formatter === "function") {
      try {
        callMethod(this._get_formatter(), "_format_args", action, null);
      } catch (e) {
        if (e instanceof PyTypeError) throw new ValueError("length of metavar tuple does not match nargs");
        throw e;
      }
    }
    return this._add_action(action);
  }

  add_argument_group(...args: unknown[]): any {
    const group = new _ArgumentGroup(this, ...args);
    this._action_groups.push(group);
    return group;
  }

  add_mutually_exclusive_group(...args: unknown[]): any {
    const group = new _MutuallyExclusiveGroup(this, ...args);
    this._mutually_exclusive_groups.push(group);
    return group;
  }

  _add_action(action: Action): Action {
    this._check_conflict(action);
    this._actions.push(action);
    action.container = this;
    for (const s of action.option_strings) this._option_string_actions.set(s, action);
    for (const s of action.option_strings) {
      if (/^-\d+$|^-\d*\.\d+$/.test(s) && this._has_negative_number_optionals.length === 0) this._has_negative_number_optionals.push(true);
    }
    return action;
  }

  _remove_action(action: Action): void {
    const i = this._actions.indexOf(action);
    if (i >= 0) this._actions.splice(i, 1);
  }

  _add_container_actions(container: _ActionsContainer): void {
    const titleGroupMap = new Map<unknown, _ActionsContainer>();
    for (const group of this._action_groups) {
      if (titleGroupMap.has(group.title)) throw new ValueError(`cannot merge actions - two groups are named ${repr(group.title)}`);
      titleGroupMap.set(group.title, group);
    }
    const groupMap = new Map<Action, _ActionsContainer>();
    for (const group of container._action_groups) {
      if (!titleGroupMap.has(group.title)) {
        titleGroupMap.set(group.title, this.add_argument_group(kw({ title: group.title, description: group.description, conflict_handler: group.conflict_handler })));
      }
      for (const action of group._group_actions) groupMap.set(action, titleGroupMap.get(group.title)!);
    }
    for (const group of container._mutually_exclusive_groups) {
      const mutex = this.add_mutually_exclusive_group(kw({ required: group.required }));
      for (const action of group._group_actions) groupMap.set(action, mutex);
    }
    for (const action of container._actions) (groupMap.get(action) ?? this)._add_action(action);
  }

  _get_positional_kwargs(args: unknown[], kws: Record<string, unknown>): Record<string, unknown> {
    if (args.length === 0) throw new PyTypeError("_ActionsContainer._get_positional_kwargs() missing 1 required positional argument: 'dest'");
    if ("required" in kws) throw new PyTypeError("'required' is an invalid argument for positionals");
    if (kws.nargs !== OPTIONAL && kws.nargs !== ZERO_OR_MORE) kws.required = true;
    if (kws.nargs === ZERO_OR_MORE && !("default" in kws)) kws.required = true;
    return { ...kws, dest: args[0], option_strings: [] };
  }

  _get_optional_kwargs(args: unknown[], kws: Record<string, unknown>): Record<string, unknown> {
    const optionStrings: string[] = [];
    const longOptionStrings: string[] = [];
    let last = "";
    for (const arg of args) {
      const s = toStr(arg);
      last = s;
      if (!this.prefix_chars.includes(s[0] ?? "\0")) {
        throw new ValueError(`invalid option string ${repr(s)}: must start with a character ${repr(this.prefix_chars)}`);
      }
      optionStrings.push(s);
      if (s.length > 1 && this.prefix_chars.includes(s[1]!)) longOptionStrings.push(s);
    }
    let dest = kws.dest;
    delete kws.dest;
    if (none(dest)) {
      const destOption = longOptionStrings.length > 0 ? longOptionStrings[0]! : optionStrings[0]!;
      let d = destOption;
      while (d.length > 0 && this.prefix_chars.includes(d[0]!)) d = d.slice(1);
      if (!d) throw new ValueError(`dest= is required for options like ${repr(last)}`);
      dest = d.replaceAll("-", "_");
    }
    return { ...kws, dest, option_strings: optionStrings };
  }

  _pop_action_class(kws: Record<string, unknown>, fallback: unknown = null): unknown {
    const action = "action" in kws ? kws.action : fallback;
    delete kws.action;
    return this._registry_get("action", action, action);
  }

  _get_handler(): (action: Action, conflicts: [string, Action][]) => void {
    if (this.conflict_handler === "error") return (a, c) => this._handle_conflict_error(a, c);
    if (this.conflict_handler === "resolve") return (a, c) => this._handle_conflict_resolve(a, c);
    throw new ValueError(`invalid conflict_resolution value: ${repr(this.conflict_handler)}`);
  }

  _check_conflict(action: Action): void {
    const conflicts: [string, Action][] = [];
    for (const s of action.option_strings) if (this._option_string_actions.has(s)) conflicts.push([s, this._option_string_actions.get(s)!]);
    if (conflicts.length > 0) this._get_handler()(action, conflicts);
  }

  _handle_conflict_error(action: Action, conflicts: [string, Action][]): void {
    const what = conflicts.length === 1 ? "conflicting option string" : "conflicting option strings";
    throw new ArgumentError(action, `${what}: ${conflicts.map(([s]) => s).join(", ")}`);
  }

  _handle_conflict_resolve(_action: Action, conflicts: [string, Action][]): void {
    for (const [s, action] of conflicts) {
      action.option_strings.splice(action.option_strings.indexOf(s), 1);
      this._option_string_actions.delete(s);
      if (action.option_strings.length === 0) (action.container as _ActionsContainer)._remove_action(action);
    }
  }
}

export class _ArgumentGroup extends _ActionsContainer {
  declare title: any;
  _group_actions: Action[] = [];

  constructor(container: _ActionsContainer, ...args: unknown[]) {
    super();
    const p = bindArgs("_ArgumentGroup.__init__", args, ["title", "description"], { title: null, description: null }, "kwargs");
    const extra = p["**"] as Record<string, unknown>;
    const conflict = "conflict_handler" in extra ? extra.conflict_handler : container.conflict_handler;
    const prefix = "prefix_chars" in extra ? extra.prefix_chars : container.prefix_chars;
    const argDefault = "argument_default" in extra ? extra.argument_default : container.argument_default;
    this._containerInit(p.description, prefix, argDefault, conflict);
    this.title = p.title;
    this._registries = container._registries;
    this._actions = container._actions;
    this._option_string_actions = container._option_string_actions;
    this._defaults = container._defaults;
    this._has_negative_number_optionals = container._has_negative_number_optionals;
    this._mutually_exclusive_groups = container._mutually_exclusive_groups;
  }

  override _add_action(action: Action): Action {
    super._add_action(action);
    this._group_actions.push(action);
    return action;
  }

  override _remove_action(action: Action): void {
    super._remove_action(action);
    this._group_actions.splice(this._group_actions.indexOf(action), 1);
  }
}

export class _MutuallyExclusiveGroup extends _ArgumentGroup {
  declare required: any;
  _container: _ActionsContainer;

  constructor(container: _ActionsContainer, ...args: unknown[]) {
    super(container);
    const p = bindArgs("_MutuallyExclusiveGroup.__init__", args, ["required"], { required: false });
    this.required = p.required;
    this._container = container;
  }

  override _add_action(action: Action): Action {
    if (truthy(action.required)) throw new ValueError("mutually exclusive arguments must be optional");
    this._container._add_action(action);
    this._group_actions.push(action);
    return action;
  }

  override _remove_action(action: Action): void {
    this._container._remove_action(action);
    this._group_actions.splice(this._group_actions.indexOf(action), 1);
  }
}

class _ChoicesPseudoAction extends Action {
  constructor(name: string, aliases: string[], help: unknown) {
    const metavar = aliases.length > 0 ? `${name} (${aliases.join(", ")})` : name;
    super(kw({ option_strings: [], dest: name, help, metavar }));
  }
}

export class _SubParsersAction extends Action {
  _prog_prefix: any;
  _parser_class: any;
  _name_parser_map: Dict<string, unknown>;
  _choices_actions: Action[];

  constructor(...args: unknown[]) {
    const p = bindArgs("_SubParsersAction.__init__", args, ["option_strings", "prog", "parser_class", "dest", "required", "help", "metavar"], { dest: SUPPRESS, required: false, help: null, metavar: null });
    const map = new Dict<string, unknown>();
    super(kw({ option_strings: p.option_strings, dest: p.dest, nargs: PARSER, choices: map, required: p.required, help: p.help, metavar: p.metavar }));
    this._prog_prefix = p.prog;
    this._parser_class = p.parser_class;
    this._name_parser_map = map;
    this._choices_actions = [];
  }

  add_parser(...args: unknown[]): any {
    const [pos, kws0] = splitKw(args);
    if (pos.length !== 1) throw new PyTypeError(`_SubParsersAction.add_parser() takes 2 positional arguments but ${pos.length + 1} were given`);
    const name = toStr(pos[0]);
    const kws = kwRecord(kws0);
    if (none(kws.prog)) kws.prog = `${toStr(this._prog_prefix)} ${name}`;
    const aliases = "aliases" in kws ? (Array.from(iterable(kws.aliases), toStr)) : [];
    delete kws.aliases;
    if (this._name_parser_map.has(name)) throw new ArgumentError(this, `conflicting subparser: ${name}`);
    for (const alias of aliases) if (this._name_parser_map.has(alias)) throw new ArgumentError(this, `conflicting subparser alias: ${alias}`);
    if ("help" in kws) {
      const help = kws.help;
      delete kws.help;
      this._choices_actions.push(new _ChoicesPseudoAction(name, aliases, help));
    }
    const parser = construct(this._parser_class, [kw(kws)]);
    this._name_parser_map.set(name, parser);
    for (const alias of aliases) this._name_parser_map.set(alias, parser);
    return parser;
  }

  _get_subactions(): Action[] {
    return this._choices_actions;
  }

  override __call__(_parser: unknown, namespace: unknown, values: unknown): null {
    const list = Array.from(iterable(values));
    const parserName = toStr(list[0]);
    const argStrings = list.slice(1);
    if (this.dest !== SUPPRESS) setattr(namespace, this.dest, parserName);
    if (!this._name_parser_map.has(parserName)) {
      const choices = [...this._name_parser_map.keys()].join(", ");
      throw new ArgumentError(this, `unknown parser ${repr(parserName)} (choices: ${choices})`);
    }
    const parser = this._name_parser_map.get(parserName);
    const [subnamespace, rest] = Array.from(iterable(callMethod(parser, "parse_known_args", argStrings, null))) as [unknown, unknown[]];
    for (const [key, value] of (vars(subnamespace) as Dict<string, unknown>).entries()) setattr(namespace, key, value);
    if (rest.length > 0) {
      if (!hasattr(namespace, UNRECOGNIZED_ARGS_ATTR)) setattr(namespace, UNRECOGNIZED_ARGS_ATTR, []);
      (getattr(namespace, UNRECOGNIZED_ARGS_ATTR) as unknown[]).push(...rest);
    }
    return null;
  }
}

