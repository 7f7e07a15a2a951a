'use strict';
// Mocha's spec reporter, closed by a list of the skipped tests with their reasons and by the plain
// "N passed, N failed" line CI reads (", N skipped" appended when tests were skipped).
//
// A test gives its reason by setting `skipReason` on itself (in a test or a beforeEach) or on its suite (in a
// before hook, which skips the whole suite) before calling this.skip(); the tests' helpers `skipBecause(this,
// reason)` do that. A skip without a reason is listed as "(no reason given)".
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/** The reason recorded on the test or the nearest suite around it. */
function reasonOf(test) {
  for (let runnable = test; runnable; runnable = runnable.parent) {
    if (typeof runnable.skipReason === 'string') return runnable.skipReason;
  }
  return undefined;
}

class Reporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const skipped = [];
    runner.on(EVENT_TEST_PENDING, (test) => skipped.push({ title: test.fullTitle(), reason: reasonOf(test) }));
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = this.stats;
      if (skipped.length > 0) {
        process.stdout.write(`\nskipped tests and why:\n`);
        for (const { title, reason } of skipped) {
          process.stdout.write(`  - ${title}: ${reason ?? '(no reason given)'}\n`);
        }
      }
      process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}

module.exports = Reporter;
