// Loaded into a page of the app (same origin, same IndexedDB) by the browser sync test: the
// repository and the app's sync calls, so the test can write as a judge's tablet would while
// the judge screen is built elsewhere.

export { joinAsJudge } from '../../src/app/sync/device-sync';
export { db } from '../../src/db/database';
export { enterMark } from '../../src/db/marks';
