import { generateCases } from '../host/seed';
import { toSnapshot } from '../host/model';
import { buildCaseView } from '../../utils/views/build';
import { validateCases } from '../../utils/background/ingest';
const today = '2026-11-23';
const batch = generateCases({ seed: 7, count: 600, today }).slice(0, 500).map((c) => toSnapshot(c, 'http://x'));
for (let i = 0; i < 5; i++) { const t = performance.now(); batch.map((c) => buildCaseView(c, today)); const t2 = performance.now(); validateCases(batch); console.log('views', Math.round(t2 - t), 'validate', Math.round(performance.now() - t2)); }
