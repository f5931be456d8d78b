// The one prebuilt OHIF viewer this project is tested against. The integrity value is the npm registry's
// dist.integrity for this exact tarball (`npm view @ohif/app@3.13.2 dist.integrity`); it is pinned here so a
// changed or substituted tarball is refused instead of silently hosting our code in a different viewer.
export const OHIF_APP_NAME = '@ohif/app';
export const OHIF_APP_VERSION = '3.13.2';
export const OHIF_APP_INTEGRITY =
  'sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA==';

/**
 * Folders of the package's dist/ we never serve: ONNX runtime AI models (~125 MB) and the whole-slide
 * microscopy viewer (~14 MB). Neither is used by liver CT/MRI reading.
 */
export const OHIF_DIST_EXCLUDED = ['ort', 'dicom-microscopy-viewer'];
