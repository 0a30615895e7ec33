// The dunders MagicMock preconfigures beyond the container and context-manager ones (CPython's
// unittest.mock `_magics`), and how `==` / `!=` answer when left unconfigured.

/** `==` and `!=` left unconfigured compare by identity (CPython's `_get_eq` / `_get_ne`). */
export const IDENTITY_COMPARISONS: Record<string, boolean> = { __eq__: true, __ne__: false };

/** The binary operators' dunders (CPython's `numerics`), plain, in-place and reflected: each answers a MagicMock. */
export const NUMERIC_MAGIC = ["add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "lshift", "rshift", "and", "xor", "or", "pow"].flatMap((n) => [`__${n}__`, `__i${n}__`, `__r${n}__`]);

/** The unary and conversion dunders and comparisons MagicMock also preconfigures. */
export const OTHER_MAGIC = ["__neg__", "__pos__", "__abs__", "__invert__", "__complex__", "__index__", "__round__", "__floor__", "__ceil__", "__trunc__", "__divmod__", "__rdivmod__", "__lt__", "__gt__", "__le__", "__ge__", "__eq__", "__ne__"];
