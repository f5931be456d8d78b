/**
 * Our DICOMweb requests (STOW of reports, report listing, instance fetches for the overlay) carry the same
 * Authorization header as the host's own: OHIF's userAuthenticationService gives it (OIDC access token, a
 * `?token=` URL parameter, or a site's own implementation), and the DICOMweb data source sends exactly that.
 * Asked anew for every request, so a refreshed token is used at once.
 */
export interface UserAuthentication {
  getAuthorizationHeader?(): Record<string, string> | undefined | void;
}

export type HeaderFetch = (url: string, init?: { headers?: Record<string, string>; [option: string]: unknown }) => Promise<Response>;

/** The host's Authorization header now, or none (no authentication configured, or no user yet). */
export function authorizationHeaders(auth: UserAuthentication | undefined): Record<string, string> {
  const header = auth?.getAuthorizationHeader?.() ?? undefined;
  return header && typeof header.Authorization === 'string' && header.Authorization ? { Authorization: header.Authorization } : {};
}

/** `fetch` that adds the host's Authorization header to the request's own headers. */
export function authorizedFetch(auth: UserAuthentication | undefined, base: HeaderFetch = (url, init) => fetch(url, init as RequestInit)): HeaderFetch {
  return (url, init = {}) => base(url, { ...init, headers: { ...(init.headers ?? {}), ...authorizationHeaders(auth) } });
}
