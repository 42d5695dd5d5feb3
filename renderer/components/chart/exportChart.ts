/**
 * Chart export: SVG straight from layoutToSvg (the same serialiser the snapshot tests read), PNG by
 * drawing that SVG into a canvas at 2× through an Image from a blob URL (CSP allows img-src blob:).
 * Bytes go out through the platform door, never to a path of our choosing.
 */
import { layoutToSvg, type Layout } from '../../../shared/charts';
import { platform as defaultPlatform, type Platform, type SaveFileOutcome } from '../../platform';

export const SVG_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export function chartSvgText(layout: Layout, background = '#FFFFFF'): string {
  return layoutToSvg(layout, { fontFamily: SVG_FONT, background });
}

/** A file name from a title: lower case, ASCII letters and digits, dashes. */
export function chartFileName(base: string, ext: 'svg' | 'png'): string {
  const slug = base
    .toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a')
    .normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'diagram'}.${ext}`;
}

export function exportSvg(layout: Layout, base: string, background?: string, door: Platform = defaultPlatform): Promise<SaveFileOutcome> {
  const bytes = new TextEncoder().encode(chartSvgText(layout, background));
  return door.saveFile(bytes, chartFileName(base, 'svg'), [{ name: 'SVG', extensions: ['svg'] }]);
}

/** Rasterise SVG text at `scale` (2× keeps it sharp on a projector and in a slide deck). */
export async function svgToPngBytes(svg: string, width: number, height: number, scale = 2): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('PNG encoding failed');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportPng(layout: Layout, base: string, background?: string, door: Platform = defaultPlatform): Promise<SaveFileOutcome> {
  const bytes = await svgToPngBytes(chartSvgText(layout, background), layout.width, layout.height, 2);
  return door.saveFile(bytes, chartFileName(base, 'png'), [{ name: 'PNG', extensions: ['png'] }]);
}
