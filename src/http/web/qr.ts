import QRCode from 'qrcode';

/**
 * QR codes of invite links, made with the `qrcode` library: SVG for the page, PNG for Slack image
 * blocks and link previews. Error correction M survives a little print damage and stays small.
 * A code depends only on the link (which holds the handle), so the last few hundred are kept in
 * memory: a shared invite page is opened by many people, and encoding is the costly part.
 */
const KEEP = 500;

function memo<T>(make: (link: string) => Promise<T>): (link: string) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (link) => {
    const hit = kept.get(link);
    if (hit) {
      kept.delete(link);
      kept.set(link, hit);
      return hit;
    }
    const made = make(link);
    kept.set(link, made);
    made.catch(() => kept.delete(link));
    if (kept.size > KEEP) kept.delete(kept.keys().next().value ?? '');
    return made;
  };
}

export const qrSvg = memo((link) =>
  QRCode.toString(link, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#1f2430', light: '#ffffff' },
  }),
);

export const qrPng = memo((link) =>
  QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 }),
);
