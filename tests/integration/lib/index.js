// One import for integration tests: const { newBrowser, maildev, emulator, db, stack, config } = require('./lib');
'use strict';

module.exports = {
  config: require('./config'),
  ...require('./http'),
  maildev: require('./maildev'),
  emulator: require('./emulator'),
  db: require('./db'),
  stack: require('./stack'),
};
