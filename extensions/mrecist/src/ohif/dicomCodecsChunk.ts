/** What ohif/dicomCodecs loads on first use (the chunk holding dcmjs). Import it only through dicomCodecs(). */
export { decodeDicom, encodeDicom } from '../core/dicom/DicomDataset';
export { readSr, writeSr } from '../core/sr/srFromCaseFile';
