// Jest transformer for node_modules: Nest 12 and some of its dependencies are ESM-only, while
// @nestjs/throttler, nestjs-pino and @bull-board/nestjs are CommonJS that require() them. Node 20's
// Jest cannot load ESM from require(), so ESM files are compiled to CommonJS here and Jest runs in
// plain CommonJS mode. Files without import/export pass through untouched.
const babel = require('@babel/core');
const crypto = require('node:crypto');

// import(x) → a promise of require(x) shaped like a module namespace (with `default`).
function dynamicImportToRequire({ template }) {
  const build = template.expression('Promise.resolve().then(() => ((m) => (m && m.__esModule ? m : Object.assign({}, m, { default: m })))(require(SOURCE)))');
  return {
    visitor: {
      CallExpression(path) {
        if (path.node.callee.type === 'Import') path.replaceWith(build({ SOURCE: path.node.arguments[0] }));
      },
    },
  };
}

const ESM = /^\s*(import\s|import\{|export\s|export\{|export\*)/m;

module.exports = {
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update('esm-to-cjs-v5').update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    if (!ESM.test(source)) return { code: source };
    const cjsSource = source
      // CommonJS already has require(); redeclaring it would shadow the one babel's output uses
      .replace(/^(const|let|var) require = createRequire\([^)]*\);?$/gm, '')
      .replace(/import\.meta\.resolve\(/g, 'require.resolve(')
      .replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename');
    const out = babel.transformSync(cjsSource, {
      filename,
      babelrc: false,
      configFile: false,
      sourceMaps: 'inline',
      plugins: [dynamicImportToRequire, require.resolve('@babel/plugin-transform-modules-commonjs')],
    });
    return { code: out.code };
  },
};
