// Worker-thread entry for the dose pool. The sources are TypeScript and there is no build step (see
// bin/mrecist.js), so the thread registers tsx before loading the TypeScript worker module.
'use strict';
require('tsx/cjs/api').register();
require('./doseWorkerThread.ts');
