// Integration suites run the services as their own processes from dist/: build it first.
const { execFileSync } = require('node:child_process');

module.exports = async () => {
  execFileSync(process.execPath, [`${__dirname}/build.mjs`], { stdio: 'inherit' });
};
