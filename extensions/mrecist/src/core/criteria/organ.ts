/**
 * Organ grouping for the "at most 2 targets per organ" rule and for new-lesion rules. All liver segments are
 * one organ; all lymph nodes together are one organ (RECIST 1.1, section 3). Other sites are grouped by the
 * first word of `site` ("lung RUL" and "lung left" are both "lung") [project rule: the case file has no organ
 * code, only free text].
 */

const LIVER_SITE = /\b(liver|hepatic|segment|s[1-8]|caudate)\b/i;
const PORTA_HEPATIS = /porta\s+hepatis/i;
const PORTAL_VEIN_THROMBUS = /portal\s+vein|thromb/i;

export function organOf(site: string | undefined, node: boolean | undefined): string {
  if (node === true) return 'lymph nodes';
  if (site === undefined || site.trim() === '') return 'liver';
  if (LIVER_SITE.test(site) && !PORTAL_VEIN_THROMBUS.test(site)) return 'liver';
  return site.trim().split(/\s+/)[0].toLowerCase();
}

/** Intrahepatic lesions follow the HCC new-lesion rule; a missing site is taken as liver (the study organ). */
export function isIntrahepatic(site: string | undefined, node: boolean | undefined): boolean {
  return organOf(site, node) === 'liver';
}

export function isPortaHepatis(site: string | undefined): boolean {
  return site !== undefined && PORTA_HEPATIS.test(site);
}

export function isPortalVeinThrombus(site: string | undefined): boolean {
  return site !== undefined && PORTAL_VEIN_THROMBUS.test(site);
}
