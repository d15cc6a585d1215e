import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/errors.ts
/** Marks the user's mistakes apart from bugs: reported as a message, never as a stack trace. */
class errors_ConfigurationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigurationError';
    }
}
/** A configuration error that carries every problem found, not only the first. */
class ProblemsError extends errors_ConfigurationError {
    problems;
    constructor(problems, headline) {
        const errors = problems.filter(p => p.severity === 'error');
        super([
            headline ?? `${errors.length} problem${errors.length === 1 ? '' : 's'} found:`,
            ...problems.map(formatProblem)
        ].join('\n'));
        this.name = 'ProblemsError';
        this.problems = problems;
    }
}
/** `file:line:col: severity: message`, the form editors and GitHub problem matchers read. */
function formatProblem(p) {
    return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}
/** The message of anything thrown; a thrown non-Error is still reported. */
function errorMessage(e) {
    if (e instanceof Error) {
        if (e.message)
            return e.message;
        const status = e.status;
        return `${e.name || 'Error'}${status ? ` (HTTP ${status})` : ''} with no message`;
    }
    if (typeof e === 'string')
        return e;
    try {
        return `Unexpected error: ${JSON.stringify(e)}`;
    }
    catch {
        return `Unexpected error: ${String(e)}`;
    }
}
/** True for errors the user can fix (bad input), false for bugs. */
function isUserError(e) {
    return e instanceof errors_ConfigurationError;
}

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: ./src/registry/source-text.ts


