import { generate } from 'lean-qr';
import { toPngBuffer } from 'lean-qr/extras/node_export';
import { toSvgSource } from 'lean-qr/extras/svg';

/** The verification link as a QR code: SVG for the page (scales for print), PNG for the Word document. */
export function qrSvg(text: string): string {
  return toSvgSource(generate(text), { on: 'black', off: 'white', width: 160, height: 160 });
}

export function qrPng(text: string): Uint8Array {
  return new Uint8Array(toPngBuffer(generate(text), { scale: 6 }));
}
