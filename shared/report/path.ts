/**
 * A small SVG path-data parser for the PDF painter. d3-shape emits M, L, C, Z (curveMonotoneX) and
 * sometimes H, V, Q, A; we accept the whole SVG 1.1 grammar (absolute and relative, implicit repeats,
 * S/T reflections) and reduce it to three absolute commands that PDF has natively: move, line,
 * cubic. Quadratics are raised to cubics exactly; arcs are split into ≤ 90° cubic pieces
 * (SVG 1.1 Implementation notes F.6.5 for the endpoint → centre conversion).
 */

export type PathOp =
  | { op: 'M'; x: number; y: number }
  | { op: 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

type Cubic = Extract<PathOp, { op: 'C' }>;

export type ParsedPath = { ok: true; ops: PathOp[] } | { ok: false; message: string; at: number };

const ARITY: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

function tokenize(d: string): { ok: true; tokens: (string | number)[] } | { ok: false; message: string; at: number } {
  const tokens: (string | number)[] = [];
  const re = /\s*,?\s*([MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/y;
  let i = 0;
  while (i < d.length) {
    if (/^[\s,]*$/.test(d.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(d);
    if (!m || m[1] === undefined) return { ok: false, message: `unexpected character ${JSON.stringify(d.slice(i, i + 8))}`, at: i };
    tokens.push(/^[A-Za-z]$/.test(m[1]) ? m[1] : Number(m[1]));
    i = re.lastIndex;
  }
  return { ok: true, tokens };
}

/** Split an elliptical arc into cubic Béziers (each ≤ 90°). */
function arcToCubics(x1: number, y1: number, rxIn: number, ryIn: number, phiDeg: number, largeArc: boolean, sweep: boolean, x2: number, y2: number): PathOp[] {
  if (x1 === x2 && y1 === y2) return [];
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) return [{ op: 'L', x: x2, y: y2 }];
  const phi = (phiDeg * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  // F.6.6: scale up radii that are too small to reach the end point.
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  const coef = (largeArc === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * y1p) / ry;
  const cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number): number => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  const theta1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dtheta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dtheta > 0) dtheta -= 2 * Math.PI;
  else if (sweep && dtheta < 0) dtheta += 2 * Math.PI;
  const pieces = Math.max(1, Math.ceil(Math.abs(dtheta) / (Math.PI / 2) - 1e-9));
  const step = dtheta / pieces;
  // Control-point distance for a circular arc of angle `step` (Riškus 2006).
  const k = (4 / 3) * Math.tan(step / 4);
  const point = (t: number): [number, number] => [cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin, cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos];
  const deriv = (t: number): [number, number] => [-rx * Math.sin(t) * cos - ry * Math.cos(t) * sin, -rx * Math.sin(t) * sin + ry * Math.cos(t) * cos];
  const out: PathOp[] = [];
  for (let i = 0; i < pieces; i++) {
    const a = theta1 + i * step;
    const b = a + step;
    const [ax, ay] = point(a);
    const [bx, by] = i === pieces - 1 ? [x2, y2] : point(b);
    const [dax, day] = deriv(a);
    const [dbx, dby] = deriv(b);
    out.push({ op: 'C', x1: ax + k * dax, y1: ay + k * day, x2: bx - k * dbx, y2: by - k * dby, x: bx, y: by });
  }
  return out;
}

/** The reflection of the previous control point about the current point (S and T); the point itself when there is none. */
function reflect(prev: readonly [number, number] | null, cx: number, cy: number): [number, number] {
  return prev ? [2 * cx - prev[0], 2 * cy - prev[1]] : [cx, cy];
}

/** Parse SVG path data into absolute move / line / cubic / close operations. */
export function parsePath(d: string): ParsedPath {
  const t = tokenize(d);
  if (!t.ok) return t;
  const ops: PathOp[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  // Last control point, for S and T reflections.
  let lastC: [number, number] | null = null;
  let lastQ: [number, number] | null = null;
  let cmd = '';
  let i = 0;
  const tokens = t.tokens;
  while (i < tokens.length) {
    const tok = tokens[i];
    if (typeof tok === 'string') {
      cmd = tok;
      i += 1;
      if (cmd === 'Z' || cmd === 'z') {
        ops.push({ op: 'Z' });
        cx = sx;
        cy = sy;
        lastC = null;
        lastQ = null;
        continue;
      }
    } else if (cmd === '' || cmd === 'Z' || cmd === 'z') {
      return { ok: false, message: 'number without a command', at: i };
    }
    const upper = cmd.toUpperCase();
    const rel = cmd !== upper;
    const n = ARITY[upper] ?? 0;
    const args: number[] = [];
    for (let j = 0; j < n; j++) {
      const v = tokens[i + j];
      if (typeof v !== 'number') return { ok: false, message: `command ${cmd} needs ${n} numbers`, at: i };
      args.push(v);
    }
    i += n;
    const a = (j: number): number => args[j] ?? 0;
    const ox = rel ? cx : 0;
    const oy = rel ? cy : 0;
    switch (upper) {
      case 'M':
        cx = a(0) + ox;
        cy = a(1) + oy;
        sx = cx;
        sy = cy;
        ops.push({ op: 'M', x: cx, y: cy });
        // Further pairs after a move are implicit line-tos (SVG 1.1 §8.3.2).
        cmd = rel ? 'l' : 'L';
        lastC = null;
        lastQ = null;
        break;
      case 'L':
        cx = a(0) + ox;
        cy = a(1) + oy;
        ops.push({ op: 'L', x: cx, y: cy });
        lastC = null;
        lastQ = null;
        break;
      case 'H':
        cx = a(0) + ox;
        ops.push({ op: 'L', x: cx, y: cy });
        lastC = null;
        lastQ = null;
        break;
      case 'V':
        cy = a(0) + oy;
        ops.push({ op: 'L', x: cx, y: cy });
        lastC = null;
        lastQ = null;
        break;
      case 'C': {
        const c: Cubic = { op: 'C', x1: a(0) + ox, y1: a(1) + oy, x2: a(2) + ox, y2: a(3) + oy, x: a(4) + ox, y: a(5) + oy };
        ops.push(c);
        lastC = [c.x2, c.y2];
        lastQ = null;
        cx = c.x;
        cy = c.y;
        break;
      }
      case 'S': {
        const [rx1, ry1] = reflect(lastC, cx, cy);
        const c: Cubic = { op: 'C', x1: rx1, y1: ry1, x2: a(0) + ox, y2: a(1) + oy, x: a(2) + ox, y: a(3) + oy };
        ops.push(c);
        lastC = [c.x2, c.y2];
        lastQ = null;
        cx = c.x;
        cy = c.y;
        break;
      }
      case 'Q':
      case 'T': {
        const q: [number, number] = upper === 'Q' ? [a(0) + ox, a(1) + oy] : reflect(lastQ, cx, cy);
        const qx = q[0];
        const qy = q[1];
        const [x, y]: [number, number] = upper === 'Q' ? [a(2) + ox, a(3) + oy] : [a(0) + ox, a(1) + oy];
        // Degree elevation: a quadratic is the cubic with controls at 2/3 towards the quadratic control.
        ops.push({ op: 'C', x1: cx + (2 / 3) * (qx - cx), y1: cy + (2 / 3) * (qy - cy), x2: x + (2 / 3) * (qx - x), y2: y + (2 / 3) * (qy - y), x, y });
        lastQ = q;
        lastC = null;
        cx = x;
        cy = y;
        break;
      }
      case 'A': {
        const x = a(5) + ox;
        const y = a(6) + oy;
        ops.push(...arcToCubics(cx, cy, a(0), a(1), a(2), a(3) !== 0, a(4) !== 0, x, y));
        cx = x;
        cy = y;
        lastC = null;
        lastQ = null;
        break;
      }
      default:
        return { ok: false, message: `unknown command ${cmd}`, at: i };
    }
  }
  return { ok: true, ops };
}