const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
/** Line and column (both 1-based) of a character offset, from precomputed line starts. */
class source_text_LineIndex {
    starts = [0];
    constructor(text) {
        for (let i = 0; i < text.length; i++)
            if (text.charCodeAt(i) === 10)
                this.starts.push(i + 1);
    }
    /** The 1-based line and column of a 0-based character offset. */
    position(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((this.starts[mid] ?? 0) <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
    }
}
/**
 * The offset of the first byte that is not valid UTF-8, or -1.
 * Hand-written because TextDecoder and Buffer.isUtf8 say "invalid" without saying where.
 */
function firstInvalidUtf8Offset(bytes) {
    let i = 0;
    const n = bytes.length;
    while (i < n) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let need;
        let min;
        if (b >= 0xc2 && b <= 0xdf) {
            need = 1;
            min = 0x80;
        }
        else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            min = 0x800;
        }
        else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            min = 0x10000;
        }
        else
            return i;
        if (i + need >= n)
            return i;
        let cp = b & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
            const c = bytes[i + k];
            if (c === undefined || (c & 0xc0) !== 0x80)
                return i;
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need + 1;
    }
    return -1;
}
/** Line and column of a byte offset in bytes that are valid UTF-8 up to that offset. */
function bytePosition(bytes, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
        if (bytes[i] === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    // Column counts characters, so decode the valid prefix of the line.
    const column = decoder.decode(bytes.subarray(lineStart, offset)).length + 1;
    return { line, column };
}
/** Decodes strict UTF-8: a bad byte is an error naming the file, line, column and byte offset. */
function decodeUtf8Strict(bytes, file) {
    try {
        return decoder.decode(bytes);
    }
    catch {
        const offset = firstInvalidUtf8Offset(bytes);
        const { line, column } = bytePosition(bytes, Math.max(offset, 0));
        throw new ConfigurationError(`${file}:${line}:${column}: error: invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte offset ${offset}; expected a UTF-8 encoded text file`);
    }
}
/** Reads a small text file with a size cap and strict UTF-8; a leading BOM is dropped. */
async function readTextFile(path, displayPath, maxBytes) {
    const handle = await open(path, 'r');
    try {
        const { size } = await handle.stat();
        if (size > maxBytes) {
            throw new ConfigurationError(`${displayPath}:1:1: error: file is ${size} bytes; expected at most ${maxBytes} bytes for this kind of file`);
        }
        const bytes = new Uint8Array(size);
        let read = 0;
        while (read < size) {
            const r = await handle.read(bytes, read, size - read, read);
            if (r.bytesRead === 0)
                break;
            read += r.bytesRead;
        }
        return decodeUtf8Strict(bytes.subarray(0, read), displayPath);
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./node_modules/@huggingface/jinja/dist/index.js
var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => {
  __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
  return value;
};

// src/lexer.ts
var TOKEN_TYPES = Object.freeze({
  Text: "Text",
  // The text between Jinja statements or expressions
  NumericLiteral: "NumericLiteral",
  // e.g., 123, 1.0
  StringLiteral: "StringLiteral",
  // 'string'
  Identifier: "Identifier",
  // Variables, functions, statements, booleans, etc.
  Equals: "Equals",
  // =
  OpenParen: "OpenParen",
  // (
  CloseParen: "CloseParen",
  // )
  OpenStatement: "OpenStatement",
  // {%
  CloseStatement: "CloseStatement",
  // %}
  OpenExpression: "OpenExpression",
  // {{
  CloseExpression: "CloseExpression",
  // }}
  OpenSquareBracket: "OpenSquareBracket",
  // [
  CloseSquareBracket: "CloseSquareBracket",
  // ]
  OpenCurlyBracket: "OpenCurlyBracket",
  // {
  CloseCurlyBracket: "CloseCurlyBracket",
  // }
  Comma: "Comma",
  // ,
  Dot: "Dot",
  // .
  Colon: "Colon",
  // :
  Pipe: "Pipe",
  // |
  CallOperator: "CallOperator",
  // ()
  AdditiveBinaryOperator: "AdditiveBinaryOperator",
  // + - ~
  MultiplicativeBinaryOperator: "MultiplicativeBinaryOperator",
  // * / // %
  ExponentiationBinaryOperator: "ExponentiationBinaryOperator",
  // **
  ComparisonBinaryOperator: "ComparisonBinaryOperator",
  // < > <= >= == !=
  UnaryOperator: "UnaryOperator",
  // ! - +
  Comment: "Comment"
  // {# ... #}
});
var Token = class {
  /**
   * Constructs a new Token.
   * @param {string} value The raw value as seen inside the source code.
   * @param {TokenType} type The type of token.
   */
  constructor(value, type) {
    this.value = value;
    this.type = type;
  }
};
function isWord(char) {
  return /\w/.test(char);
}
function isInteger(char) {
  return /[0-9]/.test(char);
}
function isWhitespace(char) {
  return /\s/.test(char);
}
var ORDERED_MAPPING_TABLE = [
  // Control sequences
  ["{%", TOKEN_TYPES.OpenStatement],
  ["%}", TOKEN_TYPES.CloseStatement],
  ["{{", TOKEN_TYPES.OpenExpression],
  ["}}", TOKEN_TYPES.CloseExpression],
  // Single character tokens
  ["(", TOKEN_TYPES.OpenParen],
  [")", TOKEN_TYPES.CloseParen],
  ["{", TOKEN_TYPES.OpenCurlyBracket],
  ["}", TOKEN_TYPES.CloseCurlyBracket],
  ["[", TOKEN_TYPES.OpenSquareBracket],
  ["]", TOKEN_TYPES.CloseSquareBracket],
  [",", TOKEN_TYPES.Comma],
  [".", TOKEN_TYPES.Dot],
  [":", TOKEN_TYPES.Colon],
  ["|", TOKEN_TYPES.Pipe],
  // Comparison operators
  ["<=", TOKEN_TYPES.ComparisonBinaryOperator],
  [">=", TOKEN_TYPES.ComparisonBinaryOperator],
  ["==", TOKEN_TYPES.ComparisonBinaryOperator],
  ["!=", TOKEN_TYPES.ComparisonBinaryOperator],
  ["<", TOKEN_TYPES.ComparisonBinaryOperator],
  [">", TOKEN_TYPES.ComparisonBinaryOperator],
  // Arithmetic operators
  ["+", TOKEN_TYPES.AdditiveBinaryOperator],
  ["-", TOKEN_TYPES.AdditiveBinaryOperator],
  ["~", TOKEN_TYPES.AdditiveBinaryOperator],
  ["**", TOKEN_TYPES.ExponentiationBinaryOperator],
  // NOTE: must come before "*" so that "**" is matched first
  ["*", TOKEN_TYPES.MultiplicativeBinaryOperator],
  ["//", TOKEN_TYPES.MultiplicativeBinaryOperator],
  // NOTE: must come before "/" so that "//" is matched first
  ["/", TOKEN_TYPES.MultiplicativeBinaryOperator],
  ["%", TOKEN_TYPES.MultiplicativeBinaryOperator],
  // Assignment operator
  ["=", TOKEN_TYPES.Equals]
];
var ESCAPE_CHARACTERS = /* @__PURE__ */ new Map([
  ["n", "\n"],
  // New line
  ["t", "	"],
  // Horizontal tab
  ["r", "\r"],
  // Carriage return
  ["b", "\b"],
  // Backspace
  ["f", "\f"],
  // Form feed
  ["v", "\v"],
  // Vertical tab
  ["'", "'"],
  // Single quote
  ['"', '"'],
  // Double quote
  ["\\", "\\"]
  // Backslash
]);
function preprocess(template, options = {}) {
  if (template.endsWith("\n")) {
    template = template.slice(0, -1);
  }
  if (options.lstrip_blocks) {
    template = template.replace(/^[ \t]*({[#%-])/gm, "$1");
  }
  if (options.trim_blocks) {
    template = template.replace(/([#%-]})\n/g, "$1");
  }
  return template.replace(
    /(\s*){%(-?)\s*(?:end)?generation\s*(-?)%}(\s*)/gs,
    (_, before, lstrip, rstrip, after) => (lstrip ? "" : before) + (rstrip ? "" : after)
  );
}
function tokenize(source, options = {}) {
  const tokens = [];
  const src = preprocess(source, options);
  let cursorPosition = 0;
  let curlyBracketDepth = 0;
  const consumeWhile = (predicate) => {
    let str = "";
    while (predicate(src[cursorPosition])) {
      if (src[cursorPosition] === "\\") {
        ++cursorPosition;
        if (cursorPosition >= src.length) {
          throw new SyntaxError("Unexpected end of input");
        }
        const escaped = src[cursorPosition++];
        if (escaped === "x" || escaped === "u") {
          const length = escaped === "x" ? 2 : 4;
          const hex = src.slice(cursorPosition, cursorPosition + length);
          if (hex.length !== length || /[^0-9a-f]/i.test(hex)) {
            throw new SyntaxError(`Invalid hexadecimal escape sequence: \\${escaped}${hex}`);
          }
          str += String.fromCharCode(parseInt(hex, 16));
          cursorPosition += length;
          continue;
        }
        const unescaped = ESCAPE_CHARACTERS.get(escaped);
        if (unescaped === void 0) {
          throw new SyntaxError(`Unexpected escaped character: ${escaped}`);
        }
        str += unescaped;
        continue;
      }
      str += src[cursorPosition++];
      if (cursorPosition >= src.length) {
        throw new SyntaxError("Unexpected end of input");
      }
    }
    return str;
  };
  const stripTrailingWhitespace = () => {
    const lastToken = tokens.at(-1);
    if (lastToken && lastToken.type === TOKEN_TYPES.Text) {
      lastToken.value = lastToken.value.trimEnd();
      if (lastToken.value === "") {
        tokens.pop();
      }
    }
  };
  const skipLeadingWhitespace = () => {
    while (cursorPosition < src.length && isWhitespace(src[cursorPosition])) {
      ++cursorPosition;
    }
  };
  main:
    while (cursorPosition < src.length) {
      const lastTokenType = tokens.at(-1)?.type;
      if (lastTokenType === void 0 || lastTokenType === TOKEN_TYPES.CloseStatement || lastTokenType === TOKEN_TYPES.CloseExpression || lastTokenType === TOKEN_TYPES.Comment) {
        let text = "";
        while (cursorPosition < src.length && // Keep going until we hit the next Jinja statement or expression
        !(src[cursorPosition] === "{" && (src[cursorPosition + 1] === "%" || src[cursorPosition + 1] === "{" || src[cursorPosition + 1] === "#"))) {
          text += src[cursorPosition++];
        }
        if (text.length > 0) {
          tokens.push(new Token(text, TOKEN_TYPES.Text));
          continue;
        }
      }
      if (src[cursorPosition] === "{" && src[cursorPosition + 1] === "#") {
        cursorPosition += 2;
        const stripBefore = src[cursorPosition] === "-";
        if (stripBefore) {
          ++cursorPosition;
        }
        let comment = "";
        while (src[cursorPosition] !== "#" || src[cursorPosition + 1] !== "}") {
          if (cursorPosition + 2 >= src.length) {
            throw new SyntaxError("Missing end of comment tag");
          }
          comment += src[cursorPosition++];
        }
        const stripAfter = comment.endsWith("-");
        if (stripAfter) {
          comment = comment.slice(0, -1);
        }
        if (stripBefore) {
          stripTrailingWhitespace();
        }
        tokens.push(new Token(comment, TOKEN_TYPES.Comment));
        cursorPosition += 2;
        if (stripAfter) {
          skipLeadingWhitespace();
        }
        continue;
      }
      if (src.slice(cursorPosition, cursorPosition + 3) === "{%-") {
        stripTrailingWhitespace();
        tokens.push(new Token("{%", TOKEN_TYPES.OpenStatement));
        cursorPosition += 3;
        continue;
      }
      if (src.slice(cursorPosition, cursorPosition + 3) === "{{-") {
        stripTrailingWhitespace();
        tokens.push(new Token("{{", TOKEN_TYPES.OpenExpression));
        curlyBracketDepth = 0;
        cursorPosition += 3;
        continue;
      }
      consumeWhile(isWhitespace);
      if (src.slice(cursorPosition, cursorPosition + 3) === "-%}") {
        tokens.push(new Token("%}", TOKEN_TYPES.CloseStatement));
        cursorPosition += 3;
        skipLeadingWhitespace();
        continue;
      }
      if (src.slice(cursorPosition, cursorPosition + 3) === "-}}") {
        tokens.push(new Token("}}", TOKEN_TYPES.CloseExpression));
        cursorPosition += 3;
        skipLeadingWhitespace();
        continue;
      }
      const char = src[cursorPosition];
      if (char === "-" || char === "+") {
        const lastTokenType2 = tokens.at(-1)?.type;
        if (lastTokenType2 === TOKEN_TYPES.Text || lastTokenType2 === void 0) {
          throw new SyntaxError(`Unexpected character: ${char}`);
        }
        switch (lastTokenType2) {
          case TOKEN_TYPES.Identifier:
          case TOKEN_TYPES.NumericLiteral:
          case TOKEN_TYPES.StringLiteral:
          case TOKEN_TYPES.CloseParen:
          case TOKEN_TYPES.CloseSquareBracket:
            break;
          default: {
            ++cursorPosition;
            let num = consumeWhile(isInteger);
            if (num.length > 0 && src[cursorPosition] === "." && isInteger(src[cursorPosition + 1])) {
              ++cursorPosition;
              const frac = consumeWhile(isInteger);
              num = `${num}.${frac}`;
            }
            tokens.push(
              new Token(`${char}${num}`, num.length > 0 ? TOKEN_TYPES.NumericLiteral : TOKEN_TYPES.UnaryOperator)
            );
            continue;
          }
        }
      }
      for (const [seq, type] of ORDERED_MAPPING_TABLE) {
        if (seq === "}}" && curlyBracketDepth > 0) {
          continue;
        }
        const slice2 = src.slice(cursorPosition, cursorPosition + seq.length);
        if (slice2 === seq) {
          tokens.push(new Token(seq, type));
          if (type === TOKEN_TYPES.OpenExpression) {
            curlyBracketDepth = 0;
          } else if (type === TOKEN_TYPES.OpenCurlyBracket) {
            ++curlyBracketDepth;
          } else if (type === TOKEN_TYPES.CloseCurlyBracket) {
            --curlyBracketDepth;
          }
          cursorPosition += seq.length;
          continue main;
        }
      }
      if (char === "'" || char === '"') {
        ++cursorPosition;
        const str = consumeWhile((c) => c !== char);
        tokens.push(new Token(str, TOKEN_TYPES.StringLiteral));
        ++cursorPosition;
        continue;
      }
      if (isInteger(char)) {
        let num = consumeWhile(isInteger);
        if (tokens.at(-1)?.type !== TOKEN_TYPES.Dot && src[cursorPosition] === "." && isInteger(src[cursorPosition + 1])) {
          ++cursorPosition;
          const frac = consumeWhile(isInteger);
          num = `${num}.${frac}`;
        }
        tokens.push(new Token(num, TOKEN_TYPES.NumericLiteral));
        continue;
      }
      if (isWord(char)) {
        const word = consumeWhile(isWord);
        tokens.push(new Token(word, TOKEN_TYPES.Identifier));
        continue;
      }
      throw new SyntaxError(`Unexpected character: ${char}`);
    }
  return tokens;
}

// src/ast.ts
var Statement = class {
  type = "Statement";
};
var Program = class extends Statement {
  constructor(body) {
    super();
    this.body = body;
  }
  type = "Program";
};
var If = class extends Statement {
  constructor(test, body, alternate) {
    super();
    this.test = test;
    this.body = body;
    this.alternate = alternate;
  }
  type = "If";
};
var For = class extends Statement {
  constructor(loopvar, iterable, body, defaultBlock) {
    super();
    this.loopvar = loopvar;
    this.iterable = iterable;
    this.body = body;
    this.defaultBlock = defaultBlock;
  }
  type = "For";
};
var Break = class extends Statement {
  type = "Break";
};
var Continue = class extends Statement {
  type = "Continue";
};
var SetStatement = class extends Statement {
  constructor(assignee, value, body) {
    super();
    this.assignee = assignee;
    this.value = value;
    this.body = body;
  }
  type = "Set";
};
var Macro = class extends Statement {
  constructor(name, args, body) {
    super();
    this.name = name;
    this.args = args;
    this.body = body;
  }
  type = "Macro";
};
var Comment = class extends Statement {
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Comment";
};
var Expression = class extends Statement {
  type = "Expression";
};
var MemberExpression = class extends Expression {
  constructor(object, property, computed) {
    super();
    this.object = object;
    this.property = property;
    this.computed = computed;
  }
  type = "MemberExpression";
};
var CallExpression = class extends Expression {
  constructor(callee, args) {
    super();
    this.callee = callee;
    this.args = args;
  }
  type = "CallExpression";
};
var Identifier = class extends Expression {
  /**
   * @param {string} value The name of the identifier
   */
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Identifier";
};
var Literal = class extends Expression {
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Literal";
};
var IntegerLiteral = class extends Literal {
  type = "IntegerLiteral";
};
var FloatLiteral = class extends Literal {
  type = "FloatLiteral";
};
var StringLiteral = class extends Literal {
  type = "StringLiteral";
};
var ArrayLiteral = class extends Literal {
  type = "ArrayLiteral";
};
var TupleLiteral = class extends Literal {
  type = "TupleLiteral";
};
var ObjectLiteral = class extends Literal {
  type = "ObjectLiteral";
};
var BinaryExpression = class extends Expression {
  constructor(operator, left, right) {
    super();
    this.operator = operator;
    this.left = left;
    this.right = right;
  }
  type = "BinaryExpression";
};
var FilterExpression = class extends Expression {
  constructor(operand, filter) {
    super();
    this.operand = operand;
    this.filter = filter;
  }
  type = "FilterExpression";
};
var FilterStatement = class extends Statement {
  constructor(filter, body) {
    super();
    this.filter = filter;
    this.body = body;
  }
  type = "FilterStatement";
};
var SelectExpression = class extends Expression {
  constructor(lhs, test) {
    super();
    this.lhs = lhs;
    this.test = test;
  }
  type = "SelectExpression";
};
var TestExpression = class extends Expression {
  constructor(operand, negate, test) {
    super();
    this.operand = operand;
    this.negate = negate;
    this.test = test;
  }
  type = "TestExpression";
};
var UnaryExpression = class extends Expression {
  constructor(operator, argument) {
    super();
    this.operator = operator;
    this.argument = argument;
  }
  type = "UnaryExpression";
};
var SliceExpression = class extends Expression {
  constructor(start = void 0, stop = void 0, step = void 0) {
    super();
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
  type = "SliceExpression";
};
var KeywordArgumentExpression = class extends Expression {
  constructor(key, value) {
    super();
    this.key = key;
    this.value = value;
  }
  type = "KeywordArgumentExpression";
};
var SpreadExpression = class extends Expression {
  constructor(argument) {
    super();
    this.argument = argument;
  }
  type = "SpreadExpression";
};
var KeywordSpreadExpression = class extends Expression {
  constructor(argument) {
    super();
    this.argument = argument;
  }
  type = "KeywordSpreadExpression";
};
var CallStatement = class extends Statement {
  constructor(call, callerArgs, body) {
    super();
    this.call = call;
    this.callerArgs = callerArgs;
    this.body = body;
  }
  type = "CallStatement";
};
var Ternary = class extends Expression {
  constructor(condition, trueExpr, falseExpr) {
    super();
    this.condition = condition;
    this.trueExpr = trueExpr;
    this.falseExpr = falseExpr;
  }
  type = "Ternary";
};

// src/parser.ts
function parse(tokens) {
  const program = new Program([]);
  let current = 0;
  function expect(type, error) {
    const prev = tokens[current++];
    if (!prev || prev.type !== type) {
      throw new Error(`Parser Error: ${error}. ${prev.type} !== ${type}.`);
    }
    return prev;
  }
  function expectIdentifier(name) {
    if (!isIdentifier(name)) {
      throw new SyntaxError(`Expected ${name}`);
    }
    ++current;
  }
  function parseAny() {
    switch (tokens[current].type) {
      case TOKEN_TYPES.Comment:
        return new Comment(tokens[current++].value);
      case TOKEN_TYPES.Text:
        return parseText();
      case TOKEN_TYPES.OpenStatement:
        return parseJinjaStatement();
      case TOKEN_TYPES.OpenExpression:
        return parseJinjaExpression();
      default:
        throw new SyntaxError(`Unexpected token type: ${tokens[current].type}`);
    }
  }
  function is(...types) {
    return current + types.length <= tokens.length && types.every((type, i) => type === tokens[current + i].type);
  }
  function isStatement(...names) {
    return tokens[current]?.type === TOKEN_TYPES.OpenStatement && tokens[current + 1]?.type === TOKEN_TYPES.Identifier && names.includes(tokens[current + 1]?.value);
  }
  function isIdentifier(...names) {
    return current + names.length <= tokens.length && names.every((name, i) => tokens[current + i].type === "Identifier" && name === tokens[current + i].value);
  }
  function parseText() {
    return new StringLiteral(expect(TOKEN_TYPES.Text, "Expected text token").value);
  }
  function parseJinjaStatement() {
    expect(TOKEN_TYPES.OpenStatement, "Expected opening statement token");
    if (tokens[current].type !== TOKEN_TYPES.Identifier) {
      throw new SyntaxError(`Unknown statement, got ${tokens[current].type}`);
    }
    const name = tokens[current].value;
    let result;
    switch (name) {
      case "set":
        ++current;
        result = parseSetStatement();
        break;
      case "if":
        ++current;
        result = parseIfStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endif");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "macro":
        ++current;
        result = parseMacroStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endmacro");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "for":
        ++current;
        result = parseForStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endfor");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "call": {
        ++current;
        let callerArgs = null;
        if (is(TOKEN_TYPES.OpenParen)) {
          callerArgs = parseArgs("parameters");
        }
        const callee = parsePrimaryExpression();
        if (callee.type !== "Identifier") {
          throw new SyntaxError(`Expected identifier following call statement`);
        }
        const callArgs = parseArgs("call");
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const body = [];
        while (!isStatement("endcall")) {
          body.push(parseAny());
        }
        expect(TOKEN_TYPES.OpenStatement, "Expected '{%'");
        expectIdentifier("endcall");
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const callExpr = new CallExpression(callee, callArgs);
        result = new CallStatement(callExpr, callerArgs, body);
        break;
      }
      case "break":
        ++current;
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        result = new Break();
        break;
      case "continue":
        ++current;
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        result = new Continue();
        break;
      case "filter": {
        ++current;
        let filterNode = parsePrimaryExpression();
        if (filterNode instanceof Identifier && is(TOKEN_TYPES.OpenParen)) {
          filterNode = parseCallExpression(filterNode);
        }
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const filterBody = [];
        while (!isStatement("endfilter")) {
          filterBody.push(parseAny());
        }
        expect(TOKEN_TYPES.OpenStatement, "Expected '{%'");
        expectIdentifier("endfilter");
        expect(TOKEN_TYPES.CloseStatement, "Expected '%}'");
        result = new FilterStatement(filterNode, filterBody);
        break;
      }
      default:
        throw new SyntaxError(`Unknown statement type: ${name}`);
    }
    return result;
  }
  function parseJinjaExpression() {
    expect(TOKEN_TYPES.OpenExpression, "Expected opening expression token");
    const result = parseExpression();
    expect(TOKEN_TYPES.CloseExpression, "Expected closing expression token");
    return result;
  }
  function parseSetStatement() {
    const left = parseExpressionSequence();
    let value = null;
    const body = [];
    if (is(TOKEN_TYPES.Equals)) {
      ++current;
      value = parseExpressionSequence();
    } else {
      expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
      while (!isStatement("endset")) {
        body.push(parseAny());
      }
      expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
      expectIdentifier("endset");
    }
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    return new SetStatement(left, value, body);
  }
  function parseIfStatement() {
    const test = parseExpression();
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    const alternate = [];
    while (!isStatement("elif", "else", "endif")) {
      body.push(parseAny());
    }
    if (isStatement("elif")) {
      ++current;
      ++current;
      const result = parseIfStatement();
      alternate.push(result);
    } else if (isStatement("else")) {
      ++current;
      ++current;
      expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
      while (!isStatement("endif")) {
        alternate.push(parseAny());
      }
    }
    return new If(test, body, alternate);
  }
  function parseMacroStatement() {
    const name = parsePrimaryExpression();
    if (name.type !== "Identifier") {
      throw new SyntaxError(`Expected identifier following macro statement`);
    }
    const args = parseArgs("parameters");
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    while (!isStatement("endmacro")) {
      body.push(parseAny());
    }
    return new Macro(name, args, body);
  }
  function parseExpressionSequence(primary = false) {
    const fn = primary ? parsePrimaryExpression : parseExpression;
    const expressions = [fn()];
    const isTuple = is(TOKEN_TYPES.Comma);
    while (isTuple) {
      ++current;
      expressions.push(fn());
      if (!is(TOKEN_TYPES.Comma)) {
        break;
      }
    }
    return isTuple ? new TupleLiteral(expressions) : expressions[0];
  }
  function parseForStatement() {
    const loopVariable = parseExpressionSequence(true);
    if (!(loopVariable instanceof Identifier || loopVariable instanceof TupleLiteral)) {
      throw new SyntaxError(`Expected identifier/tuple for the loop variable, got ${loopVariable.type} instead`);
    }
    if (!isIdentifier("in")) {
      throw new SyntaxError("Expected `in` keyword following loop variable");
    }
    ++current;
    const iterable = parseExpression();
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    while (!isStatement("endfor", "else")) {
      body.push(parseAny());
    }
    const alternative = [];
    if (isStatement("else")) {
      ++current;
      ++current;
      expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
      while (!isStatement("endfor")) {
        alternative.push(parseAny());
      }
    }
    return new For(loopVariable, iterable, body, alternative);
  }
  function parseExpression() {
    return parseIfExpression();
  }
  function parseIfExpression() {
    const a = parseLogicalOrExpression();
    if (isIdentifier("if")) {
      ++current;
      const test = parseLogicalOrExpression();
      if (isIdentifier("else")) {
        ++current;
        const falseExpr = parseIfExpression();
        return new Ternary(test, a, falseExpr);
      } else {
        return new SelectExpression(a, test);
      }
    }
    return a;
  }
  function parseLogicalOrExpression() {
    let left = parseLogicalAndExpression();
    while (isIdentifier("or")) {
      const operator = tokens[current];
      ++current;
      const right = parseLogicalAndExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseLogicalAndExpression() {
    let left = parseLogicalNegationExpression();
    while (isIdentifier("and")) {
      const operator = tokens[current];
      ++current;
      const right = parseLogicalNegationExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseLogicalNegationExpression() {
    let right;
    while (isIdentifier("not")) {
      const operator = tokens[current];
      ++current;
      const arg = parseLogicalNegationExpression();
      right = new UnaryExpression(operator, arg);
    }
    return right ?? parseComparisonExpression();
  }
  function parseComparisonExpression() {
    let left = parseAdditiveExpression();
    while (true) {
      let operator;
      if (isIdentifier("not", "in")) {
        operator = new Token("not in", TOKEN_TYPES.Identifier);
        current += 2;
      } else if (isIdentifier("in")) {
        operator = tokens[current++];
      } else if (is(TOKEN_TYPES.ComparisonBinaryOperator)) {
        operator = tokens[current++];
      } else {
        break;
      }
      const right = parseAdditiveExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseAdditiveExpression() {
    let left = parseMultiplicativeExpression();
    while (is(TOKEN_TYPES.AdditiveBinaryOperator)) {
      const operator = tokens[current];
      ++current;
      const right = parseMultiplicativeExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseCallMemberExpression() {
    const member = parseMemberExpression(parsePrimaryExpression());
    if (is(TOKEN_TYPES.OpenParen)) {
      return parseCallExpression(member);
    }
    return member;
  }
  function parseCallExpression(callee) {
    let expression = new CallExpression(callee, parseArgs("call"));
    expression = parseMemberExpression(expression);
    if (is(TOKEN_TYPES.OpenParen)) {
      expression = parseCallExpression(expression);
    }
    return expression;
  }
  function parseArgs(mode) {
    expect(TOKEN_TYPES.OpenParen, "Expected opening parenthesis for arguments list");
    const args = parseArgumentsList(mode);
    expect(TOKEN_TYPES.CloseParen, "Expected closing parenthesis for arguments list");
    return args;
  }
  function parseArgumentsList(mode) {
    const args = [];
    const parameterNames = /* @__PURE__ */ new Set();
    let sawKeywordOrDefault = false;
    let sawSpreadArgument = false;
    while (!is(TOKEN_TYPES.CloseParen)) {
      const isKeywordSpread = is(TOKEN_TYPES.ExponentiationBinaryOperator);
      const isPositionalSpread = is(TOKEN_TYPES.MultiplicativeBinaryOperator) && tokens[current].value === "*";
      if (mode === "parameters" && (isKeywordSpread || isPositionalSpread)) {
        throw new SyntaxError("Argument unpacking is not allowed in parameter declarations");
      }
      if (isKeywordSpread) {
        ++current;
        args.push(new KeywordSpreadExpression(parseExpression()));
        if (is(TOKEN_TYPES.Comma)) {
          ++current;
        }
        if (!is(TOKEN_TYPES.CloseParen)) {
          throw new SyntaxError("Expected closing parenthesis: `**` must be applied to the final argument");
        }
        break;
      }
      let argument;
      if (isPositionalSpread) {
        if (sawSpreadArgument) {
          throw new SyntaxError("Only one `*` argument unpacking is allowed");
        }
        sawSpreadArgument = true;
        ++current;
        const expr = parseExpression();
        argument = new SpreadExpression(expr);
      } else {
        argument = parseExpression();
        if (is(TOKEN_TYPES.Equals)) {
          ++current;
          if (!(argument instanceof Identifier)) {
            throw new SyntaxError(
              mode === "parameters" ? "Expected identifier for parameter declaration" : "Expected identifier for keyword argument"
            );
          }
          const value = parseExpression();
          argument = new KeywordArgumentExpression(argument, value);
        }
        if (mode === "parameters") {
          if (!(argument instanceof Identifier || argument instanceof KeywordArgumentExpression)) {
            throw new SyntaxError("Expected identifier for parameter declaration");
          }
          const parameterName = argument instanceof Identifier ? argument.value : argument.key.value;
          if (parameterNames.has(parameterName)) {
            throw new SyntaxError(`Duplicate parameter name: ${parameterName}`);
          }
          parameterNames.add(parameterName);
        }
        if (argument instanceof KeywordArgumentExpression) {
          sawKeywordOrDefault = true;
        } else if (sawKeywordOrDefault) {
          throw new SyntaxError(
            mode === "call" ? "Positional arguments must come before keyword arguments" : "Non-default argument follows default argument"
          );
        } else if (sawSpreadArgument) {
          throw new SyntaxError("Positional arguments must not follow `*` argument unpacking");
        }
      }
      args.push(argument);
      if (is(TOKEN_TYPES.Comma)) {
        ++current;
      }
    }
    return args;
  }
  function parseMemberExpressionArgumentsList() {
    const slices = [];
    let isSlice = false;
    while (!is(TOKEN_TYPES.CloseSquareBracket)) {
      if (is(TOKEN_TYPES.Colon)) {
        slices.push(void 0);
        ++current;
        isSlice = true;
      } else {
        slices.push(parseExpression());
        if (is(TOKEN_TYPES.Colon)) {
          ++current;
          isSlice = true;
        }
      }
    }
    if (slices.length === 0) {
      throw new SyntaxError(`Expected at least one argument for member/slice expression`);
    }
    if (isSlice) {
      if (slices.length > 3) {
        throw new SyntaxError(`Expected 0-3 arguments for slice expression`);
      }
      return new SliceExpression(...slices);
    }
    return slices[0];
  }
  function parseMemberExpression(object) {
    while (is(TOKEN_TYPES.Dot) || is(TOKEN_TYPES.OpenSquareBracket)) {
      const operator = tokens[current];
      ++current;
      let property;
      const computed = operator.type === TOKEN_TYPES.OpenSquareBracket;
      if (computed) {
        property = parseMemberExpressionArgumentsList();
        expect(TOKEN_TYPES.CloseSquareBracket, "Expected closing square bracket");
      } else {
        property = parsePrimaryExpression();
        if (property.type !== "Identifier" && property.type !== "IntegerLiteral") {
          throw new SyntaxError(`Expected identifier or integer following dot operator`);
        }
      }
      object = new MemberExpression(object, property, computed);
    }
    return object;
  }
  function parseMultiplicativeExpression() {
    let left = parsePowerExpression();
    while (is(TOKEN_TYPES.MultiplicativeBinaryOperator)) {
      const operator = tokens[current++];
      const right = parsePowerExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parsePowerExpression() {
    let left = parseTestExpression();
    while (is(TOKEN_TYPES.ExponentiationBinaryOperator)) {
      const operator = tokens[current++];
      const right = parseTestExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseTestExpression() {
    let operand = parseFilterExpression();
    while (isIdentifier("is")) {
      ++current;
      const negate = isIdentifier("not");
      if (negate) {
        ++current;
      }
      const filter = parsePrimaryExpression();
      if (!(filter instanceof Identifier)) {
        throw new SyntaxError(`Expected identifier for the test`);
      }
      operand = new TestExpression(operand, negate, filter);
    }
    return operand;
  }
  function parseFilterExpression() {
    let operand = parseUnarySignExpression();
    while (is(TOKEN_TYPES.Pipe)) {
      ++current;
      let filter = parsePrimaryExpression();
      if (!(filter instanceof Identifier)) {
        throw new SyntaxError(`Expected identifier for the filter`);
      }
      if (is(TOKEN_TYPES.OpenParen)) {
        filter = parseCallExpression(filter);
      }
      operand = new FilterExpression(operand, filter);
    }
    return operand;
  }
  function parseUnarySignExpression() {
    const token = tokens[current];
    if (token && (token.type === TOKEN_TYPES.UnaryOperator || token.type === TOKEN_TYPES.AdditiveBinaryOperator) && (token.value === "-" || token.value === "+")) {
      const operator = tokens[current++];
      const argument = parseUnarySignExpression();
      return new UnaryExpression(operator, argument);
    }
    return parseCallMemberExpression();
  }
  function parsePrimaryExpression() {
    const token = tokens[current++];
    switch (token.type) {
      case TOKEN_TYPES.NumericLiteral: {
        const num = token.value;
        return num.includes(".") ? new FloatLiteral(Number(num)) : new IntegerLiteral(Number(num));
      }
      case TOKEN_TYPES.StringLiteral: {
        let value = token.value;
        while (is(TOKEN_TYPES.StringLiteral)) {
          value += tokens[current++].value;
        }
        return new StringLiteral(value);
      }
      case TOKEN_TYPES.Identifier:
        return new Identifier(token.value);
      case TOKEN_TYPES.OpenParen: {
        const expression = parseExpressionSequence();
        expect(TOKEN_TYPES.CloseParen, "Expected closing parenthesis, got ${tokens[current].type} instead.");
        return expression;
      }
      case TOKEN_TYPES.OpenSquareBracket: {
        const values = [];
        while (!is(TOKEN_TYPES.CloseSquareBracket)) {
          values.push(parseExpression());
          if (is(TOKEN_TYPES.Comma)) {
            ++current;
          }
        }
        ++current;
        return new ArrayLiteral(values);
      }
      case TOKEN_TYPES.OpenCurlyBracket: {
        const values = /* @__PURE__ */ new Map();
        while (!is(TOKEN_TYPES.CloseCurlyBracket)) {
          const key = parseExpression();
          expect(TOKEN_TYPES.Colon, "Expected colon between key and value in object literal");
          const value = parseExpression();
          values.set(key, value);
          if (is(TOKEN_TYPES.Comma)) {
            ++current;
          }
        }
        ++current;
        return new ObjectLiteral(values);
      }
      default:
        throw new SyntaxError(`Unexpected token: ${token.type}`);
    }
  }
  while (current < tokens.length) {
    program.body.push(parseAny());
  }
  return program;
}

// src/utils.ts
function range(start, stop, step = 1) {
  if (stop === void 0) {
    stop = start;
    start = 0;
  }
  if (step === 0) {
    throw new Error("range() step must not be zero");
  }
  const result = [];
  if (step > 0) {
    for (let i = start; i < stop; i += step) {
      result.push(i);
    }
  } else {
    for (let i = start; i > stop; i += step) {
      result.push(i);
    }
  }
  return result;
}
function slice(array, start, stop, step = 1) {
  const direction = Math.sign(step);
  if (direction >= 0) {
    start = (start ??= 0) < 0 ? Math.max(array.length + start, 0) : Math.min(start, array.length);
    stop = (stop ??= array.length) < 0 ? Math.max(array.length + stop, 0) : Math.min(stop, array.length);
  } else {
    start = (start ??= array.length - 1) < 0 ? Math.max(array.length + start, -1) : Math.min(start, array.length - 1);
    stop = (stop ??= -1) < -1 ? Math.max(array.length + stop, -1) : Math.min(stop, array.length - 1);
  }
  const result = [];
  for (let i = start; direction * i < direction * stop; i += step) {
    result.push(array[i]);
  }
  return result;
}
function titleCase(value) {
  return value.replace(/\b\w/g, (c) => c.toUpperCase());
}
function strftime_now(format2) {
  return strftime(/* @__PURE__ */ new Date(), format2);
}
function strftime(date, format2) {
  const monthFormatterLong = new Intl.DateTimeFormat(void 0, { month: "long" });
  const monthFormatterShort = new Intl.DateTimeFormat(void 0, { month: "short" });
  const pad2 = (n) => n < 10 ? "0" + n : n.toString();
  return format2.replace(/%[YmdbBHM%]/g, (token) => {
    switch (token) {
      case "%Y":
        return date.getFullYear().toString();
      case "%m":
        return pad2(date.getMonth() + 1);
      case "%d":
        return pad2(date.getDate());
      case "%b":
        return monthFormatterShort.format(date);
      case "%B":
        return monthFormatterLong.format(date);
      case "%H":
        return pad2(date.getHours());
      case "%M":
        return pad2(date.getMinutes());
      case "%%":
        return "%";
      default:
        return token;
    }
  });
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function replace(str, oldvalue, newvalue, count) {
  if (count === 0) {
    return str;
  }
  let remaining = count == null || count < 0 ? Infinity : count;
  const pattern = oldvalue.length === 0 ? new RegExp("(?=)", "gu") : new RegExp(escapeRegExp(oldvalue), "gu");
  return str.replaceAll(pattern, (match) => {
    if (remaining > 0) {
      --remaining;
      return newvalue;
    }
    return match;
  });
}

// src/runtime.ts
var BreakControl = class extends Error {
};
var ContinueControl = class extends Error {
};
var EMPTY_BUILTINS = /* @__PURE__ */ new Map();
var RuntimeValue = class {
  type = "RuntimeValue";
  value;
  /**
   * A collection of built-in functions for this type.
   */
  get builtins() {
    return EMPTY_BUILTINS;
  }
  /**
   * Creates a new RuntimeValue.
   */
  constructor(value = void 0) {
    this.value = value;
  }
  /**
   * Determines truthiness or falsiness of the runtime value.
   * This function should be overridden by subclasses if it has custom truthiness criteria.
   * @returns {BooleanValue} BooleanValue(true) if the value is truthy, BooleanValue(false) otherwise.
   */
  __bool__() {
    return new BooleanValue(!!this.value);
  }
  toString() {
    return String(this.value);
  }
};
var IntegerValue = class extends RuntimeValue {
  type = "IntegerValue";
};
var FloatValue = class extends RuntimeValue {
  type = "FloatValue";
  toString() {
    if (Object.is(this.value, -0)) {
      return "-0.0";
    }
    return this.value % 1 === 0 ? this.value.toFixed(1) : this.value.toString();
  }
};
var StringValue = class extends RuntimeValue {
  type = "StringValue";
  _builtins;
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([
      [
        "upper",
        new FunctionValue(() => {
          return new StringValue(this.value.toUpperCase());
        })
      ],
      [
        "lower",
        new FunctionValue(() => {
          return new StringValue(this.value.toLowerCase());
        })
      ],
      [
        "strip",
        new FunctionValue(() => {
          return new StringValue(this.value.trim());
        })
      ],
      [
        "title",
        new FunctionValue(() => {
          return new StringValue(titleCase(this.value));
        })
      ],
      [
        "capitalize",
        new FunctionValue(() => {
          return new StringValue(this.value.charAt(0).toUpperCase() + this.value.slice(1));
        })
      ],
      ["length", new IntegerValue(this.value.length)],
      [
        "rstrip",
        new FunctionValue(() => {
          return new StringValue(this.value.trimEnd());
        })
      ],
      [
        "lstrip",
        new FunctionValue(() => {
          return new StringValue(this.value.trimStart());
        })
      ],
      [
        "startswith",
        new FunctionValue((args) => {
          if (args.length === 0) {
            throw new Error("startswith() requires at least one argument");
          }
          const pattern = args[0];
          if (pattern instanceof StringValue) {
            return new BooleanValue(this.value.startsWith(pattern.value));
          } else if (pattern instanceof ArrayValue) {
            for (const item of pattern.value) {
              if (!(item instanceof StringValue)) {
                throw new Error("startswith() tuple elements must be strings");
              }
              if (this.value.startsWith(item.value)) {
                return new BooleanValue(true);
              }
            }
            return new BooleanValue(false);
          }
          throw new Error("startswith() argument must be a string or tuple of strings");
        })
      ],
      [
        "endswith",
        new FunctionValue((args) => {
          if (args.length === 0) {
            throw new Error("endswith() requires at least one argument");
          }
          const pattern = args[0];
          if (pattern instanceof StringValue) {
            return new BooleanValue(this.value.endsWith(pattern.value));
          } else if (pattern instanceof ArrayValue) {
            for (const item of pattern.value) {
              if (!(item instanceof StringValue)) {
                throw new Error("endswith() tuple elements must be strings");
              }
              if (this.value.endsWith(item.value)) {
                return new BooleanValue(true);
              }
            }
            return new BooleanValue(false);
          }
          throw new Error("endswith() argument must be a string or tuple of strings");
        })
      ],
      [
        "split",
        // follows Python's `str.split(sep=None, maxsplit=-1)` function behavior
        // https://docs.python.org/3.13/library/stdtypes.html#str.split
        new FunctionValue((args) => {
          const sep = args[0] ?? new NullValue();
          if (!(sep instanceof StringValue || sep instanceof NullValue)) {
            throw new Error("sep argument must be a string or null");
          }
          const maxsplit = args[1] ?? new IntegerValue(-1);
          if (!(maxsplit instanceof IntegerValue)) {
            throw new Error("maxsplit argument must be a number");
          }
          let result = [];
          if (sep instanceof NullValue) {
            const text = this.value.trimStart();
            for (const { 0: match, index } of text.matchAll(/\S+/g)) {
              if (maxsplit.value !== -1 && result.length >= maxsplit.value && index !== void 0) {
                result.push(match + text.slice(index + match.length));
                break;
              }
              result.push(match);
            }
          } else {
            if (sep.value === "") {
              throw new Error("empty separator");
            }
            result = this.value.split(sep.value);
            if (maxsplit.value !== -1 && result.length > maxsplit.value) {
              result.push(result.splice(maxsplit.value).join(sep.value));
            }
          }
          return new ArrayValue(result.map((part) => new StringValue(part)));
        })
      ],
      [
        "replace",
        new FunctionValue((args) => {
          if (args.length < 2) {
            throw new Error("replace() requires at least two arguments");
          }
          const oldValue = args[0];
          const newValue = args[1];
          if (!(oldValue instanceof StringValue && newValue instanceof StringValue)) {
            throw new Error("replace() arguments must be strings");
          }
          let count;
          if (args.length > 2) {
            if (args[2].type === "KeywordArgumentsValue") {
              count = args[2].value.get("count") ?? new NullValue();
            } else {
              count = args[2];
            }
          } else {
            count = new NullValue();
          }
          if (!(count instanceof IntegerValue || count instanceof NullValue)) {
            throw new Error("replace() count argument must be a number or null");
          }
          return new StringValue(replace(this.value, oldValue.value, newValue.value, count.value));
        })
      ]
    ]);
  }
};
var BooleanValue = class extends RuntimeValue {
  type = "BooleanValue";
};
var NON_ASCII_CHARS = /[\x7f-\uffff]/g;
function makeAsciiSafe(str) {
  return str.replace(NON_ASCII_CHARS, (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0"));
}
function toJSON(input, options = {}, depth = 0, convertUndefinedToNull = true) {
  const { indent = null, ensureAscii = false, separators = null, sortKeys = false } = options;
  let itemSeparator;
  let keySeparator;
  if (separators) {
    [itemSeparator, keySeparator] = separators;
  } else if (indent) {
    itemSeparator = ",";
    keySeparator = ": ";
  } else {
    itemSeparator = ", ";
    keySeparator = ": ";
  }
  switch (input.type) {
    case "NullValue":
      return "null";
    case "UndefinedValue":
      return convertUndefinedToNull ? "null" : "undefined";
    case "IntegerValue":
    case "FloatValue":
    case "BooleanValue":
      return JSON.stringify(input.value);
    case "StringValue": {
      let result = JSON.stringify(input.value);
      if (ensureAscii) {
        result = makeAsciiSafe(result);
      }
      return result;
    }
    case "ArrayValue":
    case "NamespaceValue":
    case "ObjectValue": {
      const indentValue = indent ? " ".repeat(indent) : "";
      const basePadding = "\n" + indentValue.repeat(depth);
      const childrenPadding = basePadding + indentValue;
      if (input.type === "ArrayValue") {
        const core = input.value.map((x) => toJSON(x, options, depth + 1, convertUndefinedToNull));
        return indent && core.length > 0 ? `[${childrenPadding}${core.join(`${itemSeparator}${childrenPadding}`)}${basePadding}]` : `[${core.join(itemSeparator)}]`;
      } else {
        let entries = Array.from(input.value.entries());
        if (sortKeys) {
          entries = entries.sort(([a], [b]) => a.localeCompare(b));
        }
        const core = entries.map(([key, value]) => {
          let keyStr = JSON.stringify(key);
          if (ensureAscii) {
            keyStr = makeAsciiSafe(keyStr);
          }
          const v = `${keyStr}${keySeparator}${toJSON(value, options, depth + 1, convertUndefinedToNull)}`;
          return indent ? `${childrenPadding}${v}` : v;
        });
        return indent && core.length > 0 ? `{${core.join(itemSeparator)}${basePadding}}` : `{${core.join(itemSeparator)}}`;
      }
    }
    default:
      throw new Error(`Cannot convert to JSON: ${input.type}`);
  }
}
var ObjectValue = class extends RuntimeValue {
  type = "ObjectValue";
  _builtins;
  /**
   * NOTE: necessary to override since all JavaScript arrays are considered truthy,
   * while only non-empty Python arrays are consider truthy.
   *
   * e.g.,
   *  - JavaScript:  {} && 5 -> 5
   *  - Python:      {} and 5 -> {}
   */
  __bool__() {
    return new BooleanValue(this.value.size > 0);
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([
      [
        "get",
        new FunctionValue(([key, defaultValue]) => {
          if (!(key instanceof StringValue)) {
            throw new Error(`Object key must be a string: got ${key.type}`);
          }
          return this.value.get(key.value) ?? defaultValue ?? new NullValue();
        })
      ],
      ["items", new FunctionValue(() => this.items())],
      ["keys", new FunctionValue(() => this.keys())],
      ["values", new FunctionValue(() => this.values())],
      [
        "dictsort",
        new FunctionValue((args) => {
          let kwargs = /* @__PURE__ */ new Map();
          const positionalArgs = args.filter((arg) => {
            if (arg instanceof KeywordArgumentsValue) {
              kwargs = arg.value;
              return false;
            }
            return true;
          });
          const caseSensitive = positionalArgs.at(0) ?? kwargs.get("case_sensitive") ?? new BooleanValue(false);
          if (!(caseSensitive instanceof BooleanValue)) {
            throw new Error("case_sensitive must be a boolean");
          }
          const by = positionalArgs.at(1) ?? kwargs.get("by") ?? new StringValue("key");
          if (!(by instanceof StringValue)) {
            throw new Error("by must be a string");
          }
          if (!["key", "value"].includes(by.value)) {
            throw new Error("by must be either 'key' or 'value'");
          }
          const reverse = positionalArgs.at(2) ?? kwargs.get("reverse") ?? new BooleanValue(false);
          if (!(reverse instanceof BooleanValue)) {
            throw new Error("reverse must be a boolean");
          }
          const items = Array.from(this.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value])).sort((a, b) => {
            const index = by.value === "key" ? 0 : 1;
            const aVal = a.value[index];
            const bVal = b.value[index];
            const result = compareRuntimeValues(aVal, bVal, caseSensitive.value);
            return reverse.value ? -result : result;
          });
          return new ArrayValue(items);
        })
      ]
    ]);
  }
  items() {
    return new ArrayValue(
      Array.from(this.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value]))
    );
  }
  keys() {
    return new ArrayValue(Array.from(this.value.keys()).map((key) => new StringValue(key)));
  }
  values() {
    return new ArrayValue(Array.from(this.value.values()));
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var KeywordArgumentsValue = class extends ObjectValue {
  type = "KeywordArgumentsValue";
};
var NamespaceValue = class extends RuntimeValue {
  type = "NamespaceValue";
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var ArrayValue = class extends RuntimeValue {
  type = "ArrayValue";
  _builtins;
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([["length", new IntegerValue(this.value.length)]]);
  }
  /**
   * NOTE: necessary to override since all JavaScript arrays are considered truthy,
   * while only non-empty Python arrays are consider truthy.
   *
   * e.g.,
   *  - JavaScript:  [] && 5 -> 5
   *  - Python:      [] and 5 -> []
   */
  __bool__() {
    return new BooleanValue(this.value.length > 0);
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var TupleValue = class extends ArrayValue {
  type = "TupleValue";
};
var FunctionValue = class extends RuntimeValue {
  type = "FunctionValue";
};
var NullValue = class extends RuntimeValue {
  type = "NullValue";
};
var UndefinedValue = class extends RuntimeValue {
  type = "UndefinedValue";
};
function normalizeNamespaceEntry(pair) {
  let values;
  if (pair instanceof ArrayValue) {
    values = pair.value;
  } else if (pair instanceof StringValue) {
    values = Array.from(pair.value, (char) => new StringValue(char));
  }
  if (!values || values.length !== 2) {
    throw new Error("namespace expected an object or an iterable of [key, value] pairs");
  }
  const [key, value] = values;
  if (!(key instanceof StringValue)) {
    throw new Error("namespace keys must be strings");
  }
  return [key, value];
}
var _Environment = class {
  constructor(parent) {
    this.parent = parent;
  }
  /**
   * The variables declared in this environment.
   */
  variables = /* @__PURE__ */ new Map([
    [
      "namespace",
      new FunctionValue((args) => {
        const positional = args.slice();
        let kwargs;
        if (positional.at(-1) instanceof KeywordArgumentsValue) {
          kwargs = positional.pop();
        }
        if (positional.length > 1) {
          throw new Error(`namespace expected at most 1 argument, got ${positional.length}`);
        }
        const entries = /* @__PURE__ */ new Map();
        if (positional.length === 1) {
          const source = positional[0];
          if (source instanceof ObjectValue) {
            for (const [key, value] of source.value) {
              entries.set(key, value);
            }
          } else if (source instanceof ArrayValue) {
            for (const pair of source.value) {
              const [key, value] = normalizeNamespaceEntry(pair);
              entries.set(key.value, value);
            }
          } else {
            throw new Error(`'${source.type}' object is not iterable`);
          }
        }
        if (kwargs) {
          for (const [key, value] of kwargs.value) {
            entries.set(key, value);
          }
        }
        return new NamespaceValue(entries);
      })
    ]
  ]);
  tests = _Environment.TESTS;
  /**
   * Set the value of a variable in the current environment.
   */
  set(name, value) {
    return this.declareVariable(name, convertToRuntimeValues(value));
  }
  declareVariable(name, value) {
    if (this.variables.has(name)) {
      throw new SyntaxError(`Variable already declared: ${name}`);
    }
    this.variables.set(name, value);
    return value;
  }
  // private assignVariable(name: string, value: AnyRuntimeValue): AnyRuntimeValue {
  // 	const env = this.resolve(name);
  // 	env.variables.set(name, value);
  // 	return value;
  // }
  /**
   * Set variable in the current scope.
   * See https://jinja.palletsprojects.com/en/3.0.x/templates/#assignments for more information.
   */
  setVariable(name, value) {
    this.variables.set(name, value);
    return value;
  }
  /**
   * Resolve the environment in which the variable is declared.
   * @param {string} name The name of the variable.
   * @returns {Environment} The environment in which the variable is declared.
   */
  resolve(name) {
    if (this.variables.has(name)) {
      return this;
    }
    if (this.parent) {
      return this.parent.resolve(name);
    }
    throw new Error(`Unknown variable: ${name}`);
  }
  lookupVariable(name) {
    try {
      return this.resolve(name).variables.get(name) ?? new UndefinedValue();
    } catch {
      return new UndefinedValue();
    }
  }
};
var Environment = _Environment;
/**
 * The tests available in this environment.
 */
__publicField(Environment, "TESTS", /* @__PURE__ */ new Map([
  ["boolean", (operand) => operand.type === "BooleanValue"],
  ["callable", (operand) => operand instanceof FunctionValue],
  [
    "odd",
    (operand) => {
      if (!(operand instanceof IntegerValue)) {
        throw new Error(`cannot odd on ${operand.type}`);
      }
      return operand.value % 2 !== 0;
    }
  ],
  [
    "even",
    (operand) => {
      if (!(operand instanceof IntegerValue)) {
        throw new Error(`cannot even on ${operand.type}`);
      }
      return operand.value % 2 === 0;
    }
  ],
  ["false", (operand) => operand.type === "BooleanValue" && !operand.value],
  ["true", (operand) => operand.type === "BooleanValue" && operand.value],
  ["none", (operand) => operand.type === "NullValue"],
  ["string", (operand) => operand.type === "StringValue"],
  ["number", (operand) => operand instanceof IntegerValue || operand instanceof FloatValue],
  ["integer", (operand) => operand instanceof IntegerValue],
  ["iterable", (operand) => operand.type === "ArrayValue" || operand.type === "StringValue"],
  ["mapping", (operand) => operand instanceof ObjectValue],
  [
    "sequence",
    (operand) => operand instanceof ArrayValue || operand instanceof ObjectValue || operand instanceof StringValue
  ],
  [
    "lower",
    (operand) => {
      const str = operand.value;
      return operand.type === "StringValue" && str === str.toLowerCase();
    }
  ],
  [
    "upper",
    (operand) => {
      const str = operand.value;
      return operand.type === "StringValue" && str === str.toUpperCase();
    }
  ],
  ["none", (operand) => operand.type === "NullValue"],
  ["defined", (operand) => operand.type !== "UndefinedValue"],
  ["undefined", (operand) => operand.type === "UndefinedValue"],
  ["equalto", (a, b) => a.value === b.value],
  ["eq", (a, b) => a.value === b.value]
]));
function setupGlobals(env) {
  env.set("false", false);
  env.set("true", true);
  env.set("none", null);
  env.set("raise_exception", (args) => {
    throw new Error(args);
  });
  env.set("range", range);
  env.set("strftime_now", strftime_now);
  env.set("True", true);
  env.set("False", false);
  env.set("None", null);
}
function isAttributeContainer(value) {
  return value instanceof ObjectValue || value instanceof NamespaceValue;
}
function isNumericLikeValue(value) {
  return value instanceof IntegerValue || value instanceof FloatValue || value instanceof BooleanValue;
}
function getNumericValue(value) {
  return value instanceof BooleanValue ? Number(value.value) : value.value;
}
function getAttributeValue(item, attributePath) {
  const parts = attributePath.split(".");
  let value = item;
  for (const part of parts) {
    if (isAttributeContainer(value)) {
      value = value.value.get(part) ?? new UndefinedValue();
    } else if (value instanceof ArrayValue) {
      const index = parseInt(part, 10);
      if (!isNaN(index) && index >= 0 && index < value.value.length) {
        value = value.value[index];
      } else {
        return new UndefinedValue();
      }
    } else {
      return new UndefinedValue();
    }
  }
  return value;
}
function compareRuntimeValues(a, b, caseSensitive = false) {
  if (a instanceof NullValue && b instanceof NullValue) {
    return 0;
  }
  if (a instanceof NullValue || b instanceof NullValue) {
    throw new Error(`Cannot compare ${a.type} with ${b.type}`);
  }
  if (a instanceof UndefinedValue && b instanceof UndefinedValue) {
    return 0;
  }
  if (a instanceof UndefinedValue || b instanceof UndefinedValue) {
    throw new Error(`Cannot compare ${a.type} with ${b.type}`);
  }
  if (isNumericLikeValue(a) && isNumericLikeValue(b)) {
    const aNum = getNumericValue(a);
    const bNum = getNumericValue(b);
    return aNum < bNum ? -1 : aNum > bNum ? 1 : 0;
  }
  if (a.type !== b.type) {
    throw new Error(`Cannot compare different types: ${a.type} and ${b.type}`);
  }
  switch (a.type) {
    case "StringValue": {
      let aStr = a.value;
      let bStr = b.value;
      if (!caseSensitive) {
        aStr = aStr.toLowerCase();
        bStr = bStr.toLowerCase();
      }
      return aStr < bStr ? -1 : aStr > bStr ? 1 : 0;
    }
    default:
      throw new Error(`Cannot compare type: ${a.type}`);
  }
}
function getParameterDescriptor(argument) {
  if (argument.type === "Identifier") {
    return { name: argument.value };
  }
  const keywordArgument = argument;
  return { name: keywordArgument.key.value, defaultValue: keywordArgument.value };
}
function isSpecialMacroArgument(name) {
  return name === "kwargs" || name === "varargs";
}
function findAccessedSpecialMacroArguments(parameters, body) {
  const declared = /* @__PURE__ */ new Set();
  const accessed = /* @__PURE__ */ new Set();
  const declareName = (name) => {
    if (isSpecialMacroArgument(name)) {
      declared.add(name);
    }
  };
  const declareTarget = (target) => {
    if (target.type === "Identifier") {
      declareName(target.value);
    } else if (target.type === "TupleLiteral") {
      for (const item of target.value) {
        declareTarget(item);
      }
    }
  };
  const declareArgument = (argument) => {
    declareName(getParameterDescriptor(argument).name);
  };
  const visitArgumentDefaults = (args) => {
    for (const argument of args) {
      const parameter = getParameterDescriptor(argument);
      if (parameter.defaultValue) {
        visit(parameter.defaultValue);
      }
    }
  };
  const visitFilter = (filter) => {
    if (filter.type === "CallExpression") {
      visit(filter.args);
    }
  };
  const visit = (node) => {
    if (Array.isArray(node)) {
      for (const item of node) {
        visit(item);
      }
      return;
    }
    if (node instanceof Map) {
      for (const [key, value] of node) {
        visit(key);
        visit(value);
      }
      return;
    }
    if (!(node instanceof Statement)) {
      return;
    }
    switch (node.type) {
      case "For": {
        const statement = node;
        declareTarget(statement.loopvar);
        if (statement.iterable.type === "SelectExpression") {
          const iterable = statement.iterable;
          visit(iterable.lhs);
          visit(statement.body);
          visit(statement.defaultBlock);
          visit(iterable.test);
          return;
        }
        visit(statement.iterable);
        visit(statement.body);
        visit(statement.defaultBlock);
        return;
      }
      case "Set": {
        const statement = node;
        declareTarget(statement.assignee);
        visit(statement.value);
        visit(statement.body);
        return;
      }
      case "Macro": {
        const statement = node;
        for (const argument of statement.args) {
          declareArgument(argument);
        }
        visitArgumentDefaults(statement.args);
        visit(statement.body);
        return;
      }
      case "CallStatement": {
        const statement = node;
        visit(statement.call);
        for (const argument of statement.callerArgs ?? []) {
          declareArgument(argument);
        }
        visitArgumentDefaults(statement.callerArgs ?? []);
        visit(statement.body);
        return;
      }
      case "FilterStatement": {
        const statement = node;
        visit(statement.body);
        visitFilter(statement.filter);
        return;
      }
      case "Identifier": {
        const name = node.value;
        if (isSpecialMacroArgument(name) && !declared.has(name)) {
          accessed.add(name);
        }
        return;
      }
      case "MemberExpression": {
        const expression = node;
        visit(expression.object);
        if (expression.computed) {
          visit(expression.property);
        }
        return;
      }
      case "FilterExpression": {
        const expression = node;
        visit(expression.operand);
        visitFilter(expression.filter);
        return;
      }
      case "TestExpression":
        visit(node.operand);
        return;
      case "SelectExpression": {
        const expression = node;
        visit(expression.test);
        visit(expression.lhs);
        return;
      }
      case "KeywordArgumentExpression":
        visit(node.value);
        return;
      default:
        for (const child of Object.values(node)) {
          visit(child);
        }
    }
  };
  for (const parameter of parameters) {
    declareArgument(parameter);
  }
  visit(body);
  return accessed;
}
var Interpreter = class {
  global;
  constructor(env) {
    this.global = env ?? new Environment();
  }
  /**
   * Run the program.
   */
  run(program) {
    return this.evaluate(program, this.global);
  }
  /**
   * Evaluates expressions following the binary operation type.
   */
  evaluateBinaryExpression(node, environment) {
    const left = this.evaluate(node.left, environment);
    switch (node.operator.value) {
      case "and":
        return left.__bool__().value ? this.evaluate(node.right, environment) : left;
      case "or":
        return left.__bool__().value ? left : this.evaluate(node.right, environment);
    }
    const right = this.evaluate(node.right, environment);
    switch (node.operator.value) {
      case "==":
        return new BooleanValue(left.value == right.value);
      case "!=":
        return new BooleanValue(left.value != right.value);
    }
    if (left instanceof UndefinedValue || right instanceof UndefinedValue) {
      if (right instanceof UndefinedValue && ["in", "not in"].includes(node.operator.value)) {
        return new BooleanValue(node.operator.value === "not in");
      }
      throw new Error(`Cannot perform operation ${node.operator.value} on undefined values`);
    } else if (left instanceof NullValue || right instanceof NullValue) {
      throw new Error("Cannot perform operation on null values");
    } else if (node.operator.value === "~") {
      return new StringValue(left.value.toString() + right.value.toString());
    } else if (node.operator.value === "**" && isNumericLikeValue(left) && isNumericLikeValue(right)) {
      const a = getNumericValue(left);
      const b = getNumericValue(right);
      if (a === 0 && b < 0) {
        throw new Error("0.0 cannot be raised to a negative power");
      }
      const result = a ** b;
      if (!Number.isFinite(result)) {
        throw new Error("Exponentiation result is not a finite real number");
      }
      const isFloat = left instanceof FloatValue || right instanceof FloatValue || b < 0;
      return isFloat ? new FloatValue(result) : new IntegerValue(result);
    } else if ((left instanceof IntegerValue || left instanceof FloatValue) && (right instanceof IntegerValue || right instanceof FloatValue)) {
      const a = left.value, b = right.value;
      switch (node.operator.value) {
        case "+":
        case "-":
        case "*": {
          const res = node.operator.value === "+" ? a + b : node.operator.value === "-" ? a - b : a * b;
          const isFloat = left instanceof FloatValue || right instanceof FloatValue;
          return isFloat ? new FloatValue(res) : new IntegerValue(res);
        }
        case "/":
          return new FloatValue(a / b);
        case "//": {
          const res = Math.floor(a / b);
          const isFloat = left instanceof FloatValue || right instanceof FloatValue;
          return isFloat ? new FloatValue(res) : new IntegerValue(res);
        }
        case "%": {
          const rem = a % b;
          const isFloat = left instanceof FloatValue || right instanceof FloatValue;
          return isFloat ? new FloatValue(rem) : new IntegerValue(rem);
        }
        case "<":
          return new BooleanValue(a < b);
        case ">":
          return new BooleanValue(a > b);
        case ">=":
          return new BooleanValue(a >= b);
        case "<=":
          return new BooleanValue(a <= b);
      }
    } else if (left instanceof ArrayValue && right instanceof ArrayValue) {
      switch (node.operator.value) {
        case "+":
          return new ArrayValue(left.value.concat(right.value));
      }
    } else if (right instanceof ArrayValue) {
      const member = right.value.find((x) => x.value === left.value) !== void 0;
      switch (node.operator.value) {
        case "in":
          return new BooleanValue(member);
        case "not in":
          return new BooleanValue(!member);
      }
    }
    if (left instanceof StringValue || right instanceof StringValue) {
      switch (node.operator.value) {
        case "+":
          return new StringValue(left.value.toString() + right.value.toString());
      }
    }
    if (left instanceof StringValue && right instanceof StringValue) {
      switch (node.operator.value) {
        case "in":
          return new BooleanValue(right.value.includes(left.value));
        case "not in":
          return new BooleanValue(!right.value.includes(left.value));
      }
    }
    if (left instanceof StringValue && right instanceof ObjectValue) {
      switch (node.operator.value) {
        case "in":
          return new BooleanValue(right.value.has(left.value));
        case "not in":
          return new BooleanValue(!right.value.has(left.value));
      }
    }
    throw new SyntaxError(`Unknown operator "${node.operator.value}" between ${left.type} and ${right.type}`);
  }
  evaluateArguments(args, environment) {
    const positionalArguments = [];
    const keywordArguments = /* @__PURE__ */ new Map();
    const addKeywordArgument = (key, value) => {
      if (keywordArguments.has(key)) {
        throw new Error(`Got multiple values for keyword argument '${key}'`);
      }
      keywordArguments.set(key, value);
    };
    for (const argument of args) {
      if (argument.type === "SpreadExpression") {
        const spreadNode = argument;
        const val = this.evaluate(spreadNode.argument, environment);
        if (!(val instanceof ArrayValue)) {
          throw new Error(`Cannot unpack non-iterable type: ${val.type}`);
        }
        for (const item of val.value) {
          positionalArguments.push(item);
        }
      } else if (argument.type !== "KeywordArgumentExpression" && argument.type !== "KeywordSpreadExpression") {
        positionalArguments.push(this.evaluate(argument, environment));
      }
    }
    for (const argument of args) {
      if (argument.type === "KeywordArgumentExpression") {
        const kwarg = argument;
        addKeywordArgument(kwarg.key.value, this.evaluate(kwarg.value, environment));
      } else if (argument.type === "KeywordSpreadExpression") {
        const spreadNode = argument;
        const val = this.evaluate(spreadNode.argument, environment);
        if (!(val instanceof ObjectValue)) {
          throw new Error(`Argument after ** must be a mapping, not ${val.type}`);
        }
        for (const [key, value] of val.value) {
          addKeywordArgument(key, value);
        }
      }
    }
    return [positionalArguments, keywordArguments];
  }
  applyFilter(operand, filterNode, environment) {
    if (filterNode.type === "Identifier") {
      const filter = filterNode;
      if (filter.value === "safe") {
        return operand;
      }
      if (filter.value === "tojson") {
        return new StringValue(toJSON(operand, {}));
      }
      if (operand instanceof ArrayValue) {
        switch (filter.value) {
          case "list":
            return operand;
          case "first":
            return operand.value[0];
          case "last":
            return operand.value[operand.value.length - 1];
          case "length":
            return new IntegerValue(operand.value.length);
          case "reverse":
            return new ArrayValue(operand.value.slice().reverse());
          case "sort": {
            return new ArrayValue(operand.value.slice().sort((a, b) => compareRuntimeValues(a, b, false)));
          }
          case "join":
            return new StringValue(operand.value.map((x) => x.value).join(""));
          case "string":
            return new StringValue(toJSON(operand, {}, 0, false));
          case "unique": {
            const seen = /* @__PURE__ */ new Set();
            const output = [];
            for (const item of operand.value) {
              if (!seen.has(item.value)) {
                seen.add(item.value);
                output.push(item);
              }
            }
            return new ArrayValue(output);
          }
          default:
            throw new Error(`Unknown ArrayValue filter: ${filter.value}`);
        }
      } else if (operand instanceof StringValue) {
        switch (filter.value) {
          case "length":
          case "upper":
          case "lower":
          case "title":
          case "capitalize": {
            const builtin = operand.builtins.get(filter.value);
            if (builtin instanceof FunctionValue) {
              return builtin.value(
                /* no arguments */
                [],
                environment
              );
            } else if (builtin instanceof IntegerValue) {
              return builtin;
            } else {
              throw new Error(`Unknown StringValue filter: ${filter.value}`);
            }
          }
          case "trim":
            return new StringValue(operand.value.trim());
          case "indent":
            return new StringValue(
              operand.value.split("\n").map(
                (x, i) => (
                  // By default, don't indent the first line or empty lines
                  i === 0 || x.length === 0 ? x : "    " + x
                )
              ).join("\n")
            );
          case "join":
          case "string":
            return operand;
          case "int": {
            const val = parseInt(operand.value, 10);
            return new IntegerValue(isNaN(val) ? 0 : val);
          }
          case "float": {
            const val = parseFloat(operand.value);
            return new FloatValue(isNaN(val) ? 0 : val);
          }
          default:
            throw new Error(`Unknown StringValue filter: ${filter.value}`);
        }
      } else if (operand instanceof IntegerValue || operand instanceof FloatValue) {
        switch (filter.value) {
          case "abs":
            return operand instanceof IntegerValue ? new IntegerValue(Math.abs(operand.value)) : new FloatValue(Math.abs(operand.value));
          case "int":
            return new IntegerValue(Math.floor(operand.value));
          case "float":
            return new FloatValue(operand.value);
          case "string":
            return new StringValue(operand.toString());
          default:
            throw new Error(`Unknown NumericValue filter: ${filter.value}`);
        }
      } else if (operand instanceof ObjectValue) {
        switch (filter.value) {
          case "items":
            return new ArrayValue(
              Array.from(operand.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value]))
            );
          case "length":
            return new IntegerValue(operand.value.size);
          default: {
            const builtin = operand.builtins.get(filter.value);
            if (builtin) {
              if (builtin instanceof FunctionValue) {
                return builtin.value([], environment);
              }
              return builtin;
            }
            throw new Error(`Unknown ObjectValue filter: ${filter.value}`);
          }
        }
      } else if (operand instanceof BooleanValue) {
        switch (filter.value) {
          case "bool":
            return new BooleanValue(operand.value);
          case "int":
            return new IntegerValue(operand.value ? 1 : 0);
          case "float":
            return new FloatValue(operand.value ? 1 : 0);
          case "string":
            return new StringValue(operand.value ? "true" : "false");
          default:
            throw new Error(`Unknown BooleanValue filter: ${filter.value}`);
        }
      }
      throw new Error(`Cannot apply filter "${filter.value}" to type: ${operand.type}`);
    } else if (filterNode.type === "CallExpression") {
      const filter = filterNode;
      if (filter.callee.type !== "Identifier") {
        throw new Error(`Unknown filter: ${filter.callee.type}`);
      }
      const filterName = filter.callee.value;
      if (filterName === "tojson") {
        const [, kwargs] = this.evaluateArguments(filter.args, environment);
        const indent = kwargs.get("indent") ?? new NullValue();
        if (!(indent instanceof IntegerValue || indent instanceof NullValue)) {
          throw new Error("If set, indent must be a number");
        }
        const ensureAscii = kwargs.get("ensure_ascii") ?? new BooleanValue(false);
        if (!(ensureAscii instanceof BooleanValue)) {
          throw new Error("If set, ensure_ascii must be a boolean");
        }
        const sortKeys = kwargs.get("sort_keys") ?? new BooleanValue(false);
        if (!(sortKeys instanceof BooleanValue)) {
          throw new Error("If set, sort_keys must be a boolean");
        }
        const separatorsArg = kwargs.get("separators") ?? new NullValue();
        let separators = null;
        if (separatorsArg instanceof ArrayValue || separatorsArg instanceof TupleValue) {
          if (separatorsArg.value.length !== 2) {
            throw new Error("separators must be a tuple of two strings");
          }
          const [itemSep, keySep] = separatorsArg.value;
          if (!(itemSep instanceof StringValue) || !(keySep instanceof StringValue)) {
            throw new Error("separators must be a tuple of two strings");
          }
          separators = [itemSep.value, keySep.value];
        } else if (!(separatorsArg instanceof NullValue)) {
          throw new Error("If set, separators must be a tuple of two strings");
        }
        return new StringValue(
          toJSON(operand, {
            indent: indent.value,
            ensureAscii: ensureAscii.value,
            sortKeys: sortKeys.value,
            separators
          })
        );
      } else if (filterName === "join") {
        let value;
        if (operand instanceof StringValue) {
          value = Array.from(operand.value);
        } else if (operand instanceof ArrayValue) {
          value = operand.value.map((x) => x.value);
        } else {
          throw new Error(`Cannot apply filter "${filterName}" to type: ${operand.type}`);
        }
        const [args, kwargs] = this.evaluateArguments(filter.args, environment);
        const separator = args.at(0) ?? kwargs.get("separator") ?? new StringValue("");
        if (!(separator instanceof StringValue)) {
          throw new Error("separator must be a string");
        }
        return new StringValue(value.join(separator.value));
      } else if (filterName === "int" || filterName === "float") {
        const [args, kwargs] = this.evaluateArguments(filter.args, environment);
        const defaultValue = args.at(0) ?? kwargs.get("default") ?? (filterName === "int" ? new IntegerValue(0) : new FloatValue(0));
        if (operand instanceof StringValue) {
          const val = filterName === "int" ? parseInt(operand.value, 10) : parseFloat(operand.value);
          return isNaN(val) ? defaultValue : filterName === "int" ? new IntegerValue(val) : new FloatValue(val);
        } else if (operand instanceof IntegerValue || operand instanceof FloatValue) {
          return operand;
        } else if (operand instanceof BooleanValue) {
          return filterName === "int" ? new IntegerValue(operand.value ? 1 : 0) : new FloatValue(operand.value ? 1 : 0);
        } else {
          throw new Error(`Cannot apply filter "${filterName}" to type: ${operand.type}`);
        }
      } else if (filterName === "default") {
        const [args, kwargs] = this.evaluateArguments(filter.args, environment);
        const defaultValue = args[0] ?? new StringValue("");
        const booleanValue = args[1] ?? kwargs.get("boolean") ?? new BooleanValue(false);
        if (!(booleanValue instanceof BooleanValue)) {
          throw new Error("`default` filter flag must be a boolean");
        }
        if (operand instanceof UndefinedValue || booleanValue.value && !operand.__bool__().value) {
          return defaultValue;
        }
        return operand;
      }
      if (operand instanceof ArrayValue) {
        switch (filterName) {
          case "sort": {
            const [args, kwargs] = this.evaluateArguments(filter.args, environment);
            const reverse = args.at(0) ?? kwargs.get("reverse") ?? new BooleanValue(false);
            if (!(reverse instanceof BooleanValue)) {
              throw new Error("reverse must be a boolean");
            }
            const caseSensitive = args.at(1) ?? kwargs.get("case_sensitive") ?? new BooleanValue(false);
            if (!(caseSensitive instanceof BooleanValue)) {
              throw new Error("case_sensitive must be a boolean");
            }
            const attribute = args.at(2) ?? kwargs.get("attribute") ?? new NullValue();
            if (!(attribute instanceof StringValue || attribute instanceof IntegerValue || attribute instanceof NullValue)) {
              throw new Error("attribute must be a string, integer, or null");
            }
            const getSortValue = (item) => {
              if (attribute instanceof NullValue) {
                return item;
              }
              const attrPath = attribute instanceof IntegerValue ? String(attribute.value) : attribute.value;
              return getAttributeValue(item, attrPath);
            };
            return new ArrayValue(
              operand.value.slice().sort((a, b) => {
                const aVal = getSortValue(a);
                const bVal = getSortValue(b);
                const result = compareRuntimeValues(aVal, bVal, caseSensitive.value);
                return reverse.value ? -result : result;
              })
            );
          }
          case "selectattr":
          case "rejectattr": {
            const select = filterName === "selectattr";
            if (operand.value.some((item) => !isAttributeContainer(item))) {
              throw new Error(`\`${filterName}\` can only be applied to array of objects`);
            }
            if (filter.args.some((x) => x.type !== "StringLiteral")) {
              throw new Error(`arguments of \`${filterName}\` must be strings`);
            }
            const [attr, testName, value] = filter.args.map((x) => this.evaluate(x, environment));
            let testFunction;
            if (testName) {
              const test = environment.tests.get(testName.value);
              if (!test) {
                throw new Error(`Unknown test: ${testName.value}`);
              }
              testFunction = test;
            } else {
              testFunction = (...x) => x[0].__bool__().value;
            }
            const filtered = operand.value.filter((item) => {
              const a = item.value.get(attr.value);
              const result = a ? testFunction(a, value) : false;
              return select ? result : !result;
            });
            return new ArrayValue(filtered);
          }
          case "map": {
            const [, kwargs] = this.evaluateArguments(filter.args, environment);
            if (kwargs.has("attribute")) {
              const attr = kwargs.get("attribute");
              if (!(attr instanceof StringValue)) {
                throw new Error("attribute must be a string");
              }
              const defaultValue = kwargs.get("default");
              const mapped = operand.value.map((item) => {
                if (!isAttributeContainer(item)) {
                  throw new Error("items in map must be an object");
                }
                const value = getAttributeValue(item, attr.value);
                return value instanceof UndefinedValue ? defaultValue ?? new UndefinedValue() : value;
              });
              return new ArrayValue(mapped);
            } else {
              throw new Error("`map` expressions without `attribute` set are not currently supported.");
            }
          }
        }
        throw new Error(`Unknown ArrayValue filter: ${filterName}`);
      } else if (operand instanceof StringValue) {
        switch (filterName) {
          case "indent": {
            const [args, kwargs] = this.evaluateArguments(filter.args, environment);
            const width = args.at(0) ?? kwargs.get("width") ?? new IntegerValue(4);
            if (!(width instanceof IntegerValue)) {
              throw new Error("width must be a number");
            }
            const first = args.at(1) ?? kwargs.get("first") ?? new BooleanValue(false);
            const blank = args.at(2) ?? kwargs.get("blank") ?? new BooleanValue(false);
            const lines = operand.value.split("\n");
            const indent = " ".repeat(width.value);
            const indented = lines.map(
              (x, i) => !first.value && i === 0 || !blank.value && x.length === 0 ? x : indent + x
            );
            return new StringValue(indented.join("\n"));
          }
          case "replace": {
            const replaceFn = operand.builtins.get("replace");
            if (!(replaceFn instanceof FunctionValue)) {
              throw new Error("replace filter not available");
            }
            const [args, kwargs] = this.evaluateArguments(filter.args, environment);
            return replaceFn.value([...args, new KeywordArgumentsValue(kwargs)], environment);
          }
        }
        throw new Error(`Unknown StringValue filter: ${filterName}`);
      } else if (operand instanceof ObjectValue) {
        const builtin = operand.builtins.get(filterName);
        if (builtin && builtin instanceof FunctionValue) {
          const [args, kwargs] = this.evaluateArguments(filter.args, environment);
          if (kwargs.size > 0) {
            args.push(new KeywordArgumentsValue(kwargs));
          }
          return builtin.value(args, environment);
        }
        throw new Error(`Unknown ObjectValue filter: ${filterName}`);
      } else {
        throw new Error(`Cannot apply filter "${filterName}" to type: ${operand.type}`);
      }
    }
    throw new Error(`Unknown filter: ${filterNode.type}`);
  }
  /**
   * Evaluates expressions following the filter operation type.
   */
  evaluateFilterExpression(node, environment) {
    const operand = this.evaluate(node.operand, environment);
    return this.applyFilter(operand, node.filter, environment);
  }
  /**
   * Evaluates expressions following the test operation type.
   */
  evaluateTestExpression(node, environment) {
    const operand = this.evaluate(node.operand, environment);
    const test = environment.tests.get(node.test.value);
    if (!test) {
      throw new Error(`Unknown test: ${node.test.value}`);
    }
    const result = test(operand);
    return new BooleanValue(node.negate ? !result : result);
  }
  /**
   * Evaluates expressions following the select operation type.
   */
  evaluateSelectExpression(node, environment) {
    const predicate = this.evaluate(node.test, environment);
    if (!predicate.__bool__().value) {
      return new UndefinedValue();
    }
    return this.evaluate(node.lhs, environment);
  }
  /**
   * Evaluates expressions following the unary operation type.
   */
  evaluateUnaryExpression(node, environment) {
    const argument = this.evaluate(node.argument, environment);
    switch (node.operator.value) {
      case "not":
        return new BooleanValue(!argument.__bool__().value);
      case "+":
      case "-": {
        const sign = node.operator.value === "-" ? -1 : 1;
        if (argument instanceof IntegerValue || argument instanceof FloatValue || argument instanceof BooleanValue) {
          const value = argument instanceof BooleanValue ? argument.value ? 1 : 0 : argument.value;
          const result = sign * value;
          return argument instanceof FloatValue ? new FloatValue(result) : new IntegerValue(result);
        }
        throw new SyntaxError(`Unknown operator "${node.operator.value}" for ${argument.type}`);
      }
      default:
        throw new SyntaxError(`Unknown operator: ${node.operator.value}`);
    }
  }
  evaluateTernaryExpression(node, environment) {
    const cond = this.evaluate(node.condition, environment);
    return cond.__bool__().value ? this.evaluate(node.trueExpr, environment) : this.evaluate(node.falseExpr, environment);
  }
  evalProgram(program, environment) {
    return this.evaluateBlock(program.body, environment);
  }
  evaluateBlock(statements, environment) {
    let result = "";
    for (const statement of statements) {
      const lastEvaluated = this.evaluate(statement, environment);
      if (lastEvaluated.type !== "NullValue" && lastEvaluated.type !== "UndefinedValue") {
        result += lastEvaluated.toString();
      }
    }
    return new StringValue(result);
  }
  evaluateIdentifier(node, environment) {
    return environment.lookupVariable(node.value);
  }
  evaluateCallExpression(expr, environment) {
    const [args, kwargs] = this.evaluateArguments(expr.args, environment);
    if (kwargs.size > 0) {
      args.push(new KeywordArgumentsValue(kwargs));
    }
    const fn = this.evaluate(expr.callee, environment);
    if (fn.type !== "FunctionValue") {
      throw new Error(`Cannot call something that is not a function: got ${fn.type}`);
    }
    return fn.value(args, environment);
  }
  evaluateSliceExpression(object, expr, environment) {
    if (!(object instanceof ArrayValue || object instanceof StringValue)) {
      throw new Error("Slice object must be an array or string");
    }
    const start = this.evaluate(expr.start, environment);
    const stop = this.evaluate(expr.stop, environment);
    const step = this.evaluate(expr.step, environment);
    if (!(start instanceof IntegerValue || start instanceof UndefinedValue)) {
      throw new Error("Slice start must be numeric or undefined");
    }
    if (!(stop instanceof IntegerValue || stop instanceof UndefinedValue)) {
      throw new Error("Slice stop must be numeric or undefined");
    }
    if (!(step instanceof IntegerValue || step instanceof UndefinedValue)) {
      throw new Error("Slice step must be numeric or undefined");
    }
    if (object instanceof ArrayValue) {
      return new ArrayValue(slice(object.value, start.value, stop.value, step.value));
    } else {
      return new StringValue(slice(Array.from(object.value), start.value, stop.value, step.value).join(""));
    }
  }
  evaluateMemberExpression(expr, environment) {
    const object = this.evaluate(expr.object, environment);
    let property;
    if (expr.computed) {
      if (expr.property.type === "SliceExpression") {
        return this.evaluateSliceExpression(object, expr.property, environment);
      } else {
        property = this.evaluate(expr.property, environment);
      }
    } else if (expr.property.type === "IntegerLiteral") {
      property = new IntegerValue(expr.property.value);
    } else {
      property = new StringValue(expr.property.value);
    }
    let value;
    if (isAttributeContainer(object)) {
      if (!(property instanceof StringValue)) {
        throw new Error(`Cannot access property with non-string: got ${property.type}`);
      }
      value = object.value.get(property.value) ?? (object instanceof ObjectValue ? object.builtins.get(property.value) : void 0);
    } else if (object instanceof ArrayValue || object instanceof StringValue) {
      if (property instanceof IntegerValue) {
        if (object instanceof StringValue) {
          const character = object.value.at(property.value);
          value = character === void 0 ? void 0 : new StringValue(character);
        } else {
          value = object.value.at(property.value);
        }
      } else if (property instanceof StringValue) {
        value = object.builtins.get(property.value);
      } else {
        throw new Error(`Cannot access property with non-string/non-number: got ${property.type}`);
      }
    } else {
      if (!(property instanceof StringValue)) {
        throw new Error(`Cannot access property with non-string: got ${property.type}`);
      }
      value = object.builtins.get(property.value);
    }
    return value instanceof RuntimeValue ? value : new UndefinedValue();
  }
  evaluateSet(node, environment) {
    const rhs = node.value ? this.evaluate(node.value, environment) : this.evaluateBlock(node.body, environment);
    if (node.assignee.type === "Identifier") {
      const variableName = node.assignee.value;
      environment.setVariable(variableName, rhs);
    } else if (node.assignee.type === "TupleLiteral") {
      const tuple = node.assignee;
      if (!(rhs instanceof ArrayValue)) {
        throw new Error(`Cannot unpack non-iterable type in set: ${rhs.type}`);
      }
      const arr = rhs.value;
      if (arr.length !== tuple.value.length) {
        throw new Error(`Too ${tuple.value.length > arr.length ? "few" : "many"} items to unpack in set`);
      }
      for (let i = 0; i < tuple.value.length; ++i) {
        const elem = tuple.value[i];
        if (elem.type !== "Identifier") {
          throw new Error(`Cannot unpack to non-identifier in set: ${elem.type}`);
        }
        environment.setVariable(elem.value, arr[i]);
      }
    } else if (node.assignee.type === "MemberExpression") {
      const member = node.assignee;
      const object = this.evaluate(member.object, environment);
      if (!(object instanceof NamespaceValue)) {
        throw new Error("cannot assign attribute on non-namespace object");
      }
      if (member.property.type !== "Identifier") {
        throw new Error("Cannot assign to member with non-identifier property");
      }
      object.value.set(member.property.value, rhs);
    } else {
      throw new Error(`Invalid LHS inside assignment expression: ${JSON.stringify(node.assignee)}`);
    }
    return new NullValue();
  }
  evaluateIf(node, environment) {
    const test = this.evaluate(node.test, environment);
    return this.evaluateBlock(test.__bool__().value ? node.body : node.alternate, environment);
  }
  evaluateFor(node, environment) {
    const scope = new Environment(environment);
    let test, iterable;
    if (node.iterable.type === "SelectExpression") {
      const select = node.iterable;
      iterable = this.evaluate(select.lhs, scope);
      test = select.test;
    } else {
      iterable = this.evaluate(node.iterable, scope);
    }
    if (!(iterable instanceof ArrayValue || iterable instanceof ObjectValue)) {
      throw new Error(`Expected iterable or object type in for loop: got ${iterable.type}`);
    }
    if (iterable instanceof ObjectValue) {
      iterable = iterable.keys();
    }
    const items = [];
    const scopeUpdateFunctions = [];
    for (let i = 0; i < iterable.value.length; ++i) {
      const loopScope = new Environment(scope);
      const current = iterable.value[i];
      let scopeUpdateFunction;
      if (node.loopvar.type === "Identifier") {
        scopeUpdateFunction = (scope2) => scope2.setVariable(node.loopvar.value, current);
      } else if (node.loopvar.type === "TupleLiteral") {
        const loopvar = node.loopvar;
        if (current.type !== "ArrayValue") {
          throw new Error(`Cannot unpack non-iterable type: ${current.type}`);
        }
        const c = current;
        if (loopvar.value.length !== c.value.length) {
          throw new Error(`Too ${loopvar.value.length > c.value.length ? "few" : "many"} items to unpack`);
        }
        scopeUpdateFunction = (scope2) => {
          for (let j = 0; j < loopvar.value.length; ++j) {
            if (loopvar.value[j].type !== "Identifier") {
              throw new Error(`Cannot unpack non-identifier type: ${loopvar.value[j].type}`);
            }
            scope2.setVariable(loopvar.value[j].value, c.value[j]);
          }
        };
      } else {
        throw new Error(`Invalid loop variable(s): ${node.loopvar.type}`);
      }
      if (test) {
        scopeUpdateFunction(loopScope);
        const testValue = this.evaluate(test, loopScope);
        if (!testValue.__bool__().value) {
          continue;
        }
      }
      items.push(current);
      scopeUpdateFunctions.push(scopeUpdateFunction);
    }
    let result = "";
    let noIteration = true;
    for (let i = 0; i < items.length; ++i) {
      const loop = /* @__PURE__ */ new Map([
        ["index", new IntegerValue(i + 1)],
        ["index0", new IntegerValue(i)],
        ["revindex", new IntegerValue(items.length - i)],
        ["revindex0", new IntegerValue(items.length - i - 1)],
        ["first", new BooleanValue(i === 0)],
        ["last", new BooleanValue(i === items.length - 1)],
        ["length", new IntegerValue(items.length)],
        ["previtem", i > 0 ? items[i - 1] : new UndefinedValue()],
        ["nextitem", i < items.length - 1 ? items[i + 1] : new UndefinedValue()]
      ]);
      scope.setVariable("loop", new ObjectValue(loop));
      scopeUpdateFunctions[i](scope);
      try {
        const evaluated = this.evaluateBlock(node.body, scope);
        result += evaluated.value;
      } catch (err) {
        if (err instanceof ContinueControl) {
          continue;
        }
        if (err instanceof BreakControl) {
          break;
        }
        throw err;
      }
      noIteration = false;
    }
    if (noIteration) {
      const defaultEvaluated = this.evaluateBlock(node.defaultBlock, scope);
      result += defaultEvaluated.value;
    }
    return new StringValue(result);
  }
  /**
   * Bind every parameter name and special argument before evaluating defaults,
   * preventing unbound parameters from resolving in an outer scope.
   */
  bindMacroArguments(displayName, parameters, specialArguments, args, scope) {
    const positionalArguments = args.slice();
    let keywordArguments = /* @__PURE__ */ new Map();
    if (positionalArguments.at(-1) instanceof KeywordArgumentsValue) {
      keywordArguments = new Map(positionalArguments.pop().value);
    }
    const pendingDefaults = [];
    for (let i = 0; i < parameters.length; ++i) {
      const { name, defaultValue } = getParameterDescriptor(parameters[i]);
      let value = positionalArguments[i];
      if (value === void 0 && keywordArguments.has(name)) {
        value = keywordArguments.get(name);
        keywordArguments.delete(name);
      }
      if (value === void 0 && defaultValue !== void 0) {
        pendingDefaults.push([name, defaultValue]);
      }
      scope.setVariable(name, value ?? new UndefinedValue());
    }
    if (specialArguments.has("kwargs")) {
      scope.setVariable("kwargs", new ObjectValue(keywordArguments));
    } else if (keywordArguments.size > 0) {
      throw new Error(`macro ${displayName} takes no keyword argument '${keywordArguments.keys().next().value}'`);
    }
    if (specialArguments.has("varargs")) {
      scope.setVariable("varargs", new ArrayValue(positionalArguments.slice(parameters.length)));
    } else if (positionalArguments.length > parameters.length) {
      throw new Error(`macro ${displayName} takes not more than ${parameters.length} argument(s)`);
    }
    for (const [name, defaultValue] of pendingDefaults) {
      scope.setVariable(name, this.evaluate(defaultValue, scope));
    }
  }
  /**
   * See https://jinja.palletsprojects.com/en/3.1.x/templates/#macros for more information.
   */
  evaluateMacro(node, environment) {
    const specialArguments = findAccessedSpecialMacroArguments(node.args, node.body);
    environment.setVariable(
      node.name.value,
      new FunctionValue((args, scope) => {
        const macroScope = new Environment(scope);
        this.bindMacroArguments(`'${node.name.value}'`, node.args, specialArguments, args, macroScope);
        return this.evaluateBlock(node.body, macroScope);
      })
    );
    return new NullValue();
  }
  evaluateCallStatement(node, environment) {
    const parameters = node.callerArgs ?? [];
    const specialArguments = findAccessedSpecialMacroArguments(parameters, node.body);
    const callerFn = new FunctionValue((callerArguments) => {
      const callBlockEnv = new Environment(environment);
      this.bindMacroArguments("None", parameters, specialArguments, callerArguments, callBlockEnv);
      return this.evaluateBlock(node.body, callBlockEnv);
    });
    const [macroArgs, macroKwargs] = this.evaluateArguments(node.call.args, environment);
    macroArgs.push(new KeywordArgumentsValue(macroKwargs));
    const fn = this.evaluate(node.call.callee, environment);
    if (fn.type !== "FunctionValue") {
      throw new Error(`Cannot call something that is not a function: got ${fn.type}`);
    }
    const newEnv = new Environment(environment);
    newEnv.setVariable("caller", callerFn);
    return fn.value(macroArgs, newEnv);
  }
  evaluateFilterStatement(node, environment) {
    const rendered = this.evaluateBlock(node.body, environment);
    return this.applyFilter(rendered, node.filter, environment);
  }
  evaluate(statement, environment) {
    if (!statement) {
      return new UndefinedValue();
    }
    switch (statement.type) {
      case "Program":
        return this.evalProgram(statement, environment);
      case "Set":
        return this.evaluateSet(statement, environment);
      case "If":
        return this.evaluateIf(statement, environment);
      case "For":
        return this.evaluateFor(statement, environment);
      case "Macro":
        return this.evaluateMacro(statement, environment);
      case "CallStatement":
        return this.evaluateCallStatement(statement, environment);
      case "Break":
        throw new BreakControl();
      case "Continue":
        throw new ContinueControl();
      case "IntegerLiteral":
        return new IntegerValue(statement.value);
      case "FloatLiteral":
        return new FloatValue(statement.value);
      case "StringLiteral":
        return new StringValue(statement.value);
      case "ArrayLiteral":
        return new ArrayValue(statement.value.map((x) => this.evaluate(x, environment)));
      case "TupleLiteral":
        return new TupleValue(statement.value.map((x) => this.evaluate(x, environment)));
      case "ObjectLiteral": {
        const mapping = /* @__PURE__ */ new Map();
        for (const [key, value] of statement.value) {
          const evaluatedKey = this.evaluate(key, environment);
          if (!(evaluatedKey instanceof StringValue)) {
            throw new Error(`Object keys must be strings: got ${evaluatedKey.type}`);
          }
          mapping.set(evaluatedKey.value, this.evaluate(value, environment));
        }
        return new ObjectValue(mapping);
      }
      case "Identifier":
        return this.evaluateIdentifier(statement, environment);
      case "CallExpression":
        return this.evaluateCallExpression(statement, environment);
      case "MemberExpression":
        return this.evaluateMemberExpression(statement, environment);
      case "UnaryExpression":
        return this.evaluateUnaryExpression(statement, environment);
      case "BinaryExpression":
        return this.evaluateBinaryExpression(statement, environment);
      case "FilterExpression":
        return this.evaluateFilterExpression(statement, environment);
      case "FilterStatement":
        return this.evaluateFilterStatement(statement, environment);
      case "TestExpression":
        return this.evaluateTestExpression(statement, environment);
      case "SelectExpression":
        return this.evaluateSelectExpression(statement, environment);
      case "Ternary":
        return this.evaluateTernaryExpression(statement, environment);
      case "Comment":
        return new NullValue();
      default:
        throw new SyntaxError(`Unknown node type: ${statement.type}`);
    }
  }
};
function convertToRuntimeValues(input) {
  switch (typeof input) {
    case "number":
      return Number.isInteger(input) ? new IntegerValue(input) : new FloatValue(input);
    case "string":
      return new StringValue(input);
    case "boolean":
      return new BooleanValue(input);
    case "undefined":
      return new UndefinedValue();
    case "object":
      if (input === null) {
        return new NullValue();
      } else if (Array.isArray(input)) {
        return new ArrayValue(input.map(convertToRuntimeValues));
      } else {
        return new ObjectValue(
          new Map(Object.entries(input).map(([key, value]) => [key, convertToRuntimeValues(value)]))
        );
      }
    case "function":
      return new FunctionValue((args, _scope) => {
        const result = input(...args.map((x) => x.value)) ?? null;
        return convertToRuntimeValues(result);
      });
    default:
      throw new Error(`Cannot convert to runtime value: ${input}`);
  }
}

// src/format.ts
var NEWLINE = "\n";
var OPEN_STATEMENT = "{%- ";
var CLOSE_STATEMENT = " -%}";
var PRECEDENCE = Object.freeze({
  CONDITIONAL: 0,
  // a if b else c
  LOGICAL_OR: 1,
  // or
  LOGICAL_AND: 2,
  // and
  LOGICAL_NOT: 3,
  // not a
  COMPARISON: 4,
  // == != < <= > >= in, not in
  ADDITIVE: 5,
  // + -
  MULTIPLICATIVE: 6,
  // * / // %
  EXPONENTIATION: 7,
  // **
  TEST: 8,
  // is
  FILTER: 9,
  // |
  UNARY_SIGN: 10,
  // -a +a
  ATOM: 11
  // literals, identifiers, calls, member accesses
});
function getBinaryOperatorPrecedence(expr) {
  switch (expr.operator.type) {
    case "ExponentiationBinaryOperator":
      return PRECEDENCE.EXPONENTIATION;
    case "MultiplicativeBinaryOperator":
      return PRECEDENCE.MULTIPLICATIVE;
    case "AdditiveBinaryOperator":
      return PRECEDENCE.ADDITIVE;
    case "ComparisonBinaryOperator":
      return PRECEDENCE.COMPARISON;
    case "Identifier":
      if (expr.operator.value === "and") {
        return PRECEDENCE.LOGICAL_AND;
      }
      if (expr.operator.value === "in" || expr.operator.value === "not in") {
        return PRECEDENCE.COMPARISON;
      }
      return PRECEDENCE.LOGICAL_OR;
  }
  return PRECEDENCE.LOGICAL_OR;
}
function getPrecedence(node) {
  switch (node.type) {
    case "SelectExpression":
    case "Ternary":
      return PRECEDENCE.CONDITIONAL;
    case "BinaryExpression":
      return getBinaryOperatorPrecedence(node);
    case "UnaryExpression":
      return node.operator.value === "not" ? PRECEDENCE.LOGICAL_NOT : PRECEDENCE.UNARY_SIGN;
    case "TestExpression":
      return PRECEDENCE.TEST;
    case "FilterExpression":
      return PRECEDENCE.FILTER;
    default:
      return PRECEDENCE.ATOM;
  }
}
function formatOperand(node, minPrecedence) {
  const expr = formatExpression(node);
  return getPrecedence(node) < minPrecedence ? `(${expr})` : expr;
}
function format(program, indent = "	") {
  const indentStr = typeof indent === "number" ? " ".repeat(indent) : indent;
  const body = formatStatements(program.body, 0, indentStr);
  return body.replace(/\n$/, "");
}
function createStatement(...text) {
  return OPEN_STATEMENT + text.join(" ") + CLOSE_STATEMENT;
}
function formatStatements(stmts, depth, indentStr) {
  return stmts.map((stmt) => formatStatement(stmt, depth, indentStr)).join(NEWLINE);
}
function formatExpressionList(expressions) {
  return expressions.map((expression) => formatExpression(expression)).join(", ");
}
function formatStatement(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  switch (node.type) {
    case "Program":
      return formatStatements(node.body, depth, indentStr);
    case "If":
      return formatIf(node, depth, indentStr);
    case "For":
      return formatFor(node, depth, indentStr);
    case "Set":
      return formatSet(node, depth, indentStr);
    case "Macro":
      return formatMacro(node, depth, indentStr);
    case "Break":
      return pad + createStatement("break");
    case "Continue":
      return pad + createStatement("continue");
    case "CallStatement":
      return formatCallStatement(node, depth, indentStr);
    case "FilterStatement":
      return formatFilterStatement(node, depth, indentStr);
    case "Comment":
      return pad + "{# " + node.value + " #}";
    default:
      return pad + "{{- " + formatExpression(node) + " -}}";
  }
}
function formatIf(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const clauses = [];
  let current = node;
  while (current) {
    clauses.push({ test: current.test, body: current.body });
    if (current.alternate.length === 1 && current.alternate[0].type === "If") {
      current = current.alternate[0];
    } else {
      break;
    }
  }
  let out = pad + createStatement("if", formatExpression(clauses[0].test)) + NEWLINE + formatStatements(clauses[0].body, depth + 1, indentStr);
  for (let i = 1; i < clauses.length; ++i) {
    out += NEWLINE + pad + createStatement("elif", formatExpression(clauses[i].test)) + NEWLINE + formatStatements(clauses[i].body, depth + 1, indentStr);
  }
  if (current && current.alternate.length > 0) {
    out += NEWLINE + pad + createStatement("else") + NEWLINE + formatStatements(current.alternate, depth + 1, indentStr);
  }
  out += NEWLINE + pad + createStatement("endif");
  return out;
}
function formatFor(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  let formattedIterable = "";
  if (node.iterable.type === "SelectExpression") {
    const n = node.iterable;
    formattedIterable = `${formatExpression(n.lhs)} if ${formatExpression(n.test)}`;
  } else {
    formattedIterable = formatExpression(node.iterable);
  }
  let out = pad + createStatement("for", formatExpression(node.loopvar), "in", formattedIterable) + NEWLINE + formatStatements(node.body, depth + 1, indentStr);
  if (node.defaultBlock.length > 0) {
    out += NEWLINE + pad + createStatement("else") + NEWLINE + formatStatements(node.defaultBlock, depth + 1, indentStr);
  }
  out += NEWLINE + pad + createStatement("endfor");
  return out;
}
function formatSet(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const left = formatExpression(node.assignee);
  const right = node.value ? formatExpression(node.value) : "";
  const value = pad + createStatement("set", `${left}${node.value ? " = " + right : ""}`);
  if (node.body.length === 0) {
    return value;
  }
  return value + NEWLINE + formatStatements(node.body, depth + 1, indentStr) + NEWLINE + pad + createStatement("endset");
}
function formatMacro(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const args = formatExpressionList(node.args);
  return pad + createStatement("macro", `${node.name.value}(${args})`) + NEWLINE + formatStatements(node.body, depth + 1, indentStr) + NEWLINE + pad + createStatement("endmacro");
}
function formatCallStatement(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const params = node.callerArgs && node.callerArgs.length > 0 ? `(${formatExpressionList(node.callerArgs)})` : "";
  const callExpr = formatExpression(node.call);
  let out = pad + createStatement(`call${params}`, callExpr) + NEWLINE;
  out += formatStatements(node.body, depth + 1, indentStr) + NEWLINE;
  out += pad + createStatement("endcall");
  return out;
}
function formatFilterStatement(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const spec = node.filter.type === "Identifier" ? node.filter.value : formatExpression(node.filter);
  let out = pad + createStatement("filter", spec) + NEWLINE;
  out += formatStatements(node.body, depth + 1, indentStr) + NEWLINE;
  out += pad + createStatement("endfilter");
  return out;
}
function formatExpression(node) {
  switch (node.type) {
    case "SpreadExpression": {
      const n = node;
      return `*${formatExpression(n.argument)}`;
    }
    case "KeywordSpreadExpression": {
      const n = node;
      return `**${formatExpression(n.argument)}`;
    }
    case "Identifier":
      return node.value;
    case "IntegerLiteral":
      return `${node.value}`;
    case "FloatLiteral": {
      const value = node.value;
      if (Object.is(value, -0)) {
        return "-0.0";
      }
      return value % 1 === 0 ? value.toFixed(1) : value.toString();
    }
    case "StringLiteral":
      return JSON.stringify(node.value);
    case "BinaryExpression": {
      const n = node;
      const thisPrecedence = getBinaryOperatorPrecedence(n);
      const left = formatOperand(n.left, thisPrecedence);
      const right = formatOperand(n.right, thisPrecedence + 1);
      return `${left} ${n.operator.value} ${right}`;
    }
    case "UnaryExpression": {
      const n = node;
      const operandPrecedence = n.argument.type === "UnaryExpression" ? getPrecedence(n) : PRECEDENCE.ATOM;
      return n.operator.value + (n.operator.value === "not" ? " " : "") + formatOperand(n.argument, operandPrecedence);
    }
    case "CallExpression": {
      const n = node;
      const args = formatExpressionList(n.args);
      return `${formatExpression(n.callee)}(${args})`;
    }
    case "MemberExpression": {
      const n = node;
      const obj = formatOperand(n.object, PRECEDENCE.ATOM);
      let prop = formatExpression(n.property);
      if (!n.computed && n.property.type !== "Identifier" && n.property.type !== "IntegerLiteral") {
        prop = `(${prop})`;
      }
      return n.computed ? `${obj}[${prop}]` : `${obj}.${prop}`;
    }
    case "FilterExpression": {
      const n = node;
      const operand = formatOperand(n.operand, PRECEDENCE.FILTER);
      if (n.filter.type === "CallExpression") {
        return `${operand} | ${formatExpression(n.filter)}`;
      }
      return `${operand} | ${n.filter.value}`;
    }
    case "SelectExpression": {
      const n = node;
      return `${formatOperand(n.lhs, PRECEDENCE.LOGICAL_OR)} if ${formatOperand(n.test, PRECEDENCE.LOGICAL_OR)}`;
    }
    case "TestExpression": {
      const n = node;
      return `${formatOperand(n.operand, PRECEDENCE.TEST)} is${n.negate ? " not" : ""} ${n.test.value}`;
    }
    case "ArrayLiteral":
    case "TupleLiteral": {
      const elems = formatExpressionList(node.value);
      const brackets = node.type === "ArrayLiteral" ? "[]" : "()";
      return `${brackets[0]}${elems}${brackets[1]}`;
    }
    case "ObjectLiteral": {
      const entries = Array.from(node.value.entries()).map(
        ([k, v]) => `${formatExpression(k)}: ${formatExpression(v)}`
      );
      return `{${entries.join(", ")}}`;
    }
    case "SliceExpression": {
      const n = node;
      const s = n.start ? formatExpression(n.start) : "";
      const t = n.stop ? formatExpression(n.stop) : "";
      const st = n.step ? `:${formatExpression(n.step)}` : "";
      return `${s}:${t}${st}`;
    }
    case "KeywordArgumentExpression": {
      const n = node;
      return `${n.key.value}=${formatExpression(n.value)}`;
    }
    case "Ternary": {
      const n = node;
      return `${formatOperand(n.trueExpr, PRECEDENCE.LOGICAL_OR)} if ${formatOperand(
        n.condition,
        PRECEDENCE.LOGICAL_OR
      )} else ${formatOperand(n.falseExpr, PRECEDENCE.CONDITIONAL)}`;
    }
    default:
      throw new Error(`Unknown expression type: ${node.type}`);
  }
}

// src/index.ts
var Template = class {
  parsed;
  /**
   * @param {string} template The template string
   */
  constructor(template) {
    const tokens = tokenize(template, {
      lstrip_blocks: true,
      trim_blocks: true
    });
    this.parsed = parse(tokens);
  }
  render(items) {
    const env = new Environment();
    setupGlobals(env);
    if (items) {
      for (const [key, value] of Object.entries(items)) {
        env.set(key, value);
      }
    }
    const interpreter = new Interpreter(env);
    const result = interpreter.run(this.parsed);
    return result.value;
  }
  format(options) {
    return format(this.parsed, options?.indent || "	");
  }
};


;// CONCATENATED MODULE: ./src/prompts/template.ts

/** Names a template may use without a row providing them. */
const BUILTINS = new Set([
    'true',
    'false',
    'none',
    'True',
    'False',
    'None',
    'loop',
    'range',
    'namespace',
    'raise_exception',
    'strftime_now',
    'bos_token',
    'eos_token',
    'add_generation_prompt'
]);
/** The most iterations a literal bound may ask of range() or a repetition with `*`. */
const MAX_TEMPLATE_REPEAT = 10_000;
/**
 * Why a template could render without end or without bound, or null. Loops over a row's own data are
 * bounded by the data; what is not is range() with a computed or huge bound, and `*` by a huge number —
 * a pull request's template must not stall validation or training. (Macro recursion ends in a stack
 * overflow, which rendering already reports.)
 */
function unboundedWork(node) {
    if (Array.isArray(node)) {
        for (const n of node) {
            const r = unboundedWork(n);
            if (r)
                return r;
        }
        return null;
    }
    if (!isNode(node))
        return null;
    if (node.type === 'CallExpression' &&
        isNode(node.callee) &&
        node.callee.type === 'Identifier' &&
        node.callee.value === 'range') {
        const args = node.args ?? [];
        const bounded = args.every(a => isNode(a) && a.type === 'IntegerLiteral' && Math.abs(a.value) <= MAX_TEMPLATE_REPEAT);
        if (!bounded)
            return `range() in a prompt template needs integer literal bounds of at most ${MAX_TEMPLATE_REPEAT}`;
    }
    const widened = paddingFilter(node);
    if (widened)
        return widened;
    if (node.type === 'BinaryExpression' && node.operator?.value === '*') {
        for (const side of [node.left, node.right]) {
            if (isNode(side) &&
                (side.type === 'IntegerLiteral' || side.type === 'FloatLiteral') &&
                Math.abs(side.value) > MAX_TEMPLATE_REPEAT) {
                return `'* ${side.value}' in a prompt template could repeat text without bound; expected at most ${MAX_TEMPLATE_REPEAT}`;
            }
        }
    }
    for (const [k, v] of Object.entries(node)) {
        if (k === 'type')
            continue;
        const r = unboundedWork(v);
        if (r)
            return r;
    }
    return null;
}
/** Filters whose integer argument is a width of padding they write, per line or per nesting level. */
const PADDING_FILTERS = {
    tojson: { position: 0, keyword: 'indent' },
    indent: { position: 0, keyword: 'width' },
    center: { position: 0, keyword: 'width' }
};
/**
 * A padding filter given a literal width past MAX_TEMPLATE_REPEAT (`tojson(indent=100000000)`), or null: its
 * output is that width times the lines, built at once in one string — no output limit can stop it sooner
 * than it is built, and on a loaded machine building it outlasts the time limit, so it is refused here.
 */
function paddingFilter(node) {
    if (node.type !== 'FilterExpression' || !isNode(node.filter) || node.filter.type !== 'CallExpression')
        return null;
    const callee = node.filter.callee;
    const name = isNode(callee) && callee.type === 'Identifier' ? callee.value : '';
    const rule = Object.hasOwn(PADDING_FILTERS, name) ? PADDING_FILTERS[name] : undefined;
    if (!rule)
        return null;
    const args = node.filter.args ?? [];
    const width = args.find((a, i) => isNode(a) && a.type === 'KeywordArgumentExpression'
        ? isNode(a.key) && a.key.value === rule.keyword
        : i === rule.position);
    const value = isNode(width) && width.type === 'KeywordArgumentExpression' ? width.value : width;
    if (!isNode(value) || value.type !== 'IntegerLiteral' || Math.abs(value.value) <= MAX_TEMPLATE_REPEAT)
        return null;
    return `'${name}(${rule.keyword}=${value.value})' in a prompt template pads each line with that many spaces; expected at most ${MAX_TEMPLATE_REPEAT}`;
}
/** Parses a Jinja template (the dialect of Hugging Face chat templates) and finds the variables it reads. */
function compileTemplate(source) {
    let template;
    try {
        template = new Template(source);
    }
    catch (e) {
        return { ok: false, message: `invalid Jinja template: ${e instanceof Error ? e.message : String(e)}` };
    }
    const unbounded = unboundedWork(template.parsed);
    if (unbounded)
        return { ok: false, message: unbounded };
    const used = new Set();
    const bound = new Set();
    collectBound(template.parsed, bound);
    collect(template.parsed, bound, used);
    const all = new Set();
    identifiers(template.parsed, all);
    const plain = plainParts(template.parsed.body);
    return { ok: true, prompt: { template, used, names: all, ...(plain ? { plain } : {}) } };
}
/**
 * The parts of a plain-substitution template (see CompiledPrompt.plain), or undefined for any other. The parser
 * has already applied whitespace control (`{{-`, trim_blocks), so the text nodes are what the output holds.
 */
function plainParts(body) {
    const parts = [];
    for (const node of body) {
        if (!isNode(node))
            return undefined;
        // A text node, or a string literal written out: either way the output holds its value.
        if (node.type === 'StringLiteral' && typeof node.value === 'string')
            parts.push({ text: node.value });
        else if (node.type === 'Comment')
            continue;
        // A builtin name (true, none, loop…) resolves to the engine's value, not the row's.
        else if (node.type === 'Identifier' && typeof node.value === 'string' && !BUILTINS.has(node.value))
            parts.push({ name: node.value });
        else
            return undefined;
    }
    return parts;
}
/**
 * A plain template's rendering of a row, or undefined when a value it writes is not a string (a number, a list,
 * a missing variable): the engine formats those, so they go to the sandbox. Equal to the engine's rendering
 * (test/template-plain.test.ts renders both ways).
 */
function renderPlain(parts, variables) {
    const get = typeof variables === 'function' ? variables : ownValue(variables);
    if (plainLength(parts, get) === undefined)
        return undefined;
    let out = '';
    for (const part of parts)
        out += 'text' in part ? part.text : get(part.name);
    return out;
}
/**
 * The length of renderPlain's result, without building it (a template can repeat a long value many times).
 * `variables`: the row's values, or a function that looks one up by name (no object made per row).
 */
function plainLength(parts, variables) {
    const get = typeof variables === 'function' ? variables : ownValue(variables);
    let length = 0;
    for (const part of parts) {
        if ('text' in part)
            length += part.text.length;
        else {
            const value = get(part.name);
            if (typeof value !== 'string')
                return undefined;
            length += value.length;
        }
    }
    return length;
}
const ownValue = (variables) => (name) => Object.hasOwn(variables, name) ? variables[name] : undefined;
/** Compiled templates by source, the most recent few kept (see compiledTemplate). */
const compiledBySource = new Map();
const COMPILED_KEPT = 64;
/**
 * compileTemplate, remembered by source: the models of a registry-wide change often share a template, and a data
 * check compiles its model's template once per thread and file. A compiled template is only read afterwards.
 */
function compiledTemplate(source) {
    let compiled = compiledBySource.get(source);
    if (!compiled) {
        compiled = compileTemplate(source);
        if (compiledBySource.size >= COMPILED_KEPT)
            compiledBySource.delete(compiledBySource.keys().next().value);
        compiledBySource.set(source, compiled);
    }
    return compiled;
}
/** Renders a template with a row's variables; a runtime error comes back as a message. */
function render(prompt, variables) {
    try {
        return { ok: true, text: prompt.template.render(variables) };
    }
    catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
}
const isNode = (v) => typeof v === 'object' && v !== null && typeof v.type === 'string';
function names(target, into) {
    if (!isNode(target))
        return;
    if (target.type === 'Identifier')
        into.add(target.value);
    else if (target.type === 'TupleLiteral' || target.type === 'ArrayLiteral')
        for (const v of target.value ?? [])
            names(v, into);
}
/** Every identifier in a template's syntax tree. */
function identifiers(node, into) {
    if (Array.isArray(node))
        return node.forEach(n => identifiers(n, into));
    if (!isNode(node))
        return;
    if (node.type === 'Identifier' && typeof node.value === 'string')
        into.add(node.value);
    for (const [k, v] of Object.entries(node))
        if (k !== 'type')
            identifiers(v, into);
}
/** Names that `set`, macros and loops define anywhere: they are never free variables. */
function collectBound(node, bound) {
    if (Array.isArray(node))
        return node.forEach(n => collectBound(n, bound));
    if (!isNode(node))
        return;
    if (node.type === 'Set')
        names(node.assignee, bound);
    if (node.type === 'Macro') {
        names(node.name, bound);
        for (const a of node.args ?? [])
            names(isNode(a) && a.type === 'KeywordArgumentExpression' ? a.key : a, bound);
    }
    if (node.type === 'For')
        names(node.loopvar, bound);
    for (const [k, v] of Object.entries(node))
        if (k !== 'type')
            collectBound(v, bound);
}
function collect(node, bound, used) {
    if (Array.isArray(node))
        return node.forEach(n => collect(n, bound, used));
    if (!isNode(node))
        return;
    switch (node.type) {
        case 'Identifier': {
            const v = node.value;
            if (!bound.has(v) && !BUILTINS.has(v))
                used.add(v);
            return;
        }
        case 'MemberExpression':
            collect(node.object, bound, used);
            if (node.computed)
                collect(node.property, bound, used);
            return;
        case 'FilterExpression':
            collect(node.operand, bound, used);
            if (isNode(node.filter) && node.filter.type === 'CallExpression')
                collect(node.filter.args, bound, used);
            return;
        case 'TestExpression':
            collect(node.operand, bound, used);
            return;
        case 'KeywordArgumentExpression':
            collect(node.value, bound, used);
            return;
        case 'Macro':
            collect(node.body, bound, used);
            return;
        case 'Set':
            collect(node.value, bound, used);
            collect(node.body, bound, used);
            return;
        default:
            for (const [k, v] of Object.entries(node))
                if (k !== 'type')
                    collect(v, bound, used);
    }
}

;// CONCATENATED MODULE: ./src/prompts/sandbox.ts








/** Defaults: a sound template renders a row in microseconds and a few MiB; rows can be max_line_bytes long. */
function defaultTemplateLimits(maxLineBytes) {
    return {
        timeMs: Number(process.env.TUNEGATE_TEMPLATE_TIME_MS) || 2000,
        memoryMb: Number(process.env.TUNEGATE_TEMPLATE_MEMORY_MB) || Math.max(128, Math.ceil((8 * maxLineBytes) / 2 ** 20) + 64),
        outputChars: 4 * maxLineBytes
    };
}
/** A template that ran past its time or memory limit on a row; `row` is the row's index in the batch. */
class sandbox_TemplateLimitError extends errors_ConfigurationError {
    row;
    constructor(message, row) {
        super(message);
        this.row = row;
        this.name = 'TemplateLimitError';
    }
}
/** Set in the environment of a sandbox process, so the shared worker entry serves templates. */
const SANDBOX_ENV = 'TUNEGATE_TEMPLATE_SANDBOX';
/**
 * The sandbox script: the TypeScript bootstrap from sources; in an ncc bundle the action's worker bundle
 * (dist/<action>/worker/index.js), which is this very file when the caller is itself a worker thread.
 */
function workerScriptUrl(moduleUrl) {
    if (moduleUrl.endsWith('.ts'))
        return new URL('../data/row-worker.bootstrap.mjs', moduleUrl);
    return external_node_worker_threads_namespaceObject.isMainThread ? new URL('./worker/index.js', moduleUrl) : new URL(moduleUrl);
}
/** True in a process started as a template sandbox (see serveRangeTasks). */
function isTemplateSandbox() {
    return process.env[SANDBOX_ENV] === '1' && typeof process.send === 'function' && external_node_worker_threads_namespaceObject.isMainThread;
}
/** The sandbox side: compiles the template once, then answers each batch of rows with their renderings (or lengths). */
function serveTemplateRenders() {
    let compiled;
    let outputChars = 0;
    const send = (m) => void process.send(m);
    process.on('disconnect', () => process.exit(0));
    process.on('message', (m) => {
        if ('source' in m) {
            compiled = compileTemplate(m.source);
            outputChars = m.outputChars;
            return send({ ready: true });
        }
        const results = [];
        for (let i = 0; i < m.rows.length; i++) {
            const r = compiled?.ok ? render(compiled.prompt, m.rows[i]) : { ok: false, message: 'no template' };
            // The length of a rope is known without flattening it; sending it would flatten it.
            if (r.ok && r.text.length > outputChars)
                return send({ tooLong: r.text.length, row: i });
            results.push(r.ok && !m.text ? { ok: true, length: r.text.length } : r);
        }
        return send({ results });
    });
}
/** Milliseconds a sandbox may take to start (load the template engine) before it counts as failed. */
const START_MS = 60_000;
/**
 * Renders a prompt template in a separate process with a heap limit, and ends it when a batch of rows takes
 * longer than the time limit: a template from a pull request can loop (nested range()), recurse (a macro
 * calling itself twice per level) or allocate (tojson(indent=100000000)) without end, which no static check
 * of the template catches in full. A process, not a worker thread: V8 ends the whole process when a worker
 * thread's single allocation passes its heap limit. The sandbox starts on first use and again after a limit
 * ended it; a batch that hits a limit is rendered again row by row to name the row.
 */
class TemplateSandbox {
    source;
    limits;
    where;
    child;
    /** Batches run one at a time (several threads may share a sandbox): a batch's time starts when it is sent. */
    queue = Promise.resolve();
    constructor(source, limits, 
    /** Named in the limit messages: the template's file and line. */
    where) {
        this.source = source;
        this.limits = limits;
        this.where = where;
    }
    /** Renders each row; throws TemplateLimitError when a row runs past a limit. */
    renderAll(rows) {
        return this.queued(rows, true);
    }
    /**
     * Each row's rendered length, the text left in the sandbox (the data checks need only the length); rows with
     * the same variables as one measured before are answered from a bounded cache without crossing to the sandbox
     * (a registry-wide change checks many models whose prompt and rows are the same). Throws TemplateLimitError as
     * renderAll does.
     */
    async measureAll(rows) {
        const keys = rows.map(cacheKey);
        const out = keys.map(k => (k === undefined ? undefined : this.measured.get(k)));
        // The rows to send, each distinct key once; `from` maps each row still without an answer to its place in them.
        const send = [];
        const from = new Map();
        const sentKey = new Map();
        for (let i = 0; i < rows.length; i++) {
            if (out[i])
                continue;
            const key = keys[i];
            const earlier = key === undefined ? undefined : sentKey.get(key);
            if (earlier !== undefined)
                from.set(i, earlier);
            else {
                if (key !== undefined)
                    sentKey.set(key, send.length);
                from.set(i, send.length);
                send.push(i);
            }
        }
        if (send.length) {
            let fresh;
            try {
                fresh = (await this.queued(send.map(i => rows[i]), false));
            }
            catch (e) {
                // The row is named by its place in the caller's batch.
                throw e instanceof sandbox_TemplateLimitError ? new sandbox_TemplateLimitError(e.message, send[e.row] ?? 0) : e;
            }
            for (const [i, j] of from)
                out[i] = fresh[j];
            send.forEach((i, j) => {
                const key = keys[i];
                if (key !== undefined)
                    this.remember(key, fresh[j]);
            });
        }
        return out;
    }
    /** Rows sent to the sandbox process so far (the measure cache answers the others). */
    get rowsSent() {
        return this.sent;
    }
    sent = 0;
    /** Characters of keys the measure cache holds at most (16 MiB of text, 20-odd MB with the map). */
    static CACHE_CHARS = 16 * 2 ** 20;
    measured = new Map();
    measuredChars = 0;
    /** Keeps an outcome; past CACHE_CHARS the oldest go first. */
    remember(key, outcome) {
        if (key.length > TemplateSandbox.CACHE_CHARS / 64 || this.measured.has(key))
            return;
        this.measured.set(key, outcome);
        this.measuredChars += key.length;
        for (const old of this.measured.keys()) {
            if (this.measuredChars <= TemplateSandbox.CACHE_CHARS)
                break;
            this.measured.delete(old);
            this.measuredChars -= old.length;
        }
    }
    queued(rows, text) {
        this.pending++;
        const done = this.queue.then(() => this.renderNow(rows, text));
        this.queue = done
            .catch(() => undefined)
            .finally(() => {
            if (--this.pending === 0 && this.released)
                void this.end();
        });
        return done;
    }
    /** Batches queued or running. */
    pending = 0;
    /** Set by release(): the process ends whenever no batch is queued. */
    released = false;
    /**
     * Ends the process as soon as no batch is queued, and again after any later batch: for a sandbox its owner no
     * longer keeps (one per template, and a registry-wide change meets hundreds of templates), whose caller may
     * still have batches in flight. A later batch still renders (the process starts again).
     */
    release() {
        this.released = true;
        if (this.pending === 0)
            void this.end();
    }
    async renderNow(rows, text) {
        if (!rows.length)
            return [];
        try {
            return await this.batch(rows, text);
        }
        catch (e) {
            if (!(e instanceof sandbox_TemplateLimitError) || rows.length === 1)
                throw e;
        }
        const out = [];
        for (let i = 0; i < rows.length; i++) {
            try {
                out.push(...(await this.batch([rows[i]], text)));
            }
            catch (e) {
                throw e instanceof sandbox_TemplateLimitError ? new sandbox_TemplateLimitError(e.message, i) : e;
            }
        }
        return out;
    }
    /** Starts the sandbox process now, without waiting for it: a start that fails is reported by the next render. */
    warm() {
        this.start().catch(() => undefined);
    }
    /** Ends the sandbox process; a later render starts a new one. */
    async end() {
        const c = this.child;
        this.child = undefined;
        if (!c)
            return;
        const child = await c.catch(() => undefined);
        if (child && child.exitCode === null && child.signalCode === null) {
            const gone = (0,external_node_events_namespaceObject.once)(child, 'exit');
            // An idle sandbox is unreferenced; the wait for its exit must keep the process alive.
            child.ref();
            child.kill('SIGKILL');
            await gone;
        }
    }
    async batch(rows, text) {
        const child = await this.start();
        return new Promise((resolve, reject) => {
            let settled = false;
            // The caller's thread may be busy when the time is up, with the answer already waiting in the channel:
            // the check phase comes after the poll phase, which reads it, so an answer in time is never taken for late.
            const timer = setTimeout(() => setImmediate(() => {
                if (settled)
                    return;
                settle();
                void this.end();
                reject(this.limitError(`ran past its time limit of ${seconds(this.limits.timeMs)}`, 0));
            }), this.limits.timeMs);
            const onMessage = (m) => {
                settle();
                if ('results' in m)
                    resolve(m.results);
                else if ('tooLong' in m)
                    reject(this.limitError(`renders one row as ${m.tooLong} characters, past its output limit of ${this.limits.outputChars}`, m.row));
            };
            const onExit = (code, signal) => {
                settle();
                this.child = undefined;
                // V8 aborts a process whose heap passes its limit.
                reject(signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134 || code === 133
                    ? this.limitError(`ran past its memory limit of ${this.limits.memoryMb} MiB`, 0)
                    : new Error(`the prompt template sandbox exited (${signal ?? `exit code ${code}`})`));
            };
            const settle = () => {
                settled = true;
                clearTimeout(timer);
                child.off('message', onMessage);
                child.off('exit', onExit);
                child.unref();
                child.channel?.unref();
            };
            child.ref();
            child.channel?.ref();
            child.on('message', onMessage);
            child.once('exit', onExit);
            this.sent += rows.length;
            child.send({ rows, text });
        });
    }
    limitError(what, row) {
        const expected = what.includes('time') ? 'work' : 'output';
        return new sandbox_TemplateLimitError(`the prompt template (${this.where}) ${what} on one row; expected a template whose ${expected} is bounded by the row`, row);
    }
    start() {
        this.child ??= new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_namespaceObject.fork)((0,external_node_url_namespaceObject.fileURLToPath)(workerScriptUrl(import.meta.url)), [], {
                execArgv: [`--max-old-space-size=${this.limits.memoryMb}`],
                env: { ...process.env, [SANDBOX_ENV]: '1' },
                // V8's report of an exhausted heap is not the user's business; the limit message says it.
                stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
                serialization: 'advanced'
            });
            const timer = setTimeout(() => fail(new Error('the prompt template sandbox did not start')), START_MS);
            const fail = (e) => {
                clearTimeout(timer);
                child.kill('SIGKILL');
                this.child = undefined;
                reject(e);
            };
            child.once('error', fail);
            child.once('exit', code => fail(new Error(`the prompt template sandbox exited on start (exit code ${code})`)));
            child.once('message', () => {
                clearTimeout(timer);
                child.removeAllListeners('exit');
                child.removeAllListeners('error');
                child.on('error', () => undefined);
                // Idle, it keeps nobody waiting (a batch holds it while it runs): a sandbox started early and never
                // used must not keep the process alive.
                child.unref();
                child.channel?.unref();
                resolve(child);
            });
            child.send({ source: this.source, outputChars: this.limits.outputChars });
        });
        return this.child;
    }
}
/**
 * A row's variables as a cache key: JSON, which tells apart every value a JSON row holds; undefined (not cached)
 * for a row with a value JSON would blur — a bigint (JSON has none) or -0 (written as 0, yet 1/-0 renders apart).
 * Strings, most rows' values, are not walked.
 */
function cacheKey(variables) {
    for (const name in variables) {
        const v = variables[name];
        if (typeof v !== 'string' && !exactInJson(v))
            return undefined;
    }
    return JSON.stringify(variables);
}
/** Whether JSON writes a value so that no other value has the same text (see cacheKey). */
function exactInJson(v) {
    if (typeof v === 'bigint')
        return false;
    if (typeof v === 'number')
        return !Object.is(v, -0);
    if (Array.isArray(v))
        return v.every(exactInJson);
    if (v !== null && typeof v === 'object')
        return Object.values(v).every(exactInJson);
    return true;
}
const seconds = (ms) => (ms < 1000 ? `${ms} ms` : `${ms / 1000} s`);
/** `file:line` of a loaded prompt's `template:` key: the line the loader found, else read from the file. */
async function promptTemplateLocation(prompt) {
    if (prompt.templateLine !== undefined)
        return `${prompt.file.display}:${prompt.templateLine}`;
    return templateLocation(prompt.file.absolute, prompt.file.display);
}
/** `file:line` of the `template:` key of a prompt file, for messages (the file alone when it cannot be found). */
async function templateLocation(absolute, display) {
    try {
        const text = await readFile(absolute, 'utf8');
        // Loaded here only: the sandbox and data-checking threads, which share this module, never need it.
        const { parseDocument } = await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
        const doc = parseDocument(text);
        const pair = doc.contents && 'items' in doc.contents ? doc.contents.items : [];
        for (const item of pair)
            if (item.key?.value === 'template' && item.key.range)
                return `${display}:${new LineIndex(text).position(item.key.range[0]).line}`;
    }
    catch {
        // the loader reported the file already
    }
    return display;
}

;// CONCATENATED MODULE: ./src/data/examples.ts
/** Longest example id: ids name rows in reports, artifacts and records. */
const MAX_ID_LENGTH = 256;
const CHAT_ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const isText = (v) => typeof v === 'string';
const blank = (s) => s.trim().length === 0;
/**
 * A row's text field, or undefined with the problem added. A module function, not a closure in toExample: a
 * closure made per row costs a property definition per row where the sources run with kept names (tsx).
 */
function textField(row, field, format, problems, allowEmpty) {
    const v = row[field];
    if (v === undefined || v === null)
        problems.push(`missing field '${field}' (format ${format})`);
    else if (!isText(v))
        problems.push(`field '${field}' must be a string, got ${kind(v)}`);
    else if (!allowEmpty && blank(v))
        problems.push(`field '${field}' is empty or whitespace only`);
    else
        return v;
    return undefined;
}
/** Checks a row against its declared format and returns the example, or every problem found in it. */
function toExample(row, rules) {
    const problems = [];
    const id = exampleId(row.id, problems);
    const useCase = exampleUseCase(row.use_case, rules, problems);
    const { input, target, label } = formatTexts(row, rules, problems);
    if (problems.length)
        return { ok: false, problems };
    return { ok: true, example: { id, useCase, input, target, label, fields: row } };
}
/** The row's optional id as text; a problem for anything but a non-blank string or finite number. */
function exampleId(value, problems) {
    if (value === undefined)
        return undefined;
    let id;
    if (isText(value) || (typeof value === 'number' && Number.isFinite(value)))
        id = String(value);
    else if (typeof value === 'number')
        problems.push("field 'id' is a number that is not finite; expected a string or a finite number");
    else
        problems.push(`field 'id' must be a string or number, got ${kind(value)}`);
    if (id !== undefined && blank(id))
        problems.push("field 'id' is empty");
    if (id !== undefined && id.length > MAX_ID_LENGTH)
        problems.push(`field 'id' is ${id.length} characters; expected at most ${MAX_ID_LENGTH}`);
    return id;
}
/** The row's optional use case; a problem when it is not one the model declares. */
function exampleUseCase(value, rules, problems) {
    if (value === undefined)
        return undefined;
    if (!isText(value))
        problems.push(`field 'use_case' must be a string, got ${kind(value)}`);
    else if (!rules.useCases.includes(value))
        problems.push(`use_case '${value}' is not one of the model's use_cases (${rules.useCases.join(', ')})`);
    else
        return value;
    return undefined;
}
/** What the model is given and should produce, read from the fields the declared format names. */
function formatTexts(row, rules, problems) {
    let input = '';
    let target = '';
    let label;
    switch (rules.format) {
        case 'chat':
            return chatTexts(row.messages, problems);
        case 'completion':
            input = textField(row, 'prompt', rules.format, problems, false) ?? '';
            target = textField(row, 'completion', rules.format, problems, false) ?? '';
            break;
        case 'instruction': {
            const instruction = textField(row, 'instruction', rules.format, problems, false) ?? '';
            const extra = row.input === undefined ? '' : (textField(row, 'input', rules.format, problems, true) ?? '');
            input = extra ? `${instruction}\n${extra}` : instruction;
            target = textField(row, 'output', rules.format, problems, false) ?? '';
            break;
        }
        case 'classification': {
            input = textField(row, 'text', rules.format, problems, false) ?? '';
            const l = row.label;
            if (l === undefined || l === null)
                problems.push("missing field 'label' (format classification)");
            else if (!isText(l))
                problems.push(`field 'label' must be a string, got ${kind(l)}`);
            else if (rules.labels && !rules.labels.includes(l))
                problems.push(`label '${l}' is not in the declared label set (${rules.labels.join(', ')})`);
            else
                label = l;
            target = label ?? '';
            break;
        }
        case 'fields': {
            const field = rules.target ?? 'target';
            target = textField(row, field, rules.format, problems, false) ?? '';
            input = Object.entries(row)
                .filter(([k]) => k !== field && k !== 'id' && k !== 'use_case')
                .map(([, v]) => (isText(v) ? v : JSON.stringify(v)))
                .join('\n');
            break;
        }
    }
    return { input, target, label };
}
/** A chat row's texts: the final assistant turn is the target, the other non-system turns the input. */
function chatTexts(messages, problems) {
    let input = '';
    let target = '';
    if (!Array.isArray(messages)) {
        problems.push(messages === undefined
            ? "missing field 'messages' (format chat)"
            : `field 'messages' must be an array, got ${kind(messages)}`);
        return { input, target };
    }
    if (messages.length === 0) {
        problems.push("field 'messages' is empty; expected at least a user and an assistant turn");
        return { input, target };
    }
    const roles = [];
    const before = problems.length;
    for (const [i, m] of messages.entries()) {
        if (!m || typeof m !== 'object' || Array.isArray(m)) {
            problems.push(`messages[${i}] must be an object with role and content`);
            continue;
        }
        const { role, content } = m;
        if (!isText(role) || !CHAT_ROLES.has(role))
            problems.push(`messages[${i}].role must be one of system, user, assistant, tool; got ${JSON.stringify(role)}`);
        else
            roles.push(role);
        if (!isText(content))
            problems.push(`messages[${i}].content must be a string, got ${kind(content)}`);
    }
    if (problems.length > before)
        return { input, target };
    const orderProblem = chatOrderProblem(roles);
    if (orderProblem)
        problems.push(orderProblem);
    const last = messages[messages.length - 1];
    if (blank(last.content))
        problems.push('the final assistant turn is empty or whitespace only');
    target = last.content;
    const turns = messages;
    for (let k = 0; k < turns.length - 1; k++) {
        if (turns[k].role === 'system')
            continue;
        input = input ? `${input}\n${turns[k].content}` : turns[k].content;
    }
    return { input, target };
}
/** Why a sequence of chat roles is not a valid conversation, or null. */
function chatOrderProblem(roles) {
    let i = 0;
    if (roles[0] === 'system')
        i = 1;
    // The roles are joined only for a message: this runs on every chat row.
    const order = () => roles.join(' → ');
    if (roles.indexOf('system', i) >= 0)
        return `a system message may only come first; roles were ${order()}`;
    if (roles[i] !== 'user')
        return `the conversation must start with a user turn (after an optional system message); roles were ${order()}`;
    for (let j = i + 1; j < roles.length; j++) {
        const prev = roles[j - 1];
        const cur = roles[j];
        if (cur === prev && cur !== 'tool')
            return `two ${cur} turns in a row at messages[${j}]; expected user and assistant to alternate`;
        if (cur === 'tool' && prev !== 'assistant' && prev !== 'tool')
            return `a tool turn at messages[${j}] must follow an assistant turn`;
    }
    if (roles[roles.length - 1] !== 'assistant')
        return `the conversation must end with an assistant turn (the target); it ends with ${roles[roles.length - 1]}`;
    return null;
}
function kind(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    return typeof v === 'object' ? 'an object' : typeof v;
}

;// CONCATENATED MODULE: ./src/data/hash-index.ts
/**
 * cyrb53: a fast, well-distributed 53-bit string hash (public domain, bryc). 53 bits fit a JS number
 * exactly, so hashes are Set and typed-array keys without BigInt.
 */
function hash53(text, seed = 0) {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/** A 53-bit hash of an ordered pair of 53-bit hashes. */
function combine53(a, b) {
    const alo = a >>> 0;
    const ahi = (a / 4294967296) >>> 0;
    const blo = b >>> 0;
    const bhi = (b / 4294967296) >>> 0;
    let h1 = Math.imul(alo ^ Math.imul(bhi, 0x85ebca6b), 2654435761) ^ Math.imul(blo, 0x27d4eb2f);
    let h2 = Math.imul(ahi ^ Math.imul(blo, 0xc2b2ae35), 1597334677) ^ Math.imul(bhi, 0x165667b1);
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/**
 * A map from 53-bit hashes (non-negative) to 32-bit integers: open addressing with linear probing in
 * one Float64Array of [key + 1, value] pairs (0: a free slot, so a new table needs no filling), so a
 * probe touches one cache line. A million entries take 32 MB here against well over 80 MB in a Map;
 * hand-written for that reason.
 */
class HashIndex {
    slots;
    count = 0;
    constructor(capacity = 1 << 16) {
        this.slots = HashIndex.table(capacity);
    }
    static table(capacity) {
        const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
        return new Float64Array(size * 2);
    }
    get size() {
        return this.count;
    }
    /** Makes room for `capacity` entries at once, instead of doubling step by step as they come. */
    reserve(capacity) {
        if (capacity * 2 > this.slots.length / 2)
            this.rehash(HashIndex.table(capacity));
    }
    /** The value stored for a key, or -1. */
    get(key) {
        const slots = this.slots;
        const mask = (slots.length >> 1) - 1;
        const stored = key + 1;
        for (let i = (key >>> 0) & mask;; i = (i + 1) & mask) {
            const k = slots[2 * i];
            if (k === stored)
                return slots[2 * i + 1];
            if (k === 0)
                return -1;
        }
    }
    /** Stores a value unless the key is present; returns the value already there, or -1 when inserted. */
    setIfAbsent(key, value) {
        if ((this.count + 1) * 2 > this.slots.length >> 1)
            this.rehash(HashIndex.table(this.count * 2 + 2));
        const slots = this.slots;
        const mask = (slots.length >> 1) - 1;
        const stored = key + 1;
        for (let i = (key >>> 0) & mask;; i = (i + 1) & mask) {
            const k = slots[2 * i];
            if (k === 0) {
                slots[2 * i] = stored;
                slots[2 * i + 1] = value;
                this.count++;
                return -1;
            }
            if (k === stored)
                return slots[2 * i + 1];
        }
    }
    rehash(bigger) {
        const old = this.slots;
        this.slots = bigger;
        this.count = 0;
        for (let i = 0; i < old.length; i += 2)
            if (old[i] !== 0)
                this.setIfAbsent(old[i] - 1, old[i + 1]);
    }
}
/** Text as compared for duplicates and leakage: Unicode NFKC, lower case, whitespace collapsed. */
function normaliseText(text) {
    return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

;// CONCATENATED MODULE: ./src/data/pii.ts
// Three families of patterns, each run only when a cheap hint says it can match: emails need an '@',
// secrets a known prefix, and the numeric identifiers (cards, IBANs, national ids, phones) a run of six
// or more digits. Checks that need arithmetic (Luhn for cards, mod 97 for IBANs) run on matches only.
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;
const SECRET_HINT = /AKIA|gh[pousr]_|github_pat_|xox[abprs]-|sk-|sk_live_|AIza|-----BEGIN/;
const SECRET = /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-(?:proj-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|sk_live_[0-9a-zA-Z]{24,})\b|-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY-----/g;
const NUMERIC = new RegExp([
    String.raw `(?<iban>\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b)`,
    String.raw `(?<card>\b(?:\d[ -]?){12,18}\d\b)`,
    String.raw `(?<ssn>\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b)`,
    String.raw `(?<nino>\b(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)`,
    String.raw `(?<phone>(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,4}|\(\d{3}\) ?\d{3}-\d{4}|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b))`
].join('|'), 'g');
const NONE = [];
// Every numeric identifier has six digits joined by at most single separators somewhere in it.
const NUMERIC_HINT = /\d(?:[ .()-]?\d){5}/;
/** Luhn checksum, as payment card numbers carry. */
function luhnValid(digits) {
    let sum = 0;
    let double = false;
    for (let i = digits.length - 1; i >= 0; i--) {
        let d = digits.charCodeAt(i) - 48;
        if (double) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        double = !double;
    }
    return sum % 10 === 0;
}
/** ISO 13616 IBAN check: move the country and check digits to the end, letters to numbers, mod 97 = 1. */
function ibanValid(iban) {
    const s = iban.replace(/ /g, '');
    if (s.length < 15 || s.length > 34)
        return false;
    const moved = s.slice(4) + s.slice(0, 4);
    let rem = 0;
    for (const ch of moved) {
        const code = ch.charCodeAt(0);
        const value = code >= 65 ? code - 55 : code - 48;
        rem = value >= 10 ? (rem * 100 + value) % 97 : (rem * 10 + value) % 97;
    }
    return rem === 1;
}
function mask(s) {
    if (s.length <= 6)
        return '*'.repeat(s.length);
    return `${s.slice(0, 2)}${'*'.repeat(Math.min(12, s.length - 4))}${s.slice(-2)}`;
}
/**
 * The matches of a global pattern, as String.prototype.matchAll gives them, without the copy of the
 * pattern that matchAll makes on every call (the numeric pattern is large, and this runs per row).
 */
function* matches(pattern, text) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0] === '')
            pattern.lastIndex++;
        yield m;
    }
    pattern.lastIndex = 0;
}
/** Which pattern families a text can match: bits of PII_EMAIL, PII_NUMERIC and PII_SECRET. */
const PII_EMAIL = 1;
const PII_NUMERIC = 2;
/** A possible secret prefix: the SECRET_HINT test still runs. */
const PII_SECRET = 4;
const PII_ANY = PII_EMAIL | PII_NUMERIC | PII_SECRET;
/** With PII_NUMERIC: the caller's pass saw what NUMERIC_HINT matches, so its test need not run again. */
const PII_NUMERIC_SEEN = 8;
/**
 * Personal data and secrets in a text. Cards must pass Luhn and IBANs their checksum. `families`
 * (default all) skips the families a caller has already ruled out in its own pass over the text.
 */
function findPii(text, families = PII_ANY) {
    const hasAt = (families & PII_EMAIL) !== 0 && text.includes('@');
    const numeric = (families & PII_NUMERIC) !== 0 && ((families & PII_NUMERIC_SEEN) !== 0 || NUMERIC_HINT.test(text));
    const secret = (families & PII_SECRET) !== 0 && SECRET_HINT.test(text);
    if (!hasAt && !numeric && !secret)
        return NONE;
    const found = [];
    if (hasAt)
        for (const m of matches(EMAIL, text))
            found.push({ kind: 'email', masked: mask(m[0]) });
    if (secret)
        for (const m of matches(SECRET, text))
            found.push({ kind: 'secret', masked: mask(m[0]) });
    if (!numeric)
        return found;
    for (const m of matches(NUMERIC, text)) {
        const g = m.groups;
        if (g.iban) {
            if (ibanValid(g.iban))
                found.push({ kind: 'iban', masked: mask(g.iban) });
        }
        else if (g.card) {
            const digits = g.card.replace(/[ -]/g, '');
            if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits))
                found.push({ kind: 'payment-card', masked: mask(digits) });
        }
        else if (g.ssn || g.nino)
            found.push({ kind: 'national-id', masked: mask((g.ssn ?? g.nino)) });
        else if (g.phone) {
            const digits = g.phone.replace(/\D/g, '');
            if (digits.length >= 9 && digits.length <= 15)
                found.push({ kind: 'phone', masked: mask(g.phone) });
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/data/text-scan.ts
// Tunegate's text scanner: the one implementation of the normalised-text hash lanes, the word hashes, the MinHash
// signature, the LSH query and the duplicate-key count. Hand-written: no library fuses these passes over a text.
// It was AssemblyScript compiled to WebAssembly until `npm run bench -- text-scan` measured that at 1.26 times
// this TypeScript alone and 1.05 times on the row checks' hot path (the bar was 1.5): see README, Benchmarks.

/** Bins of a MinHash signature (a power of two: a hash picks its bin by its low bits); minhash.ts explains the shape. */
const text_scan_MINHASH_BINS = 32;
/** LSH bands of a signature. */
const LSH_BANDS = 8;
/** Bins per LSH band (LSH_BANDS * LSH_ROWS = MINHASH_BINS). */
const LSH_ROWS = 4;
/** Per ASCII code: its lower-case code, or 32 for JavaScript's \s (tab, line breaks, vertical tab, form feed, space). */
const LOWER = new Uint8Array(128);
/** Per ASCII code: what it can start or continue in personal data (findPii's hints in pii.ts). */
const FLAGS = new Uint8Array(128);
/** Per ASCII code: whether it can come before '-' in a secret's prefix: xox[abprs]-, sk-, -----. */
const BEFORE_DASH = new Uint8Array(128);
/** A digit; six joined by single separators are NUMERIC_HINT: /\d(?:[ .()-]?\d){5}/. */
const DIGIT = 1;
/** Joins digits in NUMERIC_HINT. */
const SEPARATOR = 2;
/** '@' (emails), '_' (gh?_, github_pat_, sk_live_), '-' (xox?-, sk-, -----BEGIN), 'K' and 'I' (AKIA, AIza). */
const SPECIAL = 4;
/** findPii's families (PII_EMAIL, PII_NUMERIC, PII_SECRET in pii.ts). */
const FAMILY_EMAIL = 1;
const FAMILY_NUMERIC = 2;
const FAMILY_SECRET = 4;
for (let c = 0; c < 128; c++)
    LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;
for (let c = 9; c <= 13; c++)
    LOWER[c] = 32;
LOWER[32] = 32;
for (let c = 48; c <= 57; c++)
    FLAGS[c] = DIGIT;
for (const c of ' .()')
    FLAGS[c.charCodeAt(0)] = SEPARATOR;
FLAGS[45] = SEPARATOR | SPECIAL; // '-'
for (const c of '@_KI')
    FLAGS[c.charCodeAt(0)] = SPECIAL;
for (const c of 'abprsk-')
    BEFORE_DASH[c.charCodeAt(0)] = 1;
// cyrb53's two lanes (hash53 in hash-index.ts, finished by finish() below) and FNV-1a for the words.
const H1_SEED = 0xdeadbeef;
const H2_SEED = 0x41c6ce57;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
/** An empty MinHash bin. */
const EMPTY = 0xffffffff;
/**
 * A UTF-16 code unit as the normalised text sees it: 32 when it is JavaScript's \s beyond ASCII (no-break, Ogham,
 * the U+2000 spaces, line and paragraph separators, narrow no-break, medium mathematical, ideographic, BOM; after
 * NFKC only Ogham, the separators and the BOM are left, the rest kept to match \s exactly), else itself.
 */
function class16(u) {
    if (u < 128)
        return LOWER[u];
    const space = u === 0xa0 ||
        u === 0x1680 ||
        (u >= 0x2000 && u <= 0x200a) ||
        u === 0x2028 ||
        u === 0x2029 ||
        u === 0x202f ||
        u === 0x205f ||
        u === 0x3000 ||
        u === 0xfeff;
    return space ? 32 : u;
}
/**
 * The word hashes and hash lanes of one scan: the state the scanning functions below share. `words` grows to one
 * hash per two characters plus one (the most words a text can have), kept between scans.
 */
class ScanState {
    words = new Uint32Array(1024);
    h1 = 0;
    h2 = 0;
    families = 0;
    room(length) {
        if (this.words.length < (length >> 1) + 2)
            this.words = new Uint32Array(Math.max((length >> 1) + 2, 2 * this.words.length));
    }
}
/**
 * Scans a text: the hash lanes of its normalised form (lower case, whitespace runs as one space, trimmed) go to
 * `s`, each word's FNV-1a hash to `s.words`; returns the number of words. `ascii`: the text is taken as it is and
 * its personal-data families go to `s` too, or -1 is returned when it is not ASCII (which NFKC could change);
 * otherwise the text must be normalised (NFKC) and lower-cased already, and gets no personal-data hints (the
 * caller assumes all families). One function for both, so that the two cannot hash differently.
 */
function scanText(text, s, ascii) {
    s.room(text.length);
    const words = s.words;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    let w = FNV_OFFSET;
    let n = 0;
    let families = 0;
    let numeric = 0; // 0: not after a digit; 1: after a digit; 2: after a digit and one separator
    let run = 0;
    let prev = 0;
    // Trailing whitespace is never part of the normalised text: stop before it.
    let end = text.length;
    while (end > 0) {
        const c = text.charCodeAt(end - 1);
        if (ascii && c > 127)
            return -1;
        if (class16(c) !== 32)
            break;
        end--;
    }
    // Leading whitespace is skipped as if it followed whitespace.
    let prevSpace = true;
    for (let i = 0; i < end; i++) {
        const raw = text.charCodeAt(i);
        let c;
        if (ascii) {
            if (raw > 127)
                return -1;
            const f = FLAGS[raw];
            // Only a digit or a special character, or whatever follows a digit, can change the personal-data state.
            if ((f & (DIGIT | SPECIAL)) | numeric) {
                if (f === 0)
                    numeric = 0;
                else if (f & DIGIT) {
                    run = numeric === 0 ? 1 : run + 1;
                    numeric = 1;
                    if (run >= 6)
                        families |= FAMILY_NUMERIC;
                }
                else {
                    numeric = f & SEPARATOR && numeric === 1 ? 2 : 0;
                    if (f & SPECIAL) {
                        if (raw === 64)
                            families |= FAMILY_EMAIL;
                        else if (raw === 95 || (raw === 45 && BEFORE_DASH[prev]) || (prev === 65 && (raw === 75 || raw === 73)))
                            families |= FAMILY_SECRET;
                    }
                }
            }
            prev = raw;
            c = LOWER[raw];
        }
        else
            c = class16(raw);
        const space = c === 32;
        // The hash takes every character but whitespace after whitespace: one space between words.
        if (!(space && prevSpace)) {
            h1 = Math.imul(h1 ^ c, 2654435761);
            h2 = Math.imul(h2 ^ c, 1597334677);
        }
        if (space) {
            if (!prevSpace)
                words[n++] = w;
            w = FNV_OFFSET;
        }
        else
            w = Math.imul(w ^ c, FNV_PRIME);
        prevSpace = space;
    }
    // The text (trimmed) ends with a word, unless it was all whitespace.
    if (end > 0)
        words[n++] = w;
    s.h1 = h1;
    s.h2 = h2;
    s.families = families;
    return n;
}
/**
 * The MinHash signature of the first n (at least one) word hashes, into `sig`: one-permutation hashing (Li, Owen
 * & Zhang 2012) of word 3-grams (all words as one shingle when fewer than three) into MINHASH_BINS bins, then
 * rotation densification (an empty bin takes the next non-empty bin's value, mixed with the distance), so short
 * texts still compare.
 */
function signWords(words, n, sig) {
    sig.fill(EMPTY);
    const shingles = n < 3 ? 1 : n - 2;
    for (let i = 0; i < shingles; i++) {
        let h;
        if (n < 3) {
            h = words[0];
            for (let j = 1; j < n; j++)
                h = Math.imul(h ^ words[j], 0x9e3779b1);
        }
        else {
            h = Math.imul(words[i] ^ Math.imul(words[i + 1], 0x85ebca6b) ^ Math.imul(words[i + 2], 0xc2b2ae35), 0x27d4eb2f);
            h ^= h >>> 15;
        }
        const bin = h & (text_scan_MINHASH_BINS - 1);
        const value = h >>> 5;
        if (value < sig[bin])
            sig[bin] = value;
    }
    for (let b = 0; b < text_scan_MINHASH_BINS; b++) {
        if (sig[b] !== EMPTY)
            continue;
        for (let k = 1; k < text_scan_MINHASH_BINS; k++) {
            const v = sig[(b + k) & (text_scan_MINHASH_BINS - 1)];
            if (v !== EMPTY) {
                sig[b] = (v + Math.imul(k, 0x61c88647)) >>> 5;
                break;
            }
        }
    }
}
/** cyrb53's finish: the two lanes into a 53-bit hash (as hash53 in hash-index.ts). */
function finish(h1, h2) {
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
const shared = new ScanState();
/** The MinHash signature of a text already normalised (normaliseText in hash-index.ts), or null when it is empty. */
function text_scan_signatureOfNormalised(normalised) {
    const words = scanText(normalised, shared, false);
    if (words === 0)
        return null;
    const sig = new Uint32Array(text_scan_MINHASH_BINS);
    signWords(shared.words, words, sig);
    return sig;
}
/** The LSH bucket key of one band of a signature: its LSH_ROWS bins mixed, 30 bits. */
function bandKey(sig, band) {
    let h = Math.imul(band + 1, 0x9e3779b1);
    for (let r = 0; r < LSH_ROWS; r++)
        h = Math.imul(h ^ sig[band * LSH_ROWS + r], 0x85ebca6b) ^ (h >>> 13);
    // 30 bits: a small integer, which a JavaScript Map hashes without allocating.
    return (h ^ (h >>> 15)) & 0x3fffffff;
}
/** Past this, a run of lines has its key marks counted by parseJsonLine instead (see keyMarksPerLine). */
const KEY_MARKS_MAX_BYTES = 256 * 1024;
/** keyMarksPerLine's counts, reused between runs (KEY_MARKS_MAX_BYTES bounds it). */
let lineCounts = new Int32Array(4096);
/** keyMarksPerLine's count for a line with whitespace between a quote and a colon: the exact scan must run. */
const KEY_GAP_MARK = -1;
/**
 * The number of '":' pairs in each line of a run of whole lines (UTF-8, each ending with '\n'), for
 * parseJsonLine's duplicate-key check; with `gaps`, KEY_GAP_MARK instead for a line where whitespace separates a
 * quote from a colon (so parseJsonLine need not search each line for one). Undefined for a run over
 * KEY_MARKS_MAX_BYTES (a long line), so that the counts never take more than a bounded array.
 */
function keyMarksPerLine(bytes, gaps = false) {
    if (bytes.length > KEY_MARKS_MAX_BYTES)
        return undefined;
    // At most one line per byte.
    if (lineCounts.length < bytes.length)
        lineCounts = new Int32Array(Math.max(bytes.length, 2 * lineCounts.length));
    const counts = lineCounts;
    let lines = 0;
    let count = 0;
    let gap = false;
    const last = bytes.length - 1;
    for (let i = 0; i <= last; i++) {
        const c = bytes[i];
        if (c === 10) {
            counts[lines++] = gap ? KEY_GAP_MARK : count;
            count = 0;
            gap = false;
        }
        else if (c === 34 && i < last) {
            const next = bytes[i + 1];
            if (next === 58)
                count++;
            else if (gaps && (next === 32 || next === 9 || next === 13)) {
                // A quote, whitespace, a colon: a key written as `"a" : 1` hides its pair (parseJsonLine's KEY_GAP).
                let j = i + 2;
                while (j <= last && (bytes[j] === 32 || bytes[j] === 9 || bytes[j] === 13))
                    j++;
                if (j <= last && bytes[j] === 58)
                    gap = true;
            }
        }
    }
    return counts.slice(0, lines);
}
/**
 * One pass over a text that yields everything the row checks need: the hash of its normalised form
 * (NFKC, lower case, whitespace collapsed — the same value as hash53(normaliseText(text))), its MinHash
 * signature over word 3-grams (the same as signature(normaliseText(text))), and which personal-data
 * patterns it can match (none: findPii(text) finds nothing and need not run). Fused because these were
 * several passes and the largest cost of validating a large dataset (`npm run bench -- text-scan` measures the
 * fused scan against those passes). ASCII text, the common case, is scanned as it is; other text after NFKC and
 * lower-casing.
 */
class TextScanner {
    /** cyrb53 of the normalised text. */
    hash = 0;
    /** MinHash signature of the normalised text (reused between calls; copy it to keep it). */
    signature = new Uint32Array(text_scan_MINHASH_BINS);
    hasSignature = false;
    /** The findPii families the text can match (0: findPii is certain to find nothing), with PII_NUMERIC_SEEN. */
    piiFamilies = 0;
    state = new ScanState();
    /** Scans a text; `withSignature` also computes the MinHash signature. */
    scan(text, withSignature) {
        const s = this.state;
        let count = scanText(text, s, true);
        if (count >= 0) {
            // On ASCII text the numeric family is exactly NUMERIC_HINT's match (six digits joined by single separators).
            this.piiFamilies = s.families & PII_NUMERIC ? s.families | PII_NUMERIC_SEEN : s.families;
        }
        else {
            // NFKC changes only non-ASCII text: such text is normalised here, then scanned; findPii uses its own
            // hints on it.
            count = scanText(text.normalize('NFKC').toLowerCase(), s, false);
            this.piiFamilies = PII_ANY;
        }
        this.hash = finish(s.h1, s.h2);
        this.hasSignature = false;
        // An empty text has no signature, as signature('') is null.
        if (!withSignature || count === 0)
            return;
        signWords(s.words, count, this.signature);
        this.hasSignature = true;
    }
}
/**
 * A near-duplicate index of MinHash signatures (banded LSH, as described in minhash.ts): the best indexed item
 * whose estimated Jaccard similarity reaches the threshold. Built once (the eval split's inputs), queried for
 * every train row. Its buckets are an open-addressing table in typed arrays (a bucket's entries chained through
 * `nexts`), not a Map of arrays: a query allocates nothing and the index takes a few arrays however large.
 */
class NearDuplicateIndex {
    items = [];
    /** MINHASH_BINS per item. */
    sigs;
    /** Per slot: the band key held (-1: free) and the first entry of its bucket. */
    keys;
    heads;
    /** Per entry (an item in one band's bucket): its item and the next entry of the bucket (-1: the last). */
    entryItems;
    nexts;
    /** Per item: the query that last compared it, so that an item found in several bands is compared once. */
    stamps;
    stamp = 0;
    mask;
    constructor(entries) {
        const n = entries.length;
        const links = n * LSH_BANDS;
        const slots = 1 << Math.ceil(Math.log2(Math.max(64, 2 * links)));
        this.mask = slots - 1;
        this.sigs = new Uint32Array(n * text_scan_MINHASH_BINS);
        this.keys = new Int32Array(slots).fill(-1);
        this.heads = new Int32Array(slots);
        this.entryItems = new Int32Array(links);
        this.nexts = new Int32Array(links);
        this.stamps = new Int32Array(n);
        const tails = new Int32Array(slots);
        let e = 0;
        entries.forEach(({ signature, item }, idx) => {
            this.items.push(item);
            this.sigs.set(signature.subarray(0, text_scan_MINHASH_BINS), idx * text_scan_MINHASH_BINS);
            for (let b = 0; b < LSH_BANDS; b++) {
                const key = bandKey(signature, b);
                const slot = this.slotOf(key);
                this.entryItems[e] = idx;
                this.nexts[e] = -1;
                if (this.keys[slot] === -1) {
                    this.keys[slot] = key;
                    this.heads[slot] = e;
                }
                else
                    this.nexts[tails[slot]] = e;
                tails[slot] = e;
                e++;
            }
        });
    }
    /** The slot of a band key: the one holding it, or the free one where it would go. */
    slotOf(key) {
        const keys = this.keys;
        let slot = Math.imul(key, 0x9e3779b1) & this.mask;
        while (keys[slot] !== -1 && keys[slot] !== key)
            slot = (slot + 1) & this.mask;
        return slot;
    }
    get size() {
        return this.items.length;
    }
    /**
     * The most similar indexed item with estimated Jaccard >= threshold, or undefined. Every item that shares a band
     * is compared bin by bin, once; of those with the most equal bins, the first found (by band, then bucket order).
     */
    query(sig, threshold) {
        if (this.items.length === 0)
            return undefined;
        const needed = Math.ceil(threshold * text_scan_MINHASH_BINS - 1e-9);
        const allowed = text_scan_MINHASH_BINS - needed;
        if (++this.stamp === 0x7fffffff) {
            this.stamps.fill(0);
            this.stamp = 1;
        }
        const { sigs, keys, heads, nexts, entryItems, stamps, stamp } = this;
        let best = -1;
        let bestSame = needed - 1;
        for (let b = 0; b < LSH_BANDS; b++) {
            const key = bandKey(sig, b);
            const slot = this.slotOf(key);
            if (keys[slot] !== key)
                continue;
            for (let e = heads[slot]; e !== -1; e = nexts[e]) {
                const idx = entryItems[e];
                if (stamps[idx] === stamp)
                    continue;
                stamps[idx] = stamp;
                // Stops at the first bin past the misses the threshold allows.
                const at = idx * text_scan_MINHASH_BINS;
                let misses = 0;
                for (let i = 0; i < text_scan_MINHASH_BINS && misses <= allowed; i++)
                    if (sig[i] !== sigs[at + i])
                        misses++;
                if (misses <= allowed && text_scan_MINHASH_BINS - misses > bestSame) {
                    bestSame = text_scan_MINHASH_BINS - misses;
                    best = idx;
                }
            }
        }
        return best < 0 ? undefined : { item: this.items[best], similarity: bestSame / text_scan_MINHASH_BINS };
    }
}

;// CONCATENATED MODULE: ./src/data/minhash.ts
/**
 * Near-duplicate detection by MinHash with one-permutation hashing (Li, Owen & Zhang 2012) and
 * banded LSH. Shingles are word 3-grams of the normalised text (the whole text when shorter).
 *
 * K = 32 bins, in B = 8 bands of R = 4 rows: a pair with Jaccard similarity s becomes a candidate with
 * probability 1 - (1 - s^4)^8 — 0.985 at s = 0.8, 0.44 at s = 0.5. Candidates are then kept only when
 * their estimated Jaccard similarity (the share of equal bins) reaches the threshold
 * (policy.near_duplicate_jaccard, 0.8 by default).
 *
 * The hashing itself is written once, in the text scanner (text-scan.ts): signature() and bandKey() here
 * run that same code on a normalised text, as the fused TextScanner does on raw text.
 */


/** The MinHash signature of a normalised text (normaliseText in hash-index.ts), or null when it is empty. */
function signature(normalised) {
    return signatureOfNormalised(normalised);
}
/** Estimated Jaccard similarity of two signatures: the share of equal bins. */
function estimatedJaccard(a, b) {
    let same = 0;
    for (let i = 0; i < MINHASH_BINS; i++)
        if (a[i] === b[i])
            same++;
    return same / MINHASH_BINS;
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: ./src/data/line-reader.ts




const BOM = [0xef, 0xbb, 0xbf];
/** Bytes of complete lines decoded into one string (see readLineBatches). */
const DECODE_BYTES = 48 * 1024;
/**
 * The lines of one chunk of a file. The chunk is decoded once, as one string; a line's event is made
 * only when iteration reaches it, so a consumer that handles each line at once keeps nothing alive
 * from one line to the next (which keeps the garbage collector's work small on large files).
 */
class LineBatch {
    parts;
    constructor(parts) {
        this.parts = parts;
    }
    *[Symbol.iterator]() {
        for (const part of this.parts) {
            if (!('text' in part && 'firstLine' in part)) {
                yield part;
                continue;
            }
            const { text, max, marks } = part;
            let line = part.firstLine;
            for (let pos = 0, k = 0; pos < text.length; line++, k++) {
                const nl = text.indexOf('\n', pos);
                let endOfLine = nl;
                if (endOfLine > pos && text.charCodeAt(endOfLine - 1) === 13)
                    endOfLine--;
                const lineText = text.slice(pos, endOfLine);
                pos = nl + 1;
                // A UTF-16 unit is at most 3 UTF-8 bytes (and a CR one more): only long lines need their bytes counted.
                const bytes = lineText.length * 3 + 1 <= max ? 0 : Buffer.byteLength(lineText) + (endOfLine < nl ? 1 : 0);
                if (bytes > max)
                    yield tooLong(line, bytes, max);
                else
                    yield marks
                        ? { kind: 'line', line, text: lineText, keyMarks: marks[k] }
                        : { kind: 'line', line, text: lineText };
            }
        }
    }
}
/**
 * Cuts a stream of chunks into lines, keeping state across chunks: the line begun in one chunk and ended in a
 * later one (its parts kept in a list, copied once when it ends), or the one being skipped past the cap.
 */
class LineSplitter {
    max;
    keyMarks;
    carry = [];
    carryBytes = 0;
    skipping = false;
    skippedBytes = 0;
    /** The number of the next line to end. */
    lineNo = 1;
    constructor(max, keyMarks = false) {
        this.max = max;
        this.keyMarks = keyMarks;
    }
    /** The lines a chunk completes, as decoded runs of whole lines and single line events. */
    split(buf) {
        const parts = [];
        let start = 0;
        // The line begun in an earlier chunk ends here (or goes on).
        if (this.skipping || this.carryBytes) {
            const nl = buf.indexOf(10);
            if (nl < 0) {
                this.keep(buf);
                return parts;
            }
            parts.push(this.endCarried(buf.subarray(0, nl)));
            start = nl + 1;
        }
        const last = buf.lastIndexOf(10);
        if (last >= start) {
            this.completeLines(buf.subarray(start, last + 1), parts);
            start = last + 1;
        }
        this.keep(buf.subarray(start));
        return parts;
    }
    /** The unfinished last line, at the end of the input. */
    finish() {
        if (this.skipping)
            return tooLong(this.lineNo, this.skippedBytes, this.max);
        if (this.carryBytes)
            return decodeLine(Buffer.concat(this.carry, this.carryBytes), this.lineNo);
        return undefined;
    }
    /** Lines in the input: the unfinished last one counts. */
    get lines() {
        return this.skipping || this.carryBytes ? this.lineNo : this.lineNo - 1;
    }
    /** Ends the carried (or skipped) line with `tail`, the bytes before its newline. */
    endCarried(tail) {
        let event;
        if (this.skipping)
            event = tooLong(this.lineNo, this.skippedBytes + tail.length, this.max);
        else {
            const size = this.carryBytes + tail.length;
            event =
                size > this.max
                    ? tooLong(this.lineNo, size, this.max)
                    : decodeLine(Buffer.concat([...this.carry, tail], size), this.lineNo);
        }
        this.skipping = false;
        this.skippedBytes = 0;
        this.carry = [];
        this.carryBytes = 0;
        this.lineNo++;
        return event;
    }
    /** A run of complete lines: decoded at once when valid UTF-8, line by line to locate an error. */
    completeLines(run, parts) {
        const max = this.max;
        // ASCII (the common case) decodes as Latin-1 to the same text, at about twice the speed.
        const ascii = (0,external_node_buffer_namespaceObject.isAscii)(run);
        if (ascii || (0,external_node_buffer_namespaceObject.isUtf8)(run)) {
            // Decoded in pieces of about DECODE_BYTES (whole lines): a string that small is born in the young
            // generation and dies there, where a larger one gets pages of its own, mapped and unmapped
            // each time (measured: 130,000 page faults, ~0.5 s, on a 550 MB file).
            for (let from = 0; from < run.length;) {
                const to = from + DECODE_BYTES >= run.length ? run.length : run.indexOf(10, from + DECODE_BYTES) + 1;
                const piece = run.subarray(from, to);
                const firstLine = this.lineNo;
                const marks = this.keyMarks ? keyMarksPerLine(piece, true) : undefined;
                if (marks)
                    this.lineNo += marks.length;
                else
                    for (let i = piece.indexOf(10); i >= 0; i = piece.indexOf(10, i + 1))
                        this.lineNo++;
                parts.push({ text: piece.toString(ascii ? 'latin1' : 'utf8'), firstLine, max, marks });
                from = to;
            }
            return;
        }
        for (let i = 0; i < run.length;) {
            const nl = run.indexOf(10, i);
            const piece = run.subarray(i, nl);
            parts.push(piece.length > max ? tooLong(this.lineNo, piece.length, max) : decodeLine(piece, this.lineNo));
            this.lineNo++;
            i = nl + 1;
        }
    }
    /** Bytes of a line that goes on into the next chunk: kept, or counted once past the cap. */
    keep(rest) {
        if (!rest.length)
            return;
        if (this.skipping) {
            this.skippedBytes += rest.length;
            return;
        }
        const size = this.carryBytes + rest.length;
        if (size > this.max) {
            // Past the cap: stop keeping the line, count it, and report it when its end arrives.
            this.skipping = true;
            this.skippedBytes = size;
            this.carry = [];
            this.carryBytes = 0;
            return;
        }
        // A copy: the read buffer is reused for a later chunk.
        this.carry.push(Buffer.from(rest));
        this.carryBytes = size;
    }
}
/**
 * Streams the lines of a file with bounded memory: a line over the cap is reported and skipped
 * (never buffered whole), a UTF-8 error names its line and column, a BOM and CRLF endings are accepted.
 * Hand-written rather than readline: readline has no line cap and decodes invalid bytes to U+FFFD silently.
 * Lines come in batches, one per chunk read, so a line costs no async step of its own; a chunk of valid
 * UTF-8 is checked and decoded in one call each.
 */
async function* readLineBatches(path, options) {
    const handle = await (0,promises_namespaceObject.open)(path, 'r');
    // At least 3 bytes, so the first chunk holds a whole BOM. 512 KiB by default: Node decodes a buffer of
    // about 1 MB or more to an external string, whose memory the garbage collector frees late; below that,
    // a chunk's text is an ordinary heap string (measured: 60 MB less memory on a worker thread).
    const chunkBytes = Math.max(3, options.chunkBytes ?? 1 << 19);
    let position = options.start ?? 0;
    const end = options.end ?? Infinity;
    const lines = new LineSplitter(options.maxLineBytes, options.keyMarks);
    let readTotal = 0;
    let first = position === 0;
    let pending;
    let buffers = [];
    try {
        // Two buffers: the next read runs in the background while the current chunk's lines are processed.
        buffers = [takeBuffer(chunkBytes), takeBuffer(chunkBytes)];
        let which = 0;
        const next = (buffer) => {
            const length = Math.max(0, Math.min(chunkBytes, end - position));
            const read = length === 0 ? Promise.resolve({ bytesRead: 0 }) : handle.read(buffer, 0, length, position);
            position += length;
            return read;
        };
        pending = next(buffers[0]);
        for (;;) {
            const { bytesRead } = await pending;
            if (bytesRead === 0)
                break;
            const chunk = buffers[which];
            which ^= 1;
            pending = next(buffers[which]);
            readTotal += bytesRead;
            options.onProgress?.(readTotal);
            let buf = chunk.subarray(0, bytesRead);
            if (first) {
                first = false;
                if (buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2])
                    buf = buf.subarray(3);
            }
            const parts = lines.split(buf);
            if (parts.length)
                yield new LineBatch(parts);
        }
        const last = lines.finish();
        if (last)
            yield new LineBatch([last]);
        options.onEnd?.(lines.lines);
    }
    finally {
        // A consumer that stops early leaves a read in flight; let it land before closing the file.
        await pending?.catch(() => undefined);
        await handle.close();
        for (const b of buffers)
            spareBuffers.push(b);
    }
}
/**
 * Read buffers kept for the next file or range. A worker thread checks dozens of ranges; fresh
 * buffers for each are off-heap memory that the garbage collector frees late (it counts a small heap,
 * not these), which cost a worker tens of megabytes.
 */
const spareBuffers = [];
function takeBuffer(bytes) {
    const i = spareBuffers.findIndex(b => b.length === bytes);
    if (i >= 0)
        return spareBuffers.splice(i, 1)[0];
    if (spareBuffers.length > 8)
        spareBuffers.length = 0;
    return Buffer.allocUnsafe(bytes);
}
function tooLong(line, bytes, max) {
    return {
        kind: 'error',
        line,
        column: 1,
        message: `line is ${bytes} bytes; expected at most ${max} bytes per line (policy.max_line_bytes in registry.yaml)`
    };
}
function decodeLine(bytes, line) {
    const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    const body = bytes.subarray(0, end);
    if (!(0,external_node_buffer_namespaceObject.isUtf8)(body)) {
        const offset = firstInvalidUtf8Offset(body);
        const { column } = bytePosition(body, Math.max(0, offset));
        return {
            kind: 'error',
            line,
            column,
            message: `invalid UTF-8 byte 0x${(body[offset] ?? 0).toString(16).padStart(2, '0')} at column ${column}; expected UTF-8 text`
        };
    }
    return { kind: 'line', line, text: body.toString('utf8') };
}

;// CONCATENATED MODULE: ./src/data/json-line.ts
/** Rows nested deeper than this are refused: every later step walks rows recursively. */
const MAX_NESTING = 512;
const TOO_DEEP = -2;
/** A quote, JSON whitespace, then a colon: a key written as `"a" : 1`, which makes no `":` pair. */
const KEY_GAP = /"[ \t\r\n]+:/;
/**
 * Parses one JSON line and refuses what JSON.parse lets through: duplicate keys (the last one would
 * silently win) and prototype keys. The slow exact scan runs only when a quick count cannot rule
 * duplicates out, so clean data pays little for it. `keyMarks`, when the caller has it, is that count
 * (the '":' pairs in the text: the line reader counts them on the bytes, in one pass per run of lines), or
 * KEY_GAP_MARK where whitespace separates a quote from a colon (see keyMarksPerLine).
 */
function parseJsonLine(text, keyMarks) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const m = /position (\d+)/.exec(message);
        const offset = m ? Number(m[1]) : jsonErrorOffset(text);
        const reason = message
            .replace(/ in JSON at position \d+.*$/s, '')
            .replace(/, ".*" is not valid JSON$/s, '')
            .replace(/^Unexpected/, 'unexpected');
        return { ok: false, column: offset + 1, message: `invalid JSON: ${reason} at column ${offset + 1}` };
    }
    const keys = value !== null && typeof value === 'object' ? countKeys(value, 0) : 0;
    if (keys === TOO_DEEP)
        return {
            ok: false,
            column: 1,
            message: `the row nests more than ${MAX_NESTING} levels deep; expected a flat example`
        };
    if (keys < 0)
        return {
            ok: false,
            column: 1,
            message: "a key '__proto__', 'constructor' or 'prototype' is not allowed in a row; rename it"
        };
    // Every key is a string followed by a colon. Without whitespace between a quote and a colon, every key in
    // the text makes one '":' pair, so pairs = keys in the text + pairs inside values ≥ the keys JSON.parse
    // kept, equal only when no key repeats. With such a gap (it hides a key's pair, and could offset a repeated
    // key) or a different count, scan exactly.
    // keyMarks from the line reader is KEY_GAP_MARK (never a count) where such a gap is in the line.
    const exact = keyMarks === undefined ? keyMarkCount(text) !== keys || KEY_GAP.test(text) : keyMarks !== keys;
    if (keys > 0 && exact) {
        const dup = findDuplicateKey(text);
        if (dup)
            return {
                ok: false,
                column: dup.column,
                message: `duplicate key '${dup.key}'; expected each key once per object (JSON.parse would keep only the last)`
            };
    }
    // A lone surrogate can only come from a \u escape (the text itself is strict UTF-8).
    if (text.includes('\\u')) {
        const at = loneSurrogateOffset(text);
        if (at >= 0)
            return {
                ok: false,
                column: at + 1,
                message: `lone surrogate '${text.slice(at, at + 6)}' at column ${at + 1}; expected well-formed Unicode text (strict UTF-8)`
            };
    }
    return { ok: true, value };
}
/**
 * Offset of the first \u escape of a surrogate that is not half of a pair, or -1. Hand-written: JSON.parse
 * accepts them silently and String.prototype.isWellFormed does not say where.
 */
function loneSurrogateOffset(text) {
    const hex = (i) => {
        if (text.charCodeAt(i) !== 92 || text.charCodeAt(i + 1) !== 117)
            return -1;
        const v = Number.parseInt(text.slice(i + 2, i + 6), 16);
        return Number.isNaN(v) ? -1 : v;
    };
    for (let i = text.indexOf('\\'); i >= 0 && i < text.length; i = text.indexOf('\\', i)) {
        if (text.charCodeAt(i + 1) !== 117) {
            i += 2; // any other escape, \\ included
            continue;
        }
        const v = hex(i);
        if (v >= 0xd800 && v <= 0xdbff) {
            const low = hex(i + 6);
            if (low < 0xdc00 || low > 0xdfff)
                return i;
            i += 12;
        }
        else if (v >= 0xdc00 && v <= 0xdfff)
            return i;
        else
            i += 6;
    }
    return -1;
}
/** Total keys in all objects of a value; -1 when a forbidden key is present, TOO_DEEP past MAX_NESTING. */
function countKeys(value, depth) {
    if (depth >= MAX_NESTING)
        return TOO_DEEP;
    let n = 0;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const v = value[i];
            if (v === null || typeof v !== 'object')
                continue;
            const k = countKeys(v, depth + 1);
            if (k < 0)
                return k;
            n += k;
        }
        return n;
    }
    // JSON.parse makes "__proto__" an own property; for-in sees it (and walks without allocating a key list).
    for (const key in value) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype')
            return -1;
        n++;
        const v = value[key];
        if (v === null || typeof v !== 'object')
            continue;
        const k = countKeys(v, depth + 1);
        if (k < 0)
            return k;
        n += k;
    }
    return n;
}
function keyMarkCount(text) {
    let n = 0;
    for (let i = text.indexOf('":'); i >= 0; i = text.indexOf('":', i + 2))
        n++;
    return n;
}
/** Exact scan of a valid JSON text for a key repeated within one object. */
function findDuplicateKey(text) {
    const stack = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 34) {
            const start = i;
            i++;
            while (i < n) {
                const d = text.charCodeAt(i);
                if (d === 92)
                    i += 2;
                else if (d === 34)
                    break;
                else
                    i++;
            }
            const end = i;
            i++;
            let j = i;
            while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9))
                j++;
            const top = stack[stack.length - 1];
            if (top && text.charCodeAt(j) === 58) {
                const key = JSON.parse(text.slice(start, end + 1));
                if (top.has(key))
                    return { key, column: start + 1 };
                top.add(key);
            }
            continue;
        }
        if (c === 123)
            stack.push(new Set());
        else if (c === 91)
            stack.push(null);
        else if (c === 125 || c === 93)
            stack.pop();
        i++;
    }
    return null;
}
/**
 * Offset of the first syntax error in a JSON text. Runs only after JSON.parse failed, because some
 * Node versions' messages carry no position; a small recursive-descent scan, no values built.
 */
function jsonErrorOffset(text) {
    let i = 0;
    const ws = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i]))
            i++;
    };
    const fail = () => {
        throw i;
    };
    const literal = (word) => {
        if (text.startsWith(word, i))
            i += word.length;
        else
            fail();
    };
    const string = () => {
        i++;
        while (i < text.length) {
            const c = text.charCodeAt(i);
            if (c === 34) {
                i++;
                return;
            }
            if (c < 32)
                fail();
            if (c === 92) {
                const e = text[i + 1];
                if (e === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
                        i += 2;
                        fail();
                    }
                    i += 6;
                }
                else if (e !== undefined && '"\\/bfnrt'.includes(e))
                    i += 2;
                else {
                    i++;
                    fail();
                }
            }
            else
                i++;
        }
        fail();
    };
    const number = () => {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (!m || m[0] === '' || m[0] === '-')
            fail();
        i += m[0].length;
    };
    const value = () => {
        ws();
        const c = text[i];
        if (c === '{') {
            i++;
            ws();
            if (text[i] === '}') {
                i++;
                return;
            }
            for (;;) {
                ws();
                if (text[i] !== '"')
                    fail();
                string();
                ws();
                if (text[i] !== ':')
                    fail();
                i++;
                value();
                ws();
                if (text[i] === ',')
                    i++;
                else if (text[i] === '}') {
                    i++;
                    return;
                }
                else
                    fail();
            }
        }
        else if (c === '[') {
            i++;
            ws();
            if (text[i] === ']') {
                i++;
                return;
            }
            for (;;) {
                value();
                ws();
                if (text[i] === ',')
                    i++;
                else if (text[i] === ']') {
                    i++;
                    return;
                }
                else
                    fail();
            }
        }
        else if (c === '"')
            string();
        else if (c === 't')
            literal('true');
        else if (c === 'f')
            literal('false');
        else if (c === 'n')
            literal('null');
        else if (c === '-' || (c !== undefined && c >= '0' && c <= '9'))
            number();
        else
            fail();
    };
    try {
        value();
        ws();
        if (i < text.length)
            fail();
        return 0;
    }
    catch (at) {
        return typeof at === 'number' ? Math.min(at, text.length) : 0;
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: ./src/registry/lfs.ts









/**
 * Git LFS pointer files (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): a pointer is
 * under 1,024 bytes of `key value` lines, `version https://git-lfs.github.com/spec/v1` first, then
 * `oid sha256:<64 hex>` and `size <bytes>` (and optional `ext-…` lines). The oid is the sha256 of the
 * file's content, so a pointer tells the content's digest without the content.
 */
const LFS_POINTER_MAX_BYTES = 1024;
const VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';
/** How long one git-lfs command may take (an object of gigabytes downloaded on a slow runner). */
const LFS_TIMEOUT_MS = (/* unused pure expression or super */ null && (60 * 60 * 1000));
/** The pointer a file's bytes spell, or undefined when they are not one (hand-written: no library parses it). */
function parseLfsPointer(bytes) {
    const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
    if (text.length >= LFS_POINTER_MAX_BYTES || !text.startsWith(`${VERSION_LINE}\n`))
        return undefined;
    let oid;
    let size;
    for (const line of text.split('\n').slice(1)) {
        if (line === '')
            continue;
        const m = /^([a-z0-9.-]+) (.+)$/.exec(line);
        if (!m)
            return undefined;
        if (m[1] === 'oid')
            oid = /^sha256:([0-9a-f]{64})$/.exec(m[2])?.[1];
        else if (m[1] === 'size')
            size = /^\d{1,15}$/.test(m[2]) ? Number(m[2]) : undefined;
    }
    return oid !== undefined && size !== undefined ? { oid, size } : undefined;
}
/**
 * The pointer a file on disk holds, reading at most its first kilobyte; undefined for any other file. `known`:
 * the file's stat where the caller has it (a file over a kilobyte is then answered without a call).
 */
async function readLfsPointer(file, known) {
    const info = known ?? (await (0,promises_namespaceObject.stat)(file).catch(() => undefined));
    if (!info?.isFile() || info.size >= LFS_POINTER_MAX_BYTES || info.size < VERSION_LINE.length)
        return undefined;
    const handle = await (0,promises_namespaceObject.open)(file, 'r');
    try {
        const buffer = Buffer.alloc(info.size);
        const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
        return parseLfsPointer(buffer.subarray(0, bytesRead));
    }
    finally {
        await handle.close();
    }
}
/** The message for a data file read as a pointer: what it is and how to get the data. */
function lfsPointerMessage(display, pointer) {
    return (`${display} is a Git LFS pointer (object sha256:${pointer.oid.slice(0, 12)}…, ${pointer.size.toLocaleString('en-US')} bytes), ` +
        "not the data: the repository was checked out without its LFS objects. Set the Tunegate workflow's 'lfs' input " +
        "to true (checkout with LFS), or run 'git lfs pull' in the checkout.");
}
/** A data file that is an LFS pointer where its content was expected. */
class LfsPointerError extends errors_ConfigurationError {
    file;
    pointer;
    constructor(file, pointer) {
        super(lfsPointerMessage(file, pointer));
        this.file = file;
        this.pointer = pointer;
        this.name = 'LfsPointerError';
    }
}
/** Throws LfsPointerError when the file is an LFS pointer rather than data. */
async function assertNotLfsPointer(file, display = file) {
    const pointer = await readLfsPointer(file);
    if (pointer)
        throw new LfsPointerError(display, pointer);
}
/** Runs git-lfs with stdin from a file or text and stdout to a file; rejects with what it said. */
function gitLfs(repo, args, io) {
    return new Promise((resolve, reject) => {
        const child = spawn('git', ['lfs', ...args], {
            cwd: repo,
            stdio: ['pipe', 'pipe', 'pipe'],
            timeout: LFS_TIMEOUT_MS,
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_LFS_SKIP_SMUDGE: '0' }
        });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (s) => {
            if (stderr.length < 4096)
                stderr += s;
        });
        const written = pipeline(child.stdout, createWriteStream(io.output));
        const fed = typeof io.input === 'string'
            ? new Promise(r => child.stdin.end(io.input, () => r()))
            : pipeline(createReadStream(io.input.file), child.stdin);
        const exited = new Promise((r, j) => {
            child.on('error', j);
            child.on('close', code => r(code));
        });
        Promise.all([exited, written, fed.catch(() => undefined)]).then(([code]) => {
            if (code === 0)
                resolve();
            else
                reject(new Error(gitLfsSaid(stderr) || `git lfs ${args[0]} exited with ${code ?? 'a signal'}`));
        }, reject);
    });
}
/** What git-lfs said on failure, as one line: its progress and log-file hints left out. */
function gitLfsSaid(stderr) {
    return stderr
        .split('\n')
        .map(line => line.trim())
        .filter(line => line && !/^(Downloading |Errors logged to|Use `git lfs logs last`)/.test(line))
        .join('; ')
        .slice(0, 1000);
}
/** Whether git-lfs is installed (`git lfs version` answers). */
async function hasGitLfs(repo) {
    return new Promise(resolve => {
        const child = spawn('git', ['lfs', 'version'], { cwd: repo, stdio: 'ignore', timeout: 30_000 });
        child.on('error', () => resolve(false));
        child.on('close', code => resolve(code === 0));
    });
}
/**
 * Writes the content of a pointer's object to `destination` through git-lfs (from the local object
 * store, or downloaded from the repository's LFS remote), checked against the pointer's size and sha256.
 */
async function smudgeLfsObject(repo, pointer, destination, display) {
    const fail = (why) => new ConfigurationError(`${display} is a Git LFS pointer (object sha256:${pointer.oid.slice(0, 12)}…) whose data could not be read: ${why}. ` +
        "Expected git-lfs installed and the object in the checkout or on the LFS remote (the Tunegate workflow's 'lfs' input, or 'git lfs fetch').");
    if (!(await hasGitLfs(repo)))
        throw fail('git-lfs is not installed');
    const partial = `${destination}.partial`;
    try {
        await gitLfs(repo, ['smudge', '--', display], {
            input: pointerText(pointer),
            output: partial
        });
        const got = await digestAndSize(partial);
        if (got.size !== pointer.size || got.sha256 !== pointer.oid)
            throw new Error(`git-lfs gave ${got.size} bytes with sha256 ${got.sha256}, not the pointer's object`);
        await rename(partial, destination);
    }
    catch (e) {
        await rm(partial, { force: true });
        throw e instanceof ConfigurationError ? e : fail(e instanceof Error ? e.message : String(e));
    }
}
/**
 * Stores a file's content as an LFS object in the repository's local object store (git-lfs clean)
 * and returns the pointer text to commit in its place.
 */
async function cleanToLfsObject(repo, source, display, pointerFile) {
    if (!(await hasGitLfs(repo)))
        throw new ConfigurationError(`${display} is tracked by Git LFS, and git-lfs is not installed: refusing to write it as a plain file. Install git-lfs (apt-get install git-lfs).`);
    await gitLfs(repo, ['clean', '--', display], { input: { file: source }, output: pointerFile });
    const pointer = await readLfsPointer(pointerFile);
    if (!pointer)
        throw new Error(`git lfs clean of ${display} did not give a pointer`);
    const handle = await open(pointerFile, 'r');
    try {
        return { text: (await handle.readFile()).toString('utf8'), pointer };
    }
    finally {
        await handle.close();
    }
}
async function digestAndSize(file) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        size += chunk.length;
        hash.update(chunk);
    }
    return { sha256: hash.digest('hex'), size };
}
/**
 * Appends the lines of `addition` that the object does not already hold to an LFS-tracked file (`original`:
 * its pointer text as committed), as a new
 * LFS object: the current object is fetched in full and checked against its pointer first (so nothing
 * is written from a partial read), and the result is stored with git-lfs clean. Refuses without git-lfs.
 */
async function appendToLfsObject(repo, original, addition, display) {
    const current = parseLfsPointer(original);
    if (!current)
        throw new Error(`appendToLfsObject: ${display} is not an LFS pointer`);
    if (!(await hasGitLfs(repo)))
        throw new ConfigurationError(`${display} is tracked by Git LFS, and git-lfs is not installed: refusing to append to its pointer. Install git-lfs (apt-get install git-lfs).`);
    const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-lfs-append-'));
    try {
        const content = path.join(dir, 'content');
        await smudgeLfsObject(repo, current, content, display);
        // The lines to add, less those the file holds (the same rule as appendNewLines, streamed: the file can be gigabytes).
        const fresh = new Set(addition.split('\n').filter(line => line !== ''));
        let lastByte = 0x0a;
        for await (const line of createInterface({ input: createReadStream(content), crlfDelay: Infinity }))
            fresh.delete(line);
        if (!fresh.size)
            return { text: original, pointer: current, changed: false };
        if (current.size > 0) {
            const handle = await open(content, 'r');
            try {
                const one = Buffer.alloc(1);
                await handle.read(one, 0, 1, current.size - 1);
                lastByte = one[0];
            }
            finally {
                await handle.close();
            }
        }
        await appendFile(content, `${lastByte === 0x0a ? '' : '\n'}${[...fresh].join('\n')}\n`);
        const stored = await cleanToLfsObject(repo, content, display, path.join(dir, 'pointer'));
        return { ...stored, changed: true };
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
}
/** The canonical pointer text of an object (the form git-lfs writes). */
function pointerText(pointer) {
    return `${VERSION_LINE}\noid sha256:${pointer.oid}\nsize ${pointer.size}\n`;
}
/** Uploads a local LFS object to a remote's LFS store (git lfs push --object-id), for a commit made through an API. */
async function pushLfsObject(repo, remote, pointer, display) {
    if (!(await hasGitLfs(repo)))
        throw new ConfigurationError(`${display} is tracked by Git LFS, and git-lfs is not installed; cannot upload it.`);
    const devNull = process.platform === 'win32' ? 'NUL' : '/dev/null';
    try {
        await gitLfs(repo, ['push', '--object-id', remote, pointer.oid], { input: '', output: devNull });
    }
    catch (e) {
        throw new ConfigurationError(`Cannot upload the LFS object of ${display} (sha256:${pointer.oid.slice(0, 12)}…) to '${remote}': ${e instanceof Error ? e.message : String(e)}. Expected a checkout with push credentials (actions/checkout's default).`);
    }
}

;// CONCATENATED MODULE: ./src/data/readers.ts





/** The file kind by extension; anything else is refused by the caller. */
function fileKind(path) {
    const lower = path.toLowerCase();
    if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson'))
        return 'jsonl';
    if (lower.endsWith('.csv'))
        return 'csv';
    if (lower.endsWith('.parquet'))
        return 'parquet';
    return undefined;
}
/** Streams the rows of a JSONL, CSV or Parquet file. Line numbers are 1-based (Parquet: row numbers). */
async function* readRows(path, options) {
    for await (const batch of readRowBatches(path, options))
        yield* batch;
}
/**
 * readRows in batches (a chunk of a JSONL file at a time), for loops where every row counts.
 * A Git LFS pointer where the data should be throws LfsPointerError, naming the file and how to get the data.
 */
async function* readRowBatches(path, options) {
    if (!options.start)
        await assertNotLfsPointer(path, options.display);
    const kind = fileKind(path);
    if (kind === 'jsonl') {
        for await (const lines of readLineBatches(path, { ...options, keyMarks: true }))
            yield jsonlRows(lines);
        return;
    }
    const single = kind === 'csv' ? readCsv(path, options) : kind === 'parquet' ? readParquet(path, options) : undefined;
    if (!single) {
        yield [{ kind: 'error', line: 1, column: 1, message: 'unknown data file type; expected .jsonl, .csv or .parquet' }];
        return;
    }
    let batch = [];
    for await (const ev of single) {
        batch.push(ev);
        if (batch.length === 1024) {
            yield batch;
            batch = [];
        }
    }
    if (batch.length)
        yield batch;
}
/** The rows of a batch of lines, each parsed only when reached (so a parsed row dies young). */
function* jsonlRows(lines) {
    for (const ev of lines) {
        const row = jsonlRow(ev);
        if (row)
            yield row;
    }
}
function isBlank(text) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 11 && c !== 12 && c !== 0xfeff && c !== 0xa0)
            return text.trim() === '';
    }
    return true;
}
function jsonlRow(ev) {
    if (ev.kind === 'error')
        return ev;
    if (isBlank(ev.text))
        return undefined;
    const parsed = parseJsonLine(ev.text, ev.keyMarks);
    if (!parsed.ok)
        return { kind: 'error', line: ev.line, column: parsed.column, message: parsed.message };
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
        return {
            kind: 'error',
            line: ev.line,
            column: 1,
            message: `expected a JSON object per line, got ${Array.isArray(parsed.value) ? 'an array' : parsed.value === null ? 'null' : typeof parsed.value}`
        };
    }
    return { kind: 'row', line: ev.line, value: parsed.value, chars: ev.text.length };
}
async function* readCsv(path, options) {
    // The CSV and Parquet libraries load with the first such file: a thread checking JSONL starts without them.
    const { parse: parseCsv } = await __nccwpck_require__.e(/* import() */ 70).then(__nccwpck_require__.bind(__nccwpck_require__, 6070));
    let read = 0;
    let lines = 1;
    let utf8Error;
    const strict = new TextDecoder('utf-8', { fatal: true });
    const source = (0,external_node_fs_namespaceObject.createReadStream)(path);
    source.on('data', (c) => {
        const bytes = typeof c === 'string' ? Buffer.from(c) : c;
        read += bytes.length;
        options.onProgress?.(read);
        if (utf8Error)
            return;
        try {
            strict.decode(bytes, { stream: true });
        }
        catch {
            utf8Error = 'invalid UTF-8 in the file; expected UTF-8 text';
        }
    });
    const parser = source.pipe(parseCsv({
        // The header is checked before any record is built, so a column can never set a prototype.
        columns: (header) => {
            const bad = header.find(h => h === '__proto__' || h === 'constructor' || h === 'prototype');
            if (bad)
                throw new Error(`column '${bad}' is not allowed; rename it`);
            return header;
        },
        bom: true,
        info: true,
        max_record_size: options.maxLineBytes,
        relax_column_count: false,
        skip_empty_lines: true
    }));
    try {
        for await (const rec of parser) {
            lines = rec.info.lines;
            if (utf8Error) {
                yield { kind: 'error', line: lines, column: 1, message: utf8Error };
                return;
            }
            yield { kind: 'row', line: lines, value: rec.record };
        }
        if (utf8Error)
            yield { kind: 'error', line: lines, column: 1, message: utf8Error };
    }
    catch (e) {
        const err = e;
        yield { kind: 'error', line: err.lines ?? lines, column: 1, message: `invalid CSV: ${err.message ?? String(e)}` };
    }
    finally {
        source.destroy();
    }
}
const PARQUET_MAGIC = 'PAR1';
async function* readParquet(path, options) {
    // Check the magic bytes first so a file that is not Parquet gets a plain answer, not a decoder's error.
    const handle = await (0,promises_namespaceObject.open)(path, 'r');
    let head = '';
    let tail = '';
    let size = 0;
    try {
        size = (await handle.stat()).size;
        const b = Buffer.alloc(4);
        if (size >= 8) {
            await handle.read(b, 0, 4, 0);
            head = b.toString('latin1');
            await handle.read(b, 0, 4, size - 4);
            tail = b.toString('latin1');
        }
    }
    finally {
        await handle.close();
    }
    if (head !== PARQUET_MAGIC || tail !== PARQUET_MAGIC) {
        yield {
            kind: 'error',
            line: 1,
            column: 1,
            message: `not a Parquet file (no PAR1 magic bytes at both ends); expected a Parquet file or rename it`
        };
        return;
    }
    try {
        const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await __nccwpck_require__.e(/* import() */ 972).then(__nccwpck_require__.bind(__nccwpck_require__, 6972));
        const file = await asyncBufferFromFile(path);
        const metadata = await parquetMetadataAsync(file);
        let rowStart = 0;
        // One row group at a time, so memory stays bounded by the largest group, not the file.
        for (const group of metadata.row_groups) {
            const rowEnd = rowStart + Number(group.num_rows);
            const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
            for (const [i, value] of rows.entries())
                yield { kind: 'row', line: rowStart + i + 1, value: normaliseParquet(value) };
            options.onProgress?.(Math.round((rowEnd / Math.max(1, Number(metadata.num_rows))) * size));
            rowStart = rowEnd;
        }
    }
    catch (e) {
        yield {
            kind: 'error',
            line: 1,
            column: 1,
            message: `cannot read Parquet: ${e instanceof Error ? e.message : String(e)}`
        };
    }
}
/** Parquet gives BigInt for int64 columns; rows are JSON-shaped everywhere else. */
function normaliseParquet(row) {
    const out = {};
    for (const [k, v] of Object.entries(row))
        out[k] = typeof v === 'bigint' ? Number(v) : v;
    return out;
}

;// CONCATENATED MODULE: ./src/data/tokens.ts




/** The estimate of approximateCounter from a text's length alone (the template sandbox sends only lengths). */
const approximateTokens = (length) => Math.ceil(length / 4);
/** About four characters per token for English text with BPE tokenizers: an estimate, said as such. */
const approximateCounter = {
    exact: false,
    method: '≈ 4 characters per token (no tokenizer.json in the registry)',
    count: text => approximateTokens(text.length)
};
/** The largest tokenizer.json read (the largest real ones, of models with 256,000-token vocabularies, are ~35 MB). */
const MAX_TOKENIZER_BYTES = 64 * 2 ** 20;
/** A counter from a tokenizer.json (and tokenizer_config.json beside it, when present). */
async function tokenizerCounter(tokenizerJsonPath) {
    await assertNotLfsPointer(tokenizerJsonPath);
    // Read whole (and parsed) in every thread that counts tokens: a pull request's file is bounded first.
    const size = (await (0,promises_namespaceObject.stat)(tokenizerJsonPath).catch(() => undefined))?.size ?? 0;
    if (size > MAX_TOKENIZER_BYTES)
        throw new errors_ConfigurationError(`${tokenizerJsonPath}: ${size.toLocaleString('en-US')} bytes, past the ${MAX_TOKENIZER_BYTES / 2 ** 20} MiB a tokenizer.json may have; expected the tokenizer.json of the base model`);
    let json;
    try {
        json = JSON.parse(await (0,promises_namespaceObject.readFile)(tokenizerJsonPath, 'utf8'));
    }
    catch (e) {
        throw new errors_ConfigurationError(`${tokenizerJsonPath}: not a readable tokenizer.json (${e instanceof Error ? e.message : String(e)}); expected the tokenizer.json of the base model`);
    }
    let config = {};
    try {
        config = JSON.parse(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(external_node_path_default().dirname(tokenizerJsonPath), 'tokenizer_config.json'), 'utf8'));
    }
    catch {
        config = {};
    }
    let tokenizer;
    try {
        // Loaded when a model has a tokenizer: a data-checking thread without one starts without the library.
        const { Tokenizer } = await __nccwpck_require__.e(/* import() */ 554).then(__nccwpck_require__.bind(__nccwpck_require__, 7554));
        tokenizer = new Tokenizer(json, config);
    }
    catch (e) {
        throw new errors_ConfigurationError(`${tokenizerJsonPath}: not a tokenizer the tokenizers library can load (${e instanceof Error ? e.message : String(e)})`);
    }
    return {
        exact: true,
        method: `exact, ${external_node_path_default().basename(tokenizerJsonPath)}`,
        count: text => tokenizer.encode(text, { add_special_tokens: false }).ids.length
    };
}
/**
 * Streaming length statistics in bounded memory: exact count, mean and max; percentiles from a
 * fixed-size reservoir sample (Vitter's algorithm R) with a seeded generator, so reports repeat.
 */
