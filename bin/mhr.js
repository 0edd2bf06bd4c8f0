#!/usr/bin/env node
// The local runner. Its TypeScript sources (emulator/) are compiled on the fly with esbuild, so
// `npx mhr` works straight after `npm install`; the add-on itself runs from build/Code.js.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const defaultTs = require.extensions[".ts"];
require.extensions[".ts"] = function compileTs(module, filename) {
  if (!filename.startsWith(root) || filename.includes(`${path.sep}node_modules${path.sep}`)) {
    return defaultTs ? defaultTs(module, filename) : undefined;
  }
  const source = fs.readFileSync(filename, "utf8");
  const { code } = esbuild.transformSync(source, {
    loader: "ts",
    format: "cjs",
    target: "node20",
    sourcefile: filename,
    sourcemap: "inline",
  });
  module._compile(code, filename);
};

// A closed pipe (e.g. `mhr export ... | head`) is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

require(path.join(root, "emulator", "cli", "main.ts"))
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
