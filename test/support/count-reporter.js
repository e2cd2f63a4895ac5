// Writes the run's totals to test-artifacts/jest-counts.txt so .ci/run can print `N passed, N failed`.
const fs = require('node:fs');
const path = require('node:path');

class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const dir = path.join(process.cwd(), 'test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'jest-counts.txt'), `${results.numPassedTests} ${failed}\n`);
  }
}
module.exports = CountReporter;