class LengthStats {
    capacity;
    reservoir = [];
    n = 0;
    sum = 0;
    maxValue = 0;
    state = 0x9e3779b9;
    constructor(capacity = 20_000) {
        this.capacity = capacity;
    }
    add(value) {
        this.n++;
        this.sum += value;
        if (value > this.maxValue)
            this.maxValue = value;
        if (this.reservoir.length < this.capacity)
            this.reservoir.push(value);
        else {
            const j = Math.floor(this.random() * this.n);
            if (j < this.capacity)
                this.reservoir[j] = value;
        }
    }
    random() {
        // xorshift32
        let x = this.state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.state = x >>> 0;
        return this.state / 4294967296;
    }
    summary() {
        // A typed array sorts numerically without a comparator call per pair (one summary per split and model).
        const sorted = Float64Array.from(this.reservoir).sort();
        const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
        return { count: this.n, mean: this.n ? this.sum / this.n : 0, p50: q(0.5), p95: q(0.95), max: this.maxValue };
    }
}

;// CONCATENATED MODULE: ./src/data/row-checks.ts









/**
 * Rows rendered through the prompt: the first RENDER_FIRST of a file (RENDER_FIRST_LATER of each later
 * range of a large file), then every RENDER_EVERY-th.
 */
const RENDER_FIRST = 500;
const RENDER_FIRST_LATER = 20;
const RENDER_EVERY = 1000;
/**
 * Sampled rows sent to the template sandbox at once: at most RENDER_BATCH rows, and a batch is sent as soon as its
 * rows hold max_line_bytes characters. Each batch is a message there and back; at 32 rows a registry-wide change
 * over 1,000 small models sent 22,000 of them, and the main thread spent more time in the channel than in the checks.
 */
