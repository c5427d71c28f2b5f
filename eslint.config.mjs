// ESLint flat config. typescript-eslint's recommended rules, plus the office-addins plugin's rules added
// by name (its own preset bundles another typescript-eslint, so spreading both would clash). Prettier
// formats; eslint-config-prettier turns off the rules that would fight it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import prettierConfig from "eslint-config-prettier";
import globals from "globals";

/** No string-built code, and cell text rendered as text. */
const SAFETY = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: "Render cell text as text: dangerouslySetInnerHTML is not allowed.",
  },
  { selector: "NewExpression[callee.name='Function']", message: "No string-built code." },
];

export default tseslint.config(
  {
    ignores: ["node_modules/", "dist/", "dist-wps/", "lib/", "coverage/", "test-results/", "bench/out/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    languageOptions: {
      globals: {
        ...globals.node,
        ...globals.browser,
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
      },
    },
    plugins: { "office-addins": officeAddins },
    rules: {
      // Office.js load/sync discipline: errors, not warnings.
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      // No string-built code anywhere: the 评分标准 parser is a real parser.
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-syntax": ["error", ...SAFETY],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layering: only the Office.js adapter (and the in-memory Excel that stands in for Excel) runs batches.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/host/office/**", "src/host/memory/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...SAFETY,
        {
          selector: "MemberExpression[object.name='Excel'][property.name='run']",
          message: "Only src/host/office calls Excel.run: use the host port and the use-cases.",
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
