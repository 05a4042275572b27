// Nest's console logger (used before an app installs its JSON logger, and by the message bus in
// library tests) stays quiet in tests unless TEST_LOG_LEVEL asks for logs.
const { Logger } = require('@nestjs/common');

if (!process.env.TEST_LOG_LEVEL || process.env.TEST_LOG_LEVEL === 'silent') Logger.overrideLogger(false);