const RENDER_BATCH = 256;
/** The rows waiting for the sandbox may hold this many lines at the line cap before the row checks wait for it. */
const RENDER_WAITING_LINES = 32;
/** Ids starting with this are the injection probes' (appended to the eval file): a data row may not use it. */
const PROBE_ID_PREFIX = 'probe:';
/** Problems a range keeps in full; past this they are counted. */
const MAX_RANGE_PROBLEMS = 1000;
class Growable {
    data;
    make;
    length = 0;
    constructor(data, make) {
        this.data = data;
        this.make = make;
    }
    push(v) {
        if (this.length === this.data.length) {
            const bigger = this.make(this.data.length * 2);
            bigger.set(this.data);
            this.data = bigger;
        }
        this.data[this.length++] = v;
    }
    result() {
        return this.data.slice(0, this.length);
    }
}
const counters = new Map();
/** One tokenizer per thread, however many ranges it checks. */
function counterFor(tokenizerPath) {
    if (!tokenizerPath)
        return Promise.resolve(approximateCounter);
    let c = counters.get(tokenizerPath);
    if (!c)
        counters.set(tokenizerPath, (c = tokenizerCounter(tokenizerPath)));
    return c;
}
let remoteRenderer;
/**
 * Makes this thread's renders go elsewhere: a worker thread sends them to the main thread's sandbox (see
 * RangeWorkers), so that one sandbox process serves every thread instead of one starting per thread.
 */
