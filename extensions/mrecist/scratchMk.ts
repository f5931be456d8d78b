import { writeFileSync } from 'node:fs';
import { parseCaseFile } from './src/core/criteria/parseCaseFile';
import { writeSr } from './src/core/sr/srFromCaseFile';
import { bigCase } from '../../scripts/bench/sr';
let c = 0;
const w = writeSr({ caseFile: parseCaseFile(bigCase(), 'b'), document: { contentDate: '20260101', contentTime: '120000' }, newUid: () => `2.25.${++c}`, file: 'b' });
writeFileSync('/tmp/prof/big.dcm', w.bytes);
