/**
 * The case-file schema's validation code is generated ahead of time (scripts/schema/caseFileValidator.ts). The
 * committed file must be what the generator writes from today's schema, and it must judge documents exactly as
 * ajv compiling the schema at run time does: the same verdict and the same first error.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { validate as generated } from '../../../extensions/mrecist/src/core/criteria/caseFileSchemaValidator.generated';
import { AJV_OPTIONS, caseFileValidatorSource, SCHEMA_FILE, VALIDATOR_FILE } from '../../../scripts/schema/caseFileValidator';
import { caseJson } from './caseBuilder';

const validate = generated as unknown as { (data: unknown): boolean; errors?: unknown[] | null };

describe('generated case-file validator', () => {
  it('is what the generator writes from the schema (run npm run generate:validator after changing it)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8')).toBe(caseFileValidatorSource());
  });

  it('changes when the schema changes', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    schema.properties.criteria.enum.push('who');
    expect(caseFileValidatorSource(JSON.stringify(schema))).not.toBe(caseFileValidatorSource());
  });

  it('gives the verdict and first error a run-time compile gives', () => {
    const compiled = new Ajv(AJV_OPTIONS).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    const good = caseJson({ days: [0, 60], targets: [{ id: 'T1', values: [30, 20] }] }) as { timepoints: Array<Record<string, unknown>> } & Record<string, unknown>;
    const documents: unknown[] = [
      good,
      {},
      null,
      { ...good, criteria: 'who' },
      { ...good, timepoints: [{ ...good.timepoints[0], date: '2024-1-01' }, ...good.timepoints.slice(1)] },
      { ...good, timepoints: [{ ...good.timepoints[0], studyId: 'x'.repeat(17) }, ...good.timepoints.slice(1)] },
      // 16 code points in 32 UTF-16 units: within maxLength 16, which counts code points.
      { ...good, timepoints: [{ ...good.timepoints[0], studyId: '😀'.repeat(16) }, ...good.timepoints.slice(1)] },
      { ...good, lesions: 'none' },
      // A lone surrogate counts as one code point, as in ajv's own count.
      { ...good, timepoints: [{ ...good.timepoints[0], studyId: '\ud83d'.repeat(16) }, ...good.timepoints.slice(1)] },
      { ...good, timepoints: [{ ...good.timepoints[0], studyId: '\ud83d'.repeat(17) }, ...good.timepoints.slice(1)] },
    ];
    for (const document of documents) {
      const ok = validate(document);
      expect(ok).toBe(compiled(document));
      expect(validate.errors?.[0] ?? null).toEqual(compiled.errors?.[0] ?? null);
    }
    expect(documents.map((d) => validate(d))).toEqual([true, false, false, false, false, false, true, false, true, false]);
  });
});