function renderRemotely(make) {
    remoteRenderer = make;
}
/** Template sandboxes kept per thread: more than the models checked at once, so none is ended while in use. */
const MAX_SANDBOXES = 8;
/** The sandboxes by key, least recently used first. */
const sandboxes = new Map();
/**
 * One template sandbox per template (and thread, unless renders go to the main thread), started on first use.
 * At most MAX_SANDBOXES are kept: a registry-wide change meets a template per model, and each sandbox is a
 * process; the least recently used is released (its process ends once its batches are done).
 */
function row_checks_sandboxFor(key) {
    const id = `${key.where}\0${key.maxLineBytes}\0${key.template}`;
    let s = sandboxes.get(id);
    if (s)
        sandboxes.delete(id);
    else
        s = remoteRenderer
            ? remoteRenderer(key)
            : new TemplateSandbox(key.template, defaultTemplateLimits(key.maxLineBytes), key.where);
    sandboxes.set(id, s);
    for (const [old, sandbox] of sandboxes) {
        if (sandboxes.size <= MAX_SANDBOXES)
            break;
        sandboxes.delete(old);
        sandbox.release?.();
    }
    return s;
}
let lookupCache;
function evalLookup(index) {
    if (lookupCache?.index === index)
        return lookupCache;
    const exact = new HashIndex(index.inputHashes.length);
    const signed = [];
    for (let i = 0; i < index.inputHashes.length; i++) {
        exact.setIfAbsent(index.inputHashes[i], i);
        const sig = index.signatures.subarray(i * text_scan_MINHASH_BINS, (i + 1) * text_scan_MINHASH_BINS);
        if (sig[0] !== 0xffffffff || sig[1] !== 0xffffffff)
            signed.push({ signature: sig, item: i });
    }
    const near = new NearDuplicateIndex(signed);
    lookupCache = { index, exact, near };
    return lookupCache;
}
/**
 * The growing arrays of a range's per-row results, kept for the thread's next range: a worker checks
 * dozens of ranges, and growing fresh arrays for each (the results are copied out) cost memory and time.
 */
