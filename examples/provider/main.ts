/**
 * Runs the example provider until stopped, for trying `contractguard verify` by hand:
 *
 *   npm run build && node dist/examples/provider/main.js [--port 4100] [--fault NAME]…
 *   contractguard verify --root contracts-example --endpoint sync-customers --major 3 \
 *     --base-url http://127.0.0.1:4100 --header "Authorization: Bearer verify-demo-token"
 */
import { parseArgs } from 'node:util';

import { FAULT_NAMES, FAULTS, isFault } from './faults.js';
import { DEMO_TOKEN, startProvider } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4100' }, fault: { type: 'string', multiple: true } },
});
const faults = values.fault ?? [];
const unknown = faults.find((f) => !isFault(f));
if (unknown !== undefined) {
  console.error(`unknown fault ${JSON.stringify(unknown)}; the faults are ${FAULT_NAMES.join(', ')}`);
  process.exit(2);
}
const provider = await startProvider({ port: Number(values.port), faults: faults.filter(isFault) });
console.log(`example provider on ${provider.url} (token: ${DEMO_TOKEN})`);
for (const fault of faults.filter(isFault)) console.log(`  fault ${fault}: ${FAULTS[fault]}`);
