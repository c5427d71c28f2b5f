/** Jest: `unit` runs engine, host, CLI and component tests (node, or jsdom per file via a docblock);
 *  `browser` drives the built pages in Debian's Chromium with playwright-core (needs `npm run build`). */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }];

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
      transform: { "^.+\\.tsx?$": tsJest },
      setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
    },
    {
      displayName: "browser",
      testEnvironment: "node",
      roots: ["<rootDir>/test/browser"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.tsx?$": tsJest },
    },
  ],
};