const newScratch = () => ({
    rowLines: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    idHashes: new Growable(new Float64Array(1024), n => new Float64Array(n)),
    dupKeys: new Growable(new Float64Array(1024), n => new Float64Array(n)),
    tokenLengths: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    inputHashes: new Growable(new Float64Array(1024), n => new Float64Array(n)),
    signatures: new Growable(new Uint32Array(1024 * text_scan_MINHASH_BINS), n => new Uint32Array(n)),
    contextLines: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    contextTokens: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    contextPromptTokens: new Growable(new Int32Array(1024), n => new Int32Array(n))
});
const spareScratch = [];
/** Checks a range; `evalIndex`, for train ranges, is the eval split's inputs to check leakage against. */
async function checkRange(task, evalIndex) {
    const scratch = spareScratch.pop() ?? newScratch();
    try {
        return await checkRangeWith(task, evalIndex, scratch);
    }
    finally {
        spareScratch.push(scratch);
    }
}
/**
 * A range's check in order: each row as it is read (its format, leakage, PII, tokens and prompt variables, and a
 * sample sent to the template sandbox), then, once the renders are back, the rows over the context window.
 */
async function checkRangeWith(task, evalIndex, scratch) {
    const check = new RangeCheck(task, evalIndex, scratch, await counterFor(task.tokenizerPath));
    for await (const batch of readRowBatches(task.file, {
        maxLineBytes: task.maxLineBytes,
        start: task.start,
        end: task.end,
        onEnd: n => (check.lines = n)
    }))
        for (const ev of batch) {
            const wait = check.row(ev);
            if (wait)
                await wait;
        }
    await check.renders.done();
    check.checkContextWindow();
    return check.result();
}
/**
 * A range's problems, kept up to MAX_RANGE_PROBLEMS and counted past it. Problems known only after their row has
 * gone by — render failures (the sandbox answers while later rows are checked) and rows over the context window
 * (known once the range's renders have measured the template's overhead) — go to lists of their own, each in line
 * order and capped alike; `merged` sorts all three by line, so the problems kept are the first ones, as if each
 * had been reported at its row.
 */
