/**
 * REVIEW.json and `mrecist review-user`: the review's users (salted scrypt hashes, never passwords) and case
 * assignments, checked on construction; every bad input is one line naming the file and field, exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReviewConfig } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { hashPassword, verifyPassword } from '../../../extensions/mrecist/src/cli/commands/reviewUser';

const password = { scheme: 'scrypt', N: 16384, r: 8, p: 1, salt: 'c2FsdA==', hash: 'aGFzaA==' };
const users = [
  { id: 'r1', name: 'Reader One', role: 'reader', password },
  { id: 'r2', name: 'Reader Two', role: 'reader', password },
  { id: 'adj', name: 'Adjudicator', role: 'adjudicator', password },
];
const valid = { trial: 'DEMO-01', users, cases: [{ patientId: 'P12', readers: ['r1', 'r2'], adjudicator: 'adj' }] };

describe('REVIEW.json', () => {
  it('reads the trial, its users and assignments', () => {
    const config = ReviewConfig.parse(valid, 'REVIEW.json');
    expect(config.trial).toBe('DEMO-01');
    expect(config.casesOf('r2').map((c) => c.patientId)).toEqual(['P12']);
    expect(config.casesOf('adj').map((c) => c.patientId)).toEqual(['P12']);
    expect(config.user('r1')?.name).toBe('Reader One');
  });

  const withCase = (c: object) => ({ ...valid, cases: [c] });
  it.each(([
    [{ ...valid, trial: '' }, 'REVIEW.json: trial: expected the trial id (text)'],
    [{ ...valid, users: [...users, users[0]] }, 'REVIEW.json: users[3].id: "r1" is listed twice'],
    [{ ...valid, users: [{ ...users[0], id: 'r 1' }] }, 'REVIEW.json: users[0].id: expected a user id of letters, digits, ".", "_" or "-" (1–64), got "r 1"'],
    [{ ...valid, users: [{ ...users[0], role: 'admin' }] }, 'REVIEW.json: users[0].role: expected "reader" or "adjudicator", got "admin"'],
    [{ ...valid, users: [{ ...users[0], name: 'A=B' }] }, 'REVIEW.json: users[0].name: expected a display name usable as a DICOM person name (no \\, = or line breaks, 64 characters at most), got "A=B"'],
    [{ ...valid, users: [{ ...users[0], password: undefined }] }, 'REVIEW.json: users[0].password: missing: set it with `mrecist review-user ... --password-stdin` (a salted scrypt hash, never a password)'],
    [{ ...valid, users: [{ ...users[0], password: 'hunter22' }] }, 'REVIEW.json: users[0].password: missing: set it with `mrecist review-user ... --password-stdin` (a salted scrypt hash, never a password)'],
    [{ ...valid, users: [{ ...users[0], password: { ...password, N: 1000 } }] }, 'REVIEW.json: users[0].password.N: must be a power of 2 above 1, got 1000'],
    [withCase({ patientId: 'P12', readers: ['r1'], adjudicator: 'adj' }), 'REVIEW.json: cases[0].readers: expected two reader ids'],
    [withCase({ patientId: 'P12', readers: ['r1', 'r1'], adjudicator: 'adj' }), 'REVIEW.json: cases[0].readers: the two readers must be two people'],
    [withCase({ patientId: 'P12', readers: ['r1', 'adj'], adjudicator: 'adj' }), 'REVIEW.json: cases[0].readers[1]: "adj" is an adjudicator, not a reader'],
    [withCase({ patientId: 'P12', readers: ['r1', 'r2'], adjudicator: 'r9' }), 'REVIEW.json: cases[0].adjudicator: "r9" is not among the users'],
    [{ ...valid, cases: [valid.cases[0], valid.cases[0]] }, 'REVIEW.json: cases[1].patientId: "P12" is assigned twice'],
    [{ ...valid, release: { to: 'pacs', reads: 'endorsed' } }, 'REVIEW.json: release.to: expected the DICOMweb root URL of the clinical PACS'],
    [{ ...valid, release: { to: 'http://pacs/dicom-web', reads: 'all' } }, 'REVIEW.json: release.reads: expected "endorsed" or "both", got "all"'],
  ] as [object, string][]).map(([value, message]) => [message, value] as const))('%s', (message, value) => {
    expect(() => ReviewConfig.parse(value, 'REVIEW.json')).toThrow(message);
  });
});

describe('password hashes', () => {
  it('a salted scrypt hash: the right password verifies, another does not, and two hashes of one password differ', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(verifyPassword('correct horse', a)).toBe(true);
    expect(verifyPassword('correct hors', a)).toBe(false);
    expect(JSON.stringify(a)).not.toContain('correct');
  });
});

describe('mrecist review-user (CLI)', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mrecist-review-user-'));
  const cli = (input: string | null, ...args: string[]) =>
    spawnSync(process.execPath, [join(__dirname, '../../../bin/mrecist.js'), ...args], { encoding: 'utf8', input: input ?? '' });

  it('adds a user to a new REVIEW.json, replaces them on a second call, and keeps only a hash', () => {
    const file = join(dir, 'DEMO-02.json');
    const added = cli('first-password\n', 'review-user', file, '--id', 'r1', '--role', 'reader', '--name', 'Reader One', '--password-stdin');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toBe(`Added reader r1 ("Reader One") in ${file}\n`);
    const replaced = cli('second-password', 'review-user', file, '--id', 'r1', '--role', 'reader', '--name', 'Dr Reader One', '--password-stdin');
    expect(replaced.stdout).toBe(`Replaced reader r1 ("Dr Reader One") in ${file}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/first-password|second-password/);
    const review = JSON.parse(text);
    expect(review.trial).toBe('DEMO-02');
    expect(review.users).toHaveLength(1);
    expect(verifyPassword('second-password', review.users[0].password)).toBe(true);
    expect(verifyPassword('first-password', review.users[0].password)).toBe(false);
  });

  it.each([
    [['--id', 'r1', '--role', 'reader'], 'pw-long-enough', 'mrecist: --password-stdin: value: missing: the password is read from standard input, never given on the command line'],
    [['--id', 'r1', '--role', 'boss', '--password-stdin'], 'pw-long-enough', 'mrecist: --role: value: expected "reader" or "adjudicator", got "boss"'],
    [['--id', 'r/1', '--role', 'reader', '--password-stdin'], 'pw-long-enough', 'mrecist: --id: value: expected a user id of letters, digits, ".", "_" or "-" (1–64), got "r/1"'],
    [['--role', 'reader', '--password-stdin'], 'pw-long-enough', 'mrecist: --id: value: missing: the user id'],
    [['--id', 'r1', '--role', 'reader', '--password-stdin'], 'short\n', 'mrecist: --password-stdin: value: the password needs at least 8 characters'],
    [['--id', 'r1', '--role', 'reader', '--password-stdin'], 'two\nlines-here\n', 'mrecist: --password-stdin: value: expected one line (the password)'],
  ])('bad input %#: exit 2, one line', (args, input, message) => {
    const r = cli(input, 'review-user', join(dir, 'bad.json'), ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
  });

  it('a REVIEW.json that is not JSON is named, and left as it was', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"trial": ');
    const r = cli('pw-long-enough', 'review-user', file, '--id', 'r1', '--role', 'reader', '--password-stdin');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mrecist: ${file}: file: not valid JSON\n`);
    expect(readFileSync(file, 'utf8')).toBe('{"trial": ');
  });
});
