// The JS classes a class statement derives from for a built-in base (`class Stack(list)` is
// `class Stack extends ListBase`), by the built-in's name: `type(name, (list,), ns)` needs the
// same. Filled by builtin-bases.ts and value-subclasses.ts as they load.
export const RUNTIME_BASES = new Map<string, Function>();
