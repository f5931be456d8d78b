/**
 * `npm start -- --pacs URL` with nothing listening: ONE clear line on stderr and exit code 2, never a blank
 * viewer. Port 9 (discard) on loopback has no listener on our machines and CI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

jest.setTimeout(180_000);

it('refuses an unreachable PACS with one line and exit code 2', () => {
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'start.mjs'), '--pacs', 'http://127.0.0.1:9', '--port', '0'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 170_000,
    env: { ...process.env, MRECIST_PACS_URL: '' },
  });
  expect(result.stderr).toBe('PACS at http://127.0.0.1:9 is unreachable: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9\n');
  expect(result.status).toBe(2);
  expect(result.stdout).not.toContain('mRECIST viewer:');
});

it('refuses a --pacs value that is not an http(s) URL', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'serve', 'main.ts'), '--pacs', 'ftp://pacs.example/dicom-web', '--port', '0'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toBe('--pacs: not an http(s) URL: ftp://pacs.example/dicom-web\n');
  expect(result.status).toBe(2);
});
