/**
 * webpack: the task pane, the ribbon function file, the browser demo and the office.js stand-in used by
 * the browser tests (shaped like Microsoft's React task-pane template).
 *
 * Entries: taskpane (src/taskpane/index.tsx), commands (src/commands/commands.ts), demo
 * (src/demo/index.tsx), office-stub (src/demo/office-stub.ts). ExcelJS is only in the xlsx-load chunk,
 * which demo and office-stub load on demand for files other than the sample; the sample reaches them as
 * gaozhuang-2023.json, made here at build time (SampleJsonPlugin). The taskpane bundle stays small
 * (tree-shaken Fluent UI, production mode, no source maps).
 * `npm run build` works offline without certificates; the dev server uses office-addin-dev-certs only
 * when certificates are already installed, else plain http.
 */
const path = require("node:path");
const fs = require("node:fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
/** Where `npm run build` points the manifest when ADDIN_PROD_URL is not set. */
const PLACEHOLDER_PROD_URL = "https://www.contoso.com/perf-eval/";

/** HTTPS options for the dev server when office-addin-dev-certs already has certificates; else null. */
async function devServerHttps() {
  try {
    const certs = require("office-addin-dev-certs");
    const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
    if (!fs.existsSync(path.join(dir, "localhost.crt"))) return null;
    const options = await certs.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch {
    return null;
  }
}

/** Prints the task pane's gzipped size after each build and fails a production build over budget. */
class PaneBudgetPlugin {
  constructor(limitKb, asset = "taskpane.js") {
    this.limitKb = limitKb;
    this.asset = asset;
  }
  apply(compiler) {
    // After emit, from the file on disk: webpack may already have swapped the in-memory source for a
    // size-only stand-in by then, so the asset object is not a reliable place to read the bytes.
    compiler.hooks.afterEmit.tap("PaneBudgetPlugin", (compilation) => {
      const file = path.join(compilation.outputOptions.path, this.asset);
      if (!compilation.getAsset(this.asset) || !fs.existsSync(file)) return;
      const bytes = fs.readFileSync(file);
      const gzipKb = require("node:zlib").gzipSync(bytes, { level: 9 }).length / 1024;
      const line = `${this.asset}: ${(bytes.length / 1024).toFixed(0)} KB, ${gzipKb.toFixed(0)} KB gzipped (budget ${this.limitKb} KB)`;
      console.log(line);
      if (compiler.options.mode === "production" && gzipKb > this.limitKb)
        compilation.errors.push(new Error(`${line}: over budget`));
    });
  }
}

/** Fails the build when a script that must stay light (the office.js stand-in: it blocks the pane's page
 *  like office.js does) has ExcelJS in it (the same marker the browser tests look for in the pane). */
class WithoutExcelJSPlugin {
  constructor(file) {
    this.file = file;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("WithoutExcelJSPlugin", (compilation) => {
      const file = path.join(compilation.outputOptions.path, this.file);
      if (!compilation.getAsset(this.file) || !fs.existsSync(file)) return;
      if (fs.readFileSync(file, "utf8").includes("xl/sharedStrings.xml"))
        compilation.errors.push(new Error(`${this.file} bundles ExcelJS: load it on demand (import()).`));
    });
  }
}

/** Emits gaozhuang-2023.json: the sample .xlsx as the in-memory workbook's JSON (src/demo/sample-json.ts,
 *  run through tsx), so the office.js stand-in and the demo load it without ExcelJS. */
class SampleJsonPlugin {
  constructor(source, asset) {
    this.source = path.resolve(__dirname, source);
    this.asset = asset;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("SampleJsonPlugin", (compilation) => {
      compilation.fileDependencies.add(this.source);
      compilation.hooks.processAssets.tapPromise(
        { name: "SampleJsonPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        async () => {
          // Loaded once (tsx registers its loader per call); watch mode keeps the first build's code.
          this.convert ??= require("tsx/cjs/api").require("./src/demo/sample-json.ts", __filename);
          const json = await this.convert.workbookJSONFromXlsxFile(this.source);
          compilation.emitAsset(this.asset, new sources.RawSource(json));
        },
      );
    });
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  const prodUrl = process.env.ADDIN_PROD_URL || PLACEHOLDER_PROD_URL;
  const https = env && env.WEBPACK_SERVE ? await devServerHttps() : null;

  const common = {
    devtool: dev ? "source-map" : false, // never "eval": the pages' CSP forbids it
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js" },
    resolve: { extensions: [".ts", ".tsx", ".js", ".jsx"] },
    module: {
      // ExcelJS's browser build is one pre-minified bundle: no need to parse it again.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.bare)?\.min\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules out (tsconfig says commonjs for jest/tsx), so webpack can tree-shake Fluent UI.
            options: { transpileOnly: true, compilerOptions: { module: "es2020", sourceMap: dev } },
          },
        },
      ],
    },
    // Keep the HTML pages as written (quoted attributes, comments): this webpack's default minimizer
    // also minifies .html assets; the bench and the browser tests read the script tags.
    optimization: { minimizeOptions: { html: false } },
    performance: {
      // The demo and the office.js stand-in carry ExcelJS on purpose; the task pane has its own budget
      // (300 KB gzipped, checked by the browser tests and the bench).
      hints: false,
    },
  };

  /** The add-in itself: task pane and function file (minified, tree-shaken, no ExcelJS). */
  const addin = {
    ...common,
    name: "addin",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    // The report's .docx renderer is an on-demand chunk (pane-report-docx.js), named apart from the
    // demo build's chunks (both write into dist/).
    output: { ...common.output, clean: true, chunkFilename: "pane-[name].js" },
    optimization: { ...common.optimization, splitChunks: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        minify: false,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        minify: false,
      }),
      new PaneBudgetPlugin(300),
      new PaneBudgetPlugin(80, "pane-report-docx.js"),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            noErrorOnMissing: true,
            transform(content) {
              if (dev) return content;
              // Page URLs first, then the bare origin (AppDomains).
              const text = content.toString().split(DEV_URL).join(prodUrl);
              return Buffer.from(text.split(DEV_URL.slice(0, -1)).join(new URL(prodUrl).origin));
            },
          },
          { from: "assets/*", to: "assets/[name][ext]", noErrorOnMissing: true },
          { from: "examples/gaozhuang-2023.xlsx", to: "gaozhuang-2023.xlsx", noErrorOnMissing: true },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist") },
      server: https ? { type: "https", options: https } : { type: "http" },
    },
  };

  /** The browser demo and the office.js stand-in (the in-memory Excel; ExcelJS in the on-demand
   *  xlsx-load chunk) and the sample as JSON. Built after the add-in (which cleans dist/) and not
   *  minified again: ExcelJS arrives minified and re-minifying it would dominate the build time. */
  const demo = {
    ...common,
    name: "demo",
    dependencies: ["addin"],
    entry: {
      demo: "./src/demo/index.tsx",
      "office-stub": "./src/demo/office-stub.ts",
    },
    // Chunks by name (xlsx-load.js); the stand-in sets its public path to the page's own directory.
    output: { ...common.output, chunkFilename: "[name].js" },
    // One on-demand chunk (xlsx-load.js, ExcelJS inside), not split further into numbered vendor chunks.
    optimization: { minimize: false, minimizeOptions: { html: false }, splitChunks: false },
    plugins: [
      new SampleJsonPlugin("examples/gaozhuang-2023.xlsx", "gaozhuang-2023.json"),
      new WithoutExcelJSPlugin("office-stub.js"),
      new HtmlWebpackPlugin({
        filename: "demo.html",
        template: "./src/demo/demo.html",
        chunks: ["demo"],
        minify: false,
      }),
    ],
  };

  return [addin, demo];
};
