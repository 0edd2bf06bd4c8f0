// Bundles src/main.ts into build/Code.js for Apps Script. gas-webpack-plugin turns each
// `global.name = ...` assignment in main.ts into a real top-level `function name()` so Apps Script
// (which only sees top-level functions) can call the entry points. No minification: the bundle stays
// readable in the Apps Script editor and the stack traces in executions point at real names.
const path = require("path");
const fs = require("fs");
const GasPlugin = require("gas-webpack-plugin");

class CopyManifestPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyManifestPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        {
          name: "CopyManifestPlugin",
          stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL,
        },
        () => {
          const manifest = fs.readFileSync(path.resolve(__dirname, "appsscript.json"));
          compilation.emitAsset(
            "appsscript.json",
            new compiler.webpack.sources.RawSource(manifest),
          );
        },
      );
    });
  }
}

module.exports = {
  mode: "production",
  context: __dirname,
  entry: "./src/main.ts",
  target: ["web", "es2020"],
  devtool: false,
  output: {
    path: path.resolve(__dirname, "build"),
    filename: "Code.js",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      { test: /\.ts$/, loader: "esbuild-loader", options: { loader: "ts", target: "es2020" } },
      // The sidebar's HTML, CSS and browser script are bundled as strings and served by HtmlService.
      { test: /\.(html|css)$/, type: "asset/source" },
      { test: /\.client\.js$/, type: "asset/source" },
    ],
  },
  optimization: { minimize: false },
  performance: { hints: false },
  plugins: [new GasPlugin({ autoGlobalExportsFiles: [] }), new CopyManifestPlugin()],
};
