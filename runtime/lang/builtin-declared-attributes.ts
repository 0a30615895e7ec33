// The names CPython's built-in classes hold for what the runtime keeps as instance fields or on
// another JS class: `slice.start`, `property.fget`, `memoryview.nbytes`, `OSError.filename`,
// `slice.indices`, `type.mro` (runtime/values/declared-attributes.ts). Registered once the
// classes exist (runtime/index.ts imports this module last).

import { declareDataAttributes, declareTypeMethods } from "../values/declared-attributes.js";
import { memoryview, type } from "../values/builtin-types.js";
import { MemoryView } from "../values/memoryview.js";
import { Slice, slice } from "../values/slice.js";
import { PyProperty, property } from "./descriptors.js";
import { AttributeError, ImportError, NameError, OSError, PySyntaxError, StopIteration, SystemExit, UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError } from "../values/exceptions.js";
import { BaseExceptionGroup, ExceptionGroup } from "../asyncio/exception-group.js";
import { classChain } from "../values/attributes.js";

declareDataAttributes(slice, "member", "start stop step");
declareTypeMethods(slice, Slice.prototype, "indices");
declareDataAttributes(property, "member", "fget fset fdel");
// (`type(p)` of a property object is the PyProperty class: it shows the same)
declareDataAttributes(PyProperty, "member", "fget fset fdel", false, property);
declareTypeMethods(PyProperty, PyProperty.prototype, "getter setter deleter");
declareTypeMethods(property, PyProperty.prototype, "getter setter deleter");
declareDataAttributes(memoryview, "getset", "obj nbytes readonly itemsize format ndim shape strides suboffsets c_contiguous f_contiguous contiguous");
declareTypeMethods(memoryview, MemoryView.prototype, "release tobytes hex tolist toreadonly cast");
declareTypeMethods(type, { mro: function (this: Function) { return classChain(this); } }, "mro");

declareDataAttributes(BaseExceptionGroup, "member", "message exceptions");
declareDataAttributes(ExceptionGroup, "member", "message exceptions", false, BaseExceptionGroup);
declareDataAttributes(SystemExit, "member", "code", true);
declareDataAttributes(StopIteration, "member", "value", true);
declareDataAttributes(AttributeError, "member", "name obj", true);
declareDataAttributes(ImportError, "member", "msg name path", true);
declareDataAttributes(NameError, "member", "name", true);
declareDataAttributes(OSError, "member", "errno strerror filename filename2", true);
declareDataAttributes(OSError, "getset", "characters_written", true);
declareDataAttributes(PySyntaxError, "member", "msg filename lineno offset text end_lineno end_offset print_file_and_line", true);
declareDataAttributes(UnicodeDecodeError, "member", "encoding object start end reason", true);
declareDataAttributes(UnicodeEncodeError, "member", "encoding object start end reason", true);
declareDataAttributes(UnicodeTranslateError, "member", "encoding object start end reason", true);