class RangeProblems {
    display;
    problems = [];
    renderProblems = [];
    contextProblems = [];
    counts = { errors: 0, warnings: 0 };
    constructor(display) {
        this.display = display;
    }
    /** Counts a problem and keeps it while there is room; a message is built only while it will be kept. */
    report(line, column, severity, message, into = this.problems) {
        if (severity === 'error')
            this.counts.errors++;
        else
            this.counts.warnings++;
        if (into.length < MAX_RANGE_PROBLEMS)
            into.push({
                file: this.display,
                line,
                column,
                severity,
                message: typeof message === 'string' ? message : message()
            });
    }
    /** The kept problems of all three lists, by line. */
    merged() {
        const { problems, renderProblems, contextProblems } = this;
        if (!renderProblems.length && !contextProblems.length)
            return problems;
        // Stable: at one line, the row's own problems come first, then its rendering's, then its length.
        return [...problems, ...renderProblems, ...contextProblems]
            .sort((a, b) => a.line - b.line)
            .slice(0, MAX_RANGE_PROBLEMS);
    }
}
/**
 * Sampled rows go to the sandbox in batches, one batch at a time, while the rows after them are checked: the row
 * checks never wait for the sandbox (its start takes a few hundred milliseconds), except when the rows waiting
 * for it hold as many characters as RENDER_WAITING_LINES rows at the line cap. A batch shares the time limit; when it is hit, the sandbox re-renders the batch a row at a time to name
 * the row, and this range renders no more.
 */
