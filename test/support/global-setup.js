// The end-to-end and browser tiers run the built ledger as real processes: build it once, first.
const { execSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  if (process.env.BLUE_LEDGER_SKIP_BUILD === '1') return;
  execSync('npm run build --silent', { cwd: path.resolve(__dirname, '../..'), stdio: 'inherit' });
  // The end-to-end and browser tiers share this setup: one build serves both.
  process.env.BLUE_LEDGER_SKIP_BUILD = '1';
};
