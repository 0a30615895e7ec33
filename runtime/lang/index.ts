// Helpers the lowering emits for statements: unpacking, with, async for, raise, classes.
export { unpack, unpackStar } from "./unpack.js";
export { context, asyncContext, SyncContext, AsyncContext } from "./context.js";
export { aiter, anext, anextStep, asyncCollect, listComp, setComp, dictComp, dictItems } from "./iteration.js";
export { attributeHooks, decorateMethod, pyFunction, shareClassMethods, withContext } from "./objects.js";
export { bound, exceptionOf, withCause, reraiseNothing, nameError, bytesLiteral, shareClassAttributes, __name__ } from "./objects.js";
export { keywords, keywordMethods, missingArgument, raiseTypeError } from "./keywords.js";
export { matchSequence, matchMapping, matchClass } from "./match.js";
export { BaseExceptionGroup, ExceptionGroup, ExceptStar, exceptStar } from "./exception-groups.js";
export { installSourceMappedFrames } from "./frames.js";
export { closing, exceptionMatches, pythonException } from "./exception-flow.js";
export { callValue } from "../modules/pycall.js";
export { inheritFrom, initInstance, superOf } from "./mro.js";
export { open, PyFile } from "./files.js";
export { dir } from "./objects.js";
export { ListBase, DictBase } from "./builtin-bases.js";
export { aliasMethod, pyDef, pyMethods, Cell, CodeObject } from "./functions.js";
