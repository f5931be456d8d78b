/** What ohif/dicomCodecs loads on first use (the chunk holding dcmjs). Import it only through dicomCodecs(). */
export { decodeDicom, encodeDicom } from '../core/dicom/DicomDataset';
export { writeSr } from '../core/sr/srFromCaseFile';
export { decodeMeasurementReport } from '../core/sr/decodeMeasurementReport';
