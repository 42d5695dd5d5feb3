/**
 * Layout → SVG string. Pure (no DOM), so chart export and the snapshot tests share one path.
 */
import type { Layout, Primitive } from './types';
import { r2 } from './types';

/** Escape for XML text and attribute values. Also drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const num = (x: number): string => String(r2(x));

function attrs(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`)
    .join('');
}

const dashAttr = (d?: number[]): string | undefined => (d && d.length > 0 ? d.map(num).join(' ') : undefined);

function primitiveToSvg(p: Primitive, font: string): string {
  switch (p.type) {
    case 'rect': {
      const a = attrs([
        ['x', p.x], ['y', p.y], ['width', Math.max(0, p.w)], ['height', Math.max(0, p.h)], ['rx', p.rx], ['fill', p.fill],
        ['stroke', p.stroke], ['stroke-dasharray', dashAttr(p.dash)], ['opacity', p.opacity], ['data-role', p.role],
      ]);
      return p.title ? `<rect${a}><title>${escapeXml(p.title)}</title></rect>` : `<rect${a}/>`;
    }
    case 'text': {
      const baseline = p.baseline === 'middle' ? 'central' : p.baseline === 'hanging' ? 'hanging' : undefined;
      const a = attrs([
        ['x', p.x], ['y', p.y], ['font-family', font], ['font-size', p.size], ['font-weight', p.weight === 'bold' ? 'bold' : undefined],
        ['font-style', p.italic ? 'italic' : undefined], ['text-anchor', p.anchor], ['dominant-baseline', baseline], ['fill', p.fill], ['data-role', p.role],
      ]);
      return p.title ? `<text${a}><title>${escapeXml(p.title)}</title>${escapeXml(p.text)}</text>` : `<text${a}>${escapeXml(p.text)}</text>`;
    }
    case 'line':
      return `<line${attrs([['x1', p.x1], ['y1', p.y1], ['x2', p.x2], ['y2', p.y2], ['stroke', p.stroke], ['stroke-width', p.width], ['stroke-dasharray', dashAttr(p.dash)], ['data-role', p.role]])}/>`;
    case 'path':
      return `<path${attrs([['d', p.d], ['fill', p.fill ?? 'none'], ['stroke', p.stroke], ['stroke-width', p.width], ['opacity', p.opacity], ['data-role', p.role]])}/>`;
    case 'circle': {
      const a = attrs([['cx', p.cx], ['cy', p.cy], ['r', p.r], ['fill', p.fill], ['stroke', p.stroke], ['data-role', p.role]]);
      return p.title ? `<circle${a}><title>${escapeXml(p.title)}</title></circle>` : `<circle${a}/>`;
    }
  }
}

/** A standalone SVG document (role="img", <title> and <desc> for screen readers). */
export function layoutToSvg(layout: Layout, opts: { fontFamily?: string; background?: string } = {}): string {
  const font = opts.fontFamily ?? 'DejaVu Sans, Helvetica, Arial, sans-serif';
  const w = num(layout.width);
  const h = num(layout.height);
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escapeXml(layout.title)}</title>`,
    `<desc id="chart-desc">${escapeXml(layout.desc)}</desc>`,
  ];
  if (opts.background) lines.push(`<rect x="0" y="0" width="${w}" height="${h}" fill="${escapeXml(opts.background)}"/>`);
  for (const p of layout.primitives) lines.push(primitiveToSvg(p, font));
  lines.push('</svg>');
  return lines.join('\n');
}