class RenderQueue {
    sandbox;
    plain;
    counter;
    log;
    rendered = 0;
    renderErrors = 0;
    /** Each rendered row's tokens beyond its own: the template's overhead. */
    overheads = new LengthStats(2000);
    pending = [];
    pendingChars = 0;
    waitingChars = 0;
    waitingBudget;
    batchChars;
    renders = Promise.resolve();
    renderFailure;
    warmed = false;
    /** The most characters a row's rendering may have (the sandbox's output limit). */
    outputChars;
    constructor(
    /** Undefined when the template does not compile; after a limit is hit, this range renders no more. */
    sandbox, 
    /** A plain-substitution template's parts: its rows of string values are rendered here, without the sandbox. */
    plain, maxLineBytes, counter, log) {
        this.sandbox = sandbox;
        this.plain = plain;
        this.counter = counter;
        this.log = log;
        this.waitingBudget = RENDER_WAITING_LINES * maxLineBytes;
        this.batchChars = maxLineBytes;
        this.outputChars = defaultTemplateLimits(maxLineBytes).outputChars;
    }
    /** Whether rows are rendered at all. */
    get active() {
        return this.sandbox !== undefined;
    }
    /** Queues a row; a promise to wait for when the rows waiting for the sandbox hold too many characters. */
    add(row, chars) {
        // The sandbox starts with the first sampled row (if it has not yet), so it is ready for the first batch; a
        // plain template renders most rows here, and its sandbox starts only when a row needs it.
        if (!this.warmed && !this.plain)
            this.sandbox?.warm();
        this.warmed = true;
        this.pending.push(row);
        this.pendingChars += chars;
        this.waitingChars += chars;
        if (this.pending.length >= RENDER_BATCH || this.pendingChars >= this.batchChars)
            this.send();
        return this.waitingChars > this.waitingBudget ? this.done() : undefined;
    }
    /** Waits for every batch sent; a failure other than a template limit is the range's. */
    async done() {
        this.send();
        await this.renders;
        if (this.renderFailure)
            throw this.renderFailure.error;
    }
    send() {
        if (!this.pending.length)
            return;
        const batch = this.pending;
        const chars = this.pendingChars;
        this.pending = [];
        this.pendingChars = 0;
        this.renders = this.renders
            .then(() => this.renderBatch(batch))
            .catch((error) => void (this.renderFailure ??= { error }))
            .finally(() => void (this.waitingChars -= chars));
    }
    async renderBatch(batch) {
        // After a failure the range reports it; the batches chained behind it are not sent to the sandbox.
        if (!this.sandbox || this.renderFailure)
            return;
        let outcomes;
        try {
            outcomes = await this.renderedTokens(batch);
        }
        catch (e) {
            if (!(e instanceof sandbox_TemplateLimitError))
                throw e;
            this.sandbox = undefined;
            this.rendered += e.row + 1;
            this.renderErrors++;
            const line = batch[e.row]?.line ?? batch[0].line;
            this.log.report(line, 1, 'error', `${e.message}; the rest of the file is not rendered`, this.log.renderProblems);
            return;
        }
        for (let i = 0; i < batch.length; i++) {
            const b = batch[i];
            const out = outcomes[i];
            this.rendered++;
            if (!out.ok) {
                this.renderErrors++;
                const message = `the prompt template fails on this row: ${out.message}`;
                this.log.report(b.line, 1, 'error', message, this.log.renderProblems);
            }
            else
                this.overheads.add(Math.max(0, out.tokens + this.counter.count(b.target) - b.tokens));
        }
    }
    /**
     * Each row's rendered prompt in tokens. An estimate from the length needs only the length, which the sandbox
     * measures without sending the text back; an exact count needs the text.
     */
    async renderedTokens(batch) {
        const out = batch.map(b => this.renderedHere(b.variables));
        const rest = [];
        for (let i = 0; i < batch.length; i++)
            if (!out[i])
                rest.push(i);
        if (!rest.length)
            return out;
        let fromSandbox;
        try {
            fromSandbox = await this.sandboxTokens(rest.map(i => batch[i].variables));
        }
        catch (e) {
            // The row is named by its place in the batch.
            throw e instanceof sandbox_TemplateLimitError ? new sandbox_TemplateLimitError(e.message, rest[e.row] ?? 0) : e;
        }
        rest.forEach((i, j) => (out[i] = fromSandbox[j]));
        return out;
    }
    /**
     * A row's rendered prompt in tokens where the template is plain substitution and the row's values are strings
     * (the rendering is then the text and the values joined); undefined for the sandbox to render, which also
     * names a rendering past the output limit.
     */
    renderedHere(variables) {
        if (!this.plain)
            return undefined;
        const length = plainLength(this.plain, variables);
        if (length === undefined || length > this.outputChars)
            return undefined;
        if (this.counter === approximateCounter)
            return { ok: true, tokens: approximateTokens(length) };
        return { ok: true, tokens: this.counter.count(renderPlain(this.plain, variables)) };
    }
    /**
     * Measures a sampled row now where the template renders it without the sandbox (see renderedHere), in the order
     * of the rows; false when the row must be queued for the sandbox (add).
     */
    measureHere(value, target, tokens) {
        // Nothing is rendered after a limit was hit, nor ahead of rows still queued for the sandbox.
        if (!this.sandbox || this.pending.length || this.waitingChars > 0)
            return false;
        const out = this.renderedHere(value);
        if (!out?.ok)
            return false;
        this.rendered++;
        this.overheads.add(Math.max(0, out.tokens + this.counter.count(target) - tokens));
        return true;
    }
    async sandboxTokens(rows) {
        const counter = this.counter;
        if (counter === approximateCounter)
            return (await this.sandbox.measureAll(rows)).map(o => o.ok ? { ok: true, tokens: approximateTokens(o.length) } : o);
        return (await this.sandbox.renderAll(rows)).map(o => o.ok ? { ok: true, tokens: counter.count(o.text) } : o);
    }
}
/** One range's check: the state the rows add to, and the steps of a row, in the order they run. */
class RangeCheck {
    task;
    evalIndex;
    scratch;
    counter;
    log;
    renders;
    /** Lines read (the reader's count once it ends). */
    lines = 0;
    rows = 0;
    invalid = 0;
    seen = 0;
    sawAnyRow = false;
    leakageExact = 0;
    leakageNear = 0;
    overContext = 0;
    withoutTarget = 0;
    rowsMissingVariables = 0;
    /** The template's typical overhead in tokens, once the renders are back. */
    overhead = 0;
    renderFirst;
    // Maps, not objects: a key from a row (a fresh string) costs an object a string-table lookup per row.
    useCases = new Map();
    labels = new Map();
    piiByKind = {};
    lookup;
    wantSignatures;
    inputScan = new TextScanner();
    targetScan = new TextScanner();
    /** The names the template mentions: a row's other fields do not go to the sandbox. */
    templateNames;
    constructor(task, evalIndex, scratch, counter) {
        this.task = task;
        this.evalIndex = evalIndex;
        this.scratch = scratch;
        this.counter = counter;
        this.log = new RangeProblems(task.display);
        const compiled = task.template === undefined ? undefined : compiledTemplate(task.template);
        const facts = compiled?.ok ? compiled.prompt : undefined;
        this.templateNames = facts?.names ?? new Set();
        const sandbox = task.template !== undefined && facts
            ? row_checks_sandboxFor({ template: task.template, maxLineBytes: task.maxLineBytes, where: task.promptFile })
            : undefined;
        this.renders = new RenderQueue(sandbox, facts?.plain, task.maxLineBytes, counter, this.log);
        this.lookup = evalIndex ? evalLookup(evalIndex) : undefined;
        this.wantSignatures = task.split === 'eval';
        for (const g of Object.values(scratch))
            g.length = 0;
        this.renderFirst = task.start === 0 ? RENDER_FIRST : RENDER_FIRST_LATER;
    }
    /** Checks one row as read; a promise to wait for when the sandbox has too many rows waiting. */
    row(ev) {
        this.lines = Math.max(this.lines, ev.line);
        if (ev.kind === 'error') {
            this.invalid++;
            this.log.report(ev.line, ev.column, 'error', ev.message);
            return undefined;
        }
        this.sawAnyRow = true;
        this.seen++;
        const result = toExample(ev.value, this.task.rules);
        if (!result.ok) {
            this.invalidExample(ev, result.problems);
            return undefined;
        }
        const ex = result.example;
        this.countExample(ev.line, ex);
        this.scanTexts(ev.line, ex);
        this.checkLeakage(ev.line);
        this.checkPii(ev.line, ex);
        const promptTokens = this.counter.count(ex.input);
        const tokens = promptTokens + this.counter.count(ex.target);
        this.scratch.tokenLengths.push(tokens);
        if (this.lacksVariables(ev.line, ex))
            return undefined;
        const wait = this.sampleForRender(ev, ex, tokens);
        // Checked against the context window once the range's renders have measured the prompt's overhead.
        this.scratch.contextLines.push(ev.line);
        this.scratch.contextTokens.push(tokens);
        this.scratch.contextPromptTokens.push(promptTokens);
        return wait;
    }
    /** A row that is not an example of the format: its problems, and the personal data its text still shows. */
    invalidExample(ev, problems) {
        this.invalid++;
        for (const m of problems)
            this.log.report(ev.line, 1, 'error', m);
        // The row's text can still be read: its personal data is reported now, not after the format is fixed.
        if (this.task.pii === 'off')
            return;
        const found = findPii(stringsOf(ev.value));
        if (!found.length)
            return;
        for (const f of found)
            this.piiByKind[f.kind] = (this.piiByKind[f.kind] ?? 0) + 1;
        this.log.report(ev.line, 1, this.task.pii, piiMessage(this.task.split, found));
    }
    /** The reserved probe ids, and the row's use case and label counted. */
    countExample(line, ex) {
        if (ex.id?.startsWith(PROBE_ID_PREFIX))
            this.log.report(line, 1, 'error', `id '${ex.id}' starts with '${PROBE_ID_PREFIX}', which is reserved for the injection probes; rename it`);
        this.rows++;
        if (ex.useCase)
            this.useCases.set(ex.useCase, (this.useCases.get(ex.useCase) ?? 0) + 1);
        if (ex.label)
            this.labels.set(ex.label, (this.labels.get(ex.label) ?? 0) + 1);
    }
    /** One pass per text: normalised hashes, the MinHash signature (inputs that need one) and PII hints. */
    scanTexts(line, ex) {
        const { inputScan, targetScan, scratch } = this;
        const near = this.lookup?.near;
        inputScan.scan(ex.input, this.wantSignatures || (near !== undefined && near.size > 0));
        targetScan.scan(ex.target, false);
        scratch.rowLines.push(line);
        scratch.idHashes.push(ex.id === undefined ? NaN : hash53(ex.id));
        scratch.dupKeys.push(combine53(inputScan.hash, targetScan.hash));
        if (this.wantSignatures) {
            scratch.inputHashes.push(inputScan.hash);
            for (let b = 0; b < text_scan_MINHASH_BINS; b++)
                scratch.signatures.push(inputScan.hasSignature ? inputScan.signature[b] : 0xffffffff);
        }
    }
    /** A train row's input against the eval rows': the same after normalising, or a near-duplicate by MinHash. */
    checkLeakage(line) {
        const { lookup, evalIndex, inputScan, task } = this;
        if (this.wantSignatures || !lookup || !evalIndex)
            return;
        const leaked = lookup.exact.get(inputScan.hash);
        if (leaked >= 0) {
            this.leakageExact++;
            this.log.report(line, 1, 'error', () => `train/eval leakage: same input as ${evalIndex.locations[leaked]} (after normalising case and whitespace)`);
            return;
        }
        if (!inputScan.hasSignature)
            return;
        const near = lookup.near.query(inputScan.signature, task.nearThreshold);
        if (!near)
            return;
        this.leakageNear++;
        this.log.report(line, 1, 'warning', () => `train/eval near-duplicate: estimated Jaccard ${near.similarity.toFixed(2)} ≥ ${task.nearThreshold} with ${evalIndex.locations[near.item]} (MinHash over word 3-grams)`);
    }
    /** The scanners saw every character already: findPii runs only where one of them saw a hint. */
    checkPii(line, ex) {
        const { inputScan, targetScan, task } = this;
        if (task.pii === 'off' || !(inputScan.piiFamilies || targetScan.piiFamilies))
            return;
        const inInput = inputScan.piiFamilies ? findPii(ex.input, inputScan.piiFamilies) : [];
        const inTarget = targetScan.piiFamilies ? findPii(ex.target, targetScan.piiFamilies) : [];
        const found = inTarget.length ? [...inInput, ...inTarget] : inInput;
        if (!found.length)
            return;
        for (const f of found)
            this.piiByKind[f.kind] = (this.piiByKind[f.kind] ?? 0) + 1;
        this.log.report(line, 1, task.pii, piiMessage(task.split, found));
    }
    /** True (and reported) when the row lacks a variable the prompt template uses. */
    lacksVariables(line, ex) {
        const { task } = this;
        if (!task.requiredVars.length)
            return false;
        let missing;
        for (const v of task.requiredVars)
            if (!(v in ex.fields))
                (missing ??= []).push(v);
        if (!missing)
            return false;
        this.rowsMissingVariables++;
        this.log.report(line, 1, 'error', `row lacks ${missing.map(v => `'${v}'`).join(', ')}, used by the prompt template ${task.promptFile}`);
        return true;
    }
    /** The first rows of the range, then every RENDER_EVERY-th, go to the template sandbox. */
    sampleForRender(ev, ex, tokens) {
        if (!this.renders.active || !(this.seen <= this.renderFirst || this.seen % RENDER_EVERY === 0))
            return undefined;
        // A plain template's row of strings is measured here, without a batch or an object of its variables.
        const value = (name) => name === 'use_case' ? ex.useCase : Object.hasOwn(ex.fields, name) ? ex.fields[name] : undefined;
        if (this.renders.measureHere(value, ex.target, tokens))
            return undefined;
        const chars = ev.chars ?? JSON.stringify(ex.fields, (_, v) => (typeof v === 'bigint' ? 0 : v)).length;
        // fromEntries, not assignment: a row's field may be called __proto__.
        const entries = [];
        for (const name of this.templateNames)
            if (name === 'use_case')
                entries.push([name, ex.useCase]);
            else if (Object.hasOwn(ex.fields, name))
                entries.push([name, ex.fields[name]]);
        const variables = Object.fromEntries(entries);
        return this.renders.add({ line: ev.line, variables, target: ex.target, tokens }, chars);
    }
    /**
     * Rows over the trainer's max_seq_length (not only the context window: a longer row is truncated, and a row
     * whose prompt alone fills it trains nothing — the trainer counts those rows and fails above
     * max_share_without_target), by the row's own tokens plus the template's typical overhead (the median over
     * the rendered rows).
     */
    checkContextWindow() {
        const { task, scratch } = this;
        const overhead = (this.overhead = this.renders.overheads.summary().p50);
        const limit = task.maxSeqLength ?? task.contextWindow;
        const limitName = task.maxSeqLength === undefined
            ? `the base model's context window is ${task.contextWindow}`
            : `the trainer's max_seq_length is ${task.maxSeqLength}`;
        const { contextLines, contextTokens, contextPromptTokens } = scratch;
        for (let i = 0; i < contextLines.length; i++) {
            const tokens = contextTokens.data[i];
            if (tokens + overhead <= limit)
                continue;
            this.overContext++;
            const prompt = contextPromptTokens.data[i] + overhead;
            const crowdedOut = task.targetAfterPrompt === true && prompt >= limit;
            if (crowdedOut)
                this.withoutTarget++;
            this.log.report(contextLines.data[i], 1, 'warning', () => crowdedOut
                ? `the prompt alone is about ${prompt} tokens; ${limitName}, so no target token of this row would be trained`
                : `about ${tokens + overhead} tokens with the prompt; ${limitName} (the target would be truncated)`, this.log.contextProblems);
        }
    }
    /** What the range found, its per-row arrays copied out of the scratch arrays. */
    result() {
        const { scratch, renders } = this;
        return {
            lines: this.lines,
            rows: this.rows,
            invalid: this.invalid,
            problems: this.log.merged(),
            counts: this.log.counts,
            useCases: Object.fromEntries(this.useCases),
            labels: Object.fromEntries(this.labels),
            tokenLengths: scratch.tokenLengths.result(),
            piiByKind: this.piiByKind,
            leakageExact: this.leakageExact,
            leakageNear: this.leakageNear,
            overContext: this.overContext,
            withoutTarget: this.withoutTarget,
            rowsMissingVariables: this.rowsMissingVariables,
            rendered: renders.rendered,
            renderErrors: renders.renderErrors,
            overhead: this.overhead,
            rowLines: scratch.rowLines.result(),
            idHashes: scratch.idHashes.result(),
            dupKeys: scratch.dupKeys.result(),
            ...(this.wantSignatures
                ? { inputHashes: scratch.inputHashes.result(), signatures: scratch.signatures.result() }
                : {}),
            sawAnyRow: this.sawAnyRow
        };
    }
}
const piiMessage = (split, found) => `personal data or secret in ${split} data: ${found.map(f => `${f.kind} ${f.masked}`).join(', ')}`;
/** Every string in a parsed row (keys included), one per line: what a row with a format error still shows. */
function stringsOf(value) {
    const out = [];
    const walk = (v) => {
        if (typeof v === 'string')
            out.push(v);
        else if (Array.isArray(v))
            v.forEach(walk);
        else if (v !== null && typeof v === 'object')
            for (const [k, x] of Object.entries(v)) {
                out.push(k);
                walk(x);
            }
    };
    walk(value);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/data/row-worker.ts






/** A worker's failure as an error of this thread: a user's error (a broken tokenizer file) stays one. */
const workerError = (msg) => msg.user ? new ConfigurationError(msg.error) : new Error(msg.error);
/**
 * The worker side: answers each task message with its RangeResult. A bundled action's worker entry
 * (src/actions/<action>.worker.ts) calls this; under TypeScript, row-worker.main.ts does. The same entry
 * serves as the prompt-template sandbox process (src/prompts/sandbox.ts) when started as one.
 */
function serveRangeTasks() {
    if (isTemplateSandbox())
        return serveTemplateRenders();
    const port = external_node_worker_threads_namespaceObject.parentPort;
    if (!port)
        throw new Error('serveRangeTasks runs in a worker thread only');
    // Sampled rows render in the main thread's sandbox: one process for all threads.
    const renders = new Map();
    let renderId = 0;
    const ask = (key, rows, text) => new Promise((resolve, reject) => {
        const id = renderId++;
        renders.set(id, { resolve, reject });
        port.postMessage({ render: id, key, rows, text });
    });
    renderRemotely(key => ({
        warm: () => port.postMessage({ warm: key }),
        renderAll: rows => ask(key, rows, true),
        measureAll: rows => ask(key, rows, false)
    }));
    // The eval index arrives once, not with every range.
    let shared;
    // Tasks are handled one after another: the next one may arrive while a range is checked (see RangeWorkers).
    let queue = Promise.resolve();
    port.on('message', (m) => {
        if ('rendered' in m) {
            const waiting = renders.get(m.rendered);
            renders.delete(m.rendered);
            if ('outcomes' in m)
                waiting.resolve(m.outcomes);
            else if ('limit' in m)
                waiting.reject(new sandbox_TemplateLimitError(m.limit.message, m.limit.row));
            else
                waiting.reject(new Error(m.error));
            return;
        }
        queue = queue.then(() => ('evalIndex' in m ? void (shared = m.evalIndex) : checkOne(m)));
    });
    const checkOne = (task) => checkRange(task, shared).then(result => {
        const transfer = [
            result.rowLines.buffer,
            result.idHashes.buffer,
            result.dupKeys.buffer,
            result.tokenLengths.buffer
        ];
        if (result.inputHashes)
            transfer.push(result.inputHashes.buffer);
        if (result.signatures)
            transfer.push(result.signatures.buffer);
        port.postMessage({ ok: true, result }, transfer);
    }, (e) => port.postMessage({
        ok: false,
        error: e instanceof Error ? e.message : String(e),
        user: isUserError(e)
    }));
}
/** A worker's render request, in this (the main) thread's sandbox for the template; the answer goes back to it. */
function renderFor(worker, msg) {
    if ('warm' in msg)
        return sandboxFor(msg.warm).warm();
    const id = msg.render;
    const answer = (m) => worker.postMessage(m);
    const sandbox = sandboxFor(msg.key);
    (msg.text ? sandbox.renderAll(msg.rows) : sandbox.measureAll(msg.rows)).then(outcomes => answer({ rendered: id, outcomes }), (e) => answer(e instanceof TemplateLimitError
        ? { rendered: id, limit: { message: e.message, row: e.row } }
        : { rendered: id, error: e instanceof Error ? e.message : String(e) }));
}
/** How many threads to check ranges with: the cores, at most 8. */
function workerCount() {
    return Math.max(1, Math.min(8, availableParallelism()));
}
/** Where build.mjs puts an action's worker bundle, relative to the action's bundle. */
const WORKER_BUNDLE = './worker/index.js';
function workerScript() {
    const here = import.meta.url;
    if (here.endsWith('.ts')) {
        // Run from TypeScript sources (CLI from a clone, tests): a JavaScript bootstrap registers tsx first.
        return { url: new URL('./row-worker.bootstrap.mjs', here), execArgv: [] };
    }
    // In an ncc bundle: the action's own small worker bundle beside it (dist/<action>/worker/index.js,
    // from src/actions/<action>.worker.ts), which starts in a fraction of the time the whole action's
    // bundle would take.
    return { url: new URL(WORKER_BUNDLE, here), execArgv: [] };
}
/**
 * A worker's heap limits. Rows die young (each is parsed when reached and dropped after its checks), so a worker
 * needs a young generation large enough for a chunk's garbage (16 MB measured best: 8 MB doubles the GC work) and
 * a small old one; a capped old generation makes V8 collect early, which keeps the process under ~300 MB. The cap
 * grows with the line limit, since one line is held whole.
 */
function workerLimits(maxLineBytes) {
    return {
        maxYoungGenerationSizeMb: 16,
        maxOldGenerationSizeMb: Math.max(128, Math.ceil((8 * maxLineBytes) / 2 ** 20) + 64)
    };
}
/** A data-checking worker thread. */
function startWorker(maxLineBytes) {
    const { url, execArgv } = workerScript();
    return new Worker(fileURLToPath(url), { execArgv, resourceLimits: workerLimits(maxLineBytes) });
}
/**
 * Worker threads that check whole small files, each a task answered by its own promise, for many models at once:
 * a registry-wide change checks hundreds of models of a few hundred kilobytes each, too small to split, and one
 * thread checking them all leaves the other cores idle. Several model checks share the pool (validateRegistry
 * runs a few at a time); each worker answers its tasks in the order it received them. The threads start when
 * the pool is made, so that they load while the registry's specs are read.
 */
class FileTaskPool {
    maxLineBytes;
    threads = [];
    constructor(size, maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        for (let i = 0; i < size; i++)
            this.threads.push(this.start());
    }
    start() {
        const worker = startWorker(this.maxLineBytes);
        const thread = { worker, waiting: [] };
        const fail = (e) => {
            // The thread is gone (a crash, or out of memory): its tasks fail with the reason, and a new one takes its place.
            for (const w of thread.waiting.splice(0))
                w.reject(e);
            const at = this.threads.indexOf(thread);
            if (at >= 0)
                this.threads[at] = this.start();
        };
        worker.on('message', (msg) => {
            if ('render' in msg || 'warm' in msg)
                return renderFor(worker, msg);
            const waiting = thread.waiting.shift();
            if (msg.ok)
                waiting?.resolve(msg.result);
            else
                waiting?.reject(workerError(msg));
        });
        worker.on('error', fail);
        worker.on('exit', code => fail(new Error(`a data-checking worker thread ended (exit code ${code})`)));
        return thread;
    }
    /** Checks one range (a whole small file) on the thread with the fewest tasks waiting. */
    run(task, evalIndex) {
        const thread = this.threads.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
        return new Promise((resolve, reject) => {
            thread.waiting.push({ resolve, reject });
            // The index first: the worker takes each message in turn, so the task is checked against this index.
            thread.worker.postMessage({ evalIndex });
            thread.worker.postMessage(task);
        });
    }
    /** Ends the threads. */
    async close() {
        const threads = this.threads.splice(0);
        await Promise.all(threads.map(t => {
            t.worker.removeAllListeners('exit');
            t.worker.on('error', () => undefined);
            return t.worker.terminate();
        }));
    }
}
/**
 * A pool of worker threads that check range tasks. It starts when made, so that the threads load their
 * code while this thread does other work (the eval split, before the large train file), and serves every
 * large file of a model.
 */
class RangeWorkers {
    threads;
    maxLineBytes;
    workers = [];
    sentIndex;
    /** A thread of the pool has ended (a crash, or out of memory): the next call starts new ones. */
    broken = false;
    constructor(threads, maxLineBytes) {
        this.threads = threads;
        this.maxLineBytes = maxLineBytes;
        this.start();
    }
    start() {
        if (this.workers.length)
            return;
        this.workers = Array.from({ length: this.threads }, () => {
            const w = startWorker(this.maxLineBytes);
            // Between calls nothing listens: an error then is the next call's to report (see `broken`).
            w.on('error', () => undefined);
            w.once('exit', () => void (this.workers.includes(w) && (this.broken = true)));
            return w;
        });
        this.sentIndex = undefined;
        this.broken = false;
    }
    /** Ends the threads. */
    async close() {
        const workers = this.workers;
        this.workers = [];
        await Promise.all(workers.map(w => w.terminate()));
    }
    /**
     * Checks range tasks and yields the results in task order, each as soon as it and all before it are
     * done — so the caller merges while the workers go on. `evalIndex`: what train ranges check leakage against.
     */
    async *check(tasks, evalIndex) {
        if (this.broken)
            await this.close();
        this.start();
        const workers = this.workers.slice(0, Math.min(this.workers.length, tasks.length));
        if (this.sentIndex !== evalIndex) {
            for (const w of this.workers)
                w.postMessage({ evalIndex });
            this.sentIndex = evalIndex;
        }
        const settled = [];
        let wake;
        const notify = () => {
            wake?.();
            wake = undefined;
        };
        let next = 0;
        let consumed = 0;
        // Each worker holds the task it checks and the next one, so it never waits for this thread (busy merging a
        // result) to send it more; the last tasks go only to workers with nothing queued, so no worker is left with
        // two while another has none. Backpressure: a task is sent only while few results wait for the caller to
        // merge them, so memory stays bounded when the workers are faster than the caller. Few, but not too few:
        // the first merge of a large file is slow (its tables are new: measured 0.3-0.45 s for 30,000 rows, against
        // 20 ms for each later one), and the workers should go on meanwhile; a result is about 1 MB.
        const perWorker = 2;
        const maxAhead = 6 * workers.length;
        const idle = [];
        const queued = new Map();
        const give = (worker, depth = perWorker) => {
            const mine = queued.get(worker);
            while (next < tasks.length && mine.length < (tasks.length - next > workers.length ? depth : 1)) {
                if (next - consumed >= maxAhead) {
                    if (!idle.includes(worker))
                        idle.push(worker);
                    return;
                }
                const i = next++;
                mine.push(i);
                worker.postMessage(tasks[i]);
            }
        };
        const listeners = workers.map(w => {
            queued.set(w, []);
            const onMessage = (msg) => {
                if ('render' in msg || 'warm' in msg)
                    return renderFor(w, msg);
                const i = queued.get(w).shift();
                settled[i] = msg.ok ? { result: msg.result } : { error: workerError(msg) };
                notify();
                give(w);
            };
            const onError = (e) => {
                settled[queued.get(w)[0] ?? next] ??= { error: e };
                notify();
            };
            const onExit = (code) => onError(new Error(`a data-checking worker thread ended (exit code ${code})`));
            w.on('message', onMessage);
            w.on('error', onError);
            w.on('exit', onExit);
            return { w, onMessage, onError, onExit };
        });
        // One task each first, then the second.
        for (const w of workers)
            give(w, 1);
        for (const w of workers)
            give(w);
        let complete = false;
        try {
            for (let i = 0; i < tasks.length; i++) {
                while (!settled[i]) {
                    const failed = settled.find(s => s?.error);
                    if (failed)
                        throw failed.error;
                    await new Promise(resolve => (wake = resolve));
                }
                const s = settled[i];
                if (s.error)
                    throw s.error;
                settled[i] = {};
                consumed = i + 1;
                while (idle.length && next - consumed < maxAhead)
                    give(idle.pop());
                yield s.result;
            }
            complete = true;
        }
        finally {
            for (const { w, onMessage, onError, onExit } of listeners) {
                w.off('message', onMessage);
                w.off('error', onError);
                w.off('exit', onExit);
            }
            // Tasks still on a thread would answer the next call: the threads go, and the next call starts new ones.
            if (!complete)
                await this.close();
        }
    }
}

;// CONCATENATED MODULE: ./src/cli/tunegate.worker.ts

// The CLI's worker-thread and template-sandbox entry (dist/cli/worker/index.js), as each action has its own.
serveRangeTasks();

