// The settings every package's mutation run shares (npm run mutation -- <package>).
// inPlace: the workspace packages resolve through node_modules links to this folder, so a sandbox copy would
// test the unmutated build; Stryker restores the sources when it ends. perTest coverage runs, for each
// mutant, only the tests that reached it. `// @ts-nocheck` goes only into the mutated package's folder (by default
// Stryker adds it to, then restores, every source and test file, which in place also drops their file modes).
// StrykerJS 9.5 because 10 needs Node 22.

/**
 * A Stryker config for one package.
 * @param {string} name the report's name (reports/mutation/NAME.html)
 * @param {string[]} mutate the source files whose mutants count
 * @param {string[]} spec the compiled test files that should kill them
 */
export function mutationConfig(name, mutate, spec) {
  return {
    $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'mocha',
    inPlace: true,
    buildCommand: 'npx tsc -b',
    mutate,
    disableTypeChecks: `${mutate[0].slice(0, mutate[0].lastIndexOf('/'))}/**/*.ts`,
    mochaOptions: { config: '.mocharc.json', spec },
    coverageAnalysis: 'perTest',
    concurrency: 1,
    timeoutMS: 5000,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    tempDirName: '.stryker-tmp',
  };
}
