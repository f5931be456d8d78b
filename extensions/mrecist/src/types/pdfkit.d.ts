// Type declarations for the two PDF packages that ship none. PDFKit's document is typed where it is used
// (core/board/pdfkitHost.ts, as PdfCanvas plus what the host calls), so only the constructor is declared here.
declare module 'pdfkit' {
  class PDFDocument {
    constructor(options?: {
      size?: [number, number] | string;
      margin?: number;
      info?: Record<string, string | Date>;
    });
  }
  /** Browser build only: the standard fonts' metrics, registered before a document uses them. */
  export function registerStdFonts(...fonts: unknown[]): void;
  export default PDFDocument;
}

declare module 'pdfkit/standard-fonts/Helvetica' {
  const font: unknown;
  export default font;
}

declare module 'pdfkit/standard-fonts/HelveticaBold' {
  const font: unknown;
  export default font;
}

declare module 'svg-to-pdfkit' {
  function SVGtoPDF(doc: unknown, svg: string, x: number, y: number, options?: { width?: number; height?: number; preserveAspectRatio?: string }): void;
  export default SVGtoPDF;
}
