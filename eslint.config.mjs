// Flat config: typescript-eslint's recommended rules, Prettier owns formatting.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import globals from "globals";

const appsScriptGlobals = [
  "SpreadsheetApp",
  "FormApp",
  "ScriptApp",
  "LockService",
  "PropertiesService",
  "CacheService",
  "MailApp",
  "GmailApp",
  "Session",
  "Utilities",
  "HtmlService",
  "Logger",
  "UrlFetchApp",
  "DriveApp",
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "coverage/**", "demo-hub/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Everything under src/ receives its services as arguments; only main.ts may touch the globals.
    files: ["src/**/*.ts"],
    ignores: ["src/main.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        ...appsScriptGlobals.map((name) => ({
          name,
          message:
            "Receive Apps Script services as an argument (see src/services/services.ts); only src/main.ts reads the globals.",
        })),
      ],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../sheets/*", "../services/*", "../ui/*", "../main", "../../*"],
              message: "src/domain imports nothing outside src/domain.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["emulator/**/*.ts", "test/**/*.ts", "bin/**/*.js", "*.js", "*.mjs", ".ci/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
