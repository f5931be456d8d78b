// Minimal typings for the parts of dcmjs this project uses (dcmjs ships none).
declare module 'dcmjs' {
  type NaturalDataset = Record<string, any>;
  interface DicomDictInstance {
    meta: Record<string, any>;
    dict: Record<string, any>;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDictInstance;
      };
      DicomMetaDictionary: {
        naturalizeDataset(dict: Record<string, any>): NaturalDataset;
        denaturalizeDataset(dataset: NaturalDataset): Record<string, any>;
        namifyDataset(dict: Record<string, any>): NaturalDataset;
        uid(): string;
        date(): string;
        time(): string;
        dictionary: Record<string, { tag: string; vr: string; name: string; vm: string }>;
        nameMap: Record<string, { tag: string; vr: string; name: string; vm: string }>;
      };
      DicomDict: new (meta: Record<string, any>) => DicomDictInstance;
      datasetToDict(dataset: NaturalDataset): DicomDictInstance;
      datasetToBuffer(dataset: NaturalDataset): Buffer;
    };
    [key: string]: any;
  };
  export default dcmjs;
}
