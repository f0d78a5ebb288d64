'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.HELLO = void 0;
exports.HELLO = '你好';
//# sourceMappingURL=index.js.map
