import { authorizationHeaders, authorizedFetch } from '../../../extensions/mrecist/src/ohif/authorizedFetch';

describe('our DICOMweb requests carry the host user authentication header', () => {
  const seen: Array<{ url: string; headers?: Record<string, string> }> = [];
  const base = async (url: string, init?: { headers?: Record<string, string> }) => {
    seen.push({ url, headers: init?.headers });
    return new Response('');
  };
  beforeEach(() => (seen.length = 0));

  it('adds the Authorization header to the request\'s own headers, asking for it on every request', async () => {
    let token = 'one';
    const send = authorizedFetch({ getAuthorizationHeader: () => ({ Authorization: `Bearer ${token}` }) }, base);
    await send('/dicom-web/studies', { headers: { Accept: 'application/dicom+json' } });
    token = 'two';
    await send('/dicom-web/studies');
    expect(seen).toEqual([
      { url: '/dicom-web/studies', headers: { Accept: 'application/dicom+json', Authorization: 'Bearer one' } },
      { url: '/dicom-web/studies', headers: { Authorization: 'Bearer two' } },
    ]);
  });

  it.each([
    ['no service', undefined],
    ['no user yet', { getAuthorizationHeader: () => undefined }],
    ['an empty header', { getAuthorizationHeader: () => ({ Authorization: '' }) }],
  ])('%s: no Authorization header', (_label, auth) => {
    expect(authorizationHeaders(auth)).toEqual({});
  });
});
