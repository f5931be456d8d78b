/**
 * The installable packages (extensions/mrecist, modes/mrecist): what OHIF's tooling and a site's source build
 * read from their package.json. `npm pack` itself runs the webpack build (prepack), so it is checked by hand
 * and in the README's install steps, not here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (folder: string) => JSON.parse(readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8'));
const OHIF_PEERS = ['@ohif/core', '@ohif/extension-cornerstone', 'react'];

describe.each([
  ['extensions/mrecist', '@ohif-mrecist/extension', 'ohif-extension', 'extension'],
  ['modes/mrecist', '@ohif-mrecist/mode', 'ohif-mode', 'mode'],
])('%s', (folder, name, keyword, buildName) => {
  const pkg = read(folder);

  it('names the package, its OHIF keyword and built entry inside the packed files', () => {
    expect(pkg).toMatchObject({ name, version: expect.stringMatching(/^\d+\.\d+\.\d+$/), description: expect.stringMatching(/\S/) });
    expect(pkg.keywords).toContain(keyword);
    expect(pkg.main).toBe('dist/index.js');
    expect(pkg.module).toBe('dist/index.js');
    expect(pkg.files).toContain('dist');
    expect(pkg.scripts.build).toContain(`--env packages=${buildName}`);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('takes OHIF 3.13 and React 18 from the host', () => {
    for (const peer of OHIF_PEERS) expect(pkg.peerDependencies[peer]).toBeDefined();
    expect(pkg.peerDependencies['@ohif/core']).toBe('^3.13.0');
    expect(pkg.peerDependencies['@ohif/extension-cornerstone']).toBe('^3.13.0');
    expect(pkg.peerDependencies.react).toMatch(/^\^18\./);
  });
});

it('the mode depends on the extension by package name and version; the root workspace holds both', () => {
  const extension = read('extensions/mrecist');
  expect(read('modes/mrecist').dependencies).toEqual({ [extension.name]: extension.version });
  expect(read('.').workspaces).toEqual(['extensions/mrecist', 'modes/mrecist']);
});
