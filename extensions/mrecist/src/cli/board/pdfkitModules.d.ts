// Type declarations for the two PDF packages that ship none: only what the board's PDF host calls.
declare module 'pdfkit' {
  import type { PdfCanvas } from '../../core/board/pdfCanvas';
  interface PdfKitOptions {
    size?: [number, number] | string;
    margin?: number;
    info?: Record<string, string | Date>;
    autoFirstPage?: boolean;
    compress?: boolean;
  }
  class PDFDocument implements PdfCanvas {
    constructor(options?: PdfKitOptions);
    page: PdfCanvas['page'];
    y: number;
    addPage(): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    text(text: string, x?: number, y?: number, options?: object): this;
    heightOfString(text: string, options?: object): number;
    widthOfString(text: string): number;
    rect(x: number, y: number, w: number, h: number): this;
    fill(color?: string): this;
    stroke(color?: string): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    image(src: Buffer | ArrayBuffer, x: number, y: number, options?: { width?: number; height?: number }): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    end(): void;
    bufferedPageRange(): { start: number; count: number };
  }
  export default PDFDocument;
}

declare module 'svg-to-pdfkit' {
  function SVGtoPDF(doc: unknown, svg: string, x: number, y: number, options?: { width?: number; height?: number; assumePt?: boolean; preserveAspectRatio?: string }): void;
  export default SVGtoPDF;
}
