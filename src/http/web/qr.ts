import QRCode from 'qrcode';

/**
 * QR codes of invite links, made with the `qrcode` library: SVG for the page, PNG for Slack image
 * blocks and link previews. Error correction M survives a little print damage and stays small.
 */
export function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#1f2430', light: '#ffffff' },
  });
}

export function qrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
}
