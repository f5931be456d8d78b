// Type declarations for the two PDF packages that ship none. PDFKit's document is typed where it is created
// (pdfDocument.ts, as PdfCanvas plus what the host calls), so only the constructor is declared here.
declare module 'pdfkit' {
  class PDFDocument {
    constructor(options?: {
      size?: [number, number] | string;
      margin?: number;
      info?: Record<string, string | Date>;
    });
  }
  export default PDFDocument;
}

declare module 'svg-to-pdfkit' {
  function SVGtoPDF(doc: unknown, svg: string, x: number, y: number, options?: { width?: number; height?: number; preserveAspectRatio?: string }): void;
  export default SVGtoPDF;
}
