/**
 * The one React painter for chart layouts (shared/charts): it draws primitives and nothing else,
 * so the screen, the presentation and the exported SVG show the same picture (STYLE.md §6).
 * Rects whose role is listed in `interactiveRoles` become keyboard-reachable buttons.
 */
import { memo, useId, type KeyboardEvent, type ReactNode } from 'react';
import type { Layout, Primitive, RectPrimitive } from '../../../shared/charts';
import './chart.css';

export interface ChartSvgProps {
  layout: Layout;
  /** Rect roles that act as buttons (click, Enter or Space), e.g. ['cell']. */
  interactiveRoles?: readonly string[];
  onActivate?: (p: RectPrimitive) => void;
  /** Marks an interactive rect as the current selection (aria-pressed and a heavier outline). */
  isSelected?: (p: RectPrimitive) => boolean;
  fontFamily?: string;
  className?: string;
  /** Drawn above the primitives, in layout coordinates (e.g. Kim walking along the curve). */
  children?: ReactNode;
  testId?: string;
}

const dashOf = (d?: number[]): string | undefined => (d && d.length > 0 ? d.join(' ') : undefined);

function baselineOf(b: 'alphabetic' | 'middle' | 'hanging' | undefined): 'central' | 'hanging' | undefined {
  return b === 'middle' ? 'central' : b === 'hanging' ? 'hanging' : undefined;
}

function drawPrimitive(p: Primitive, key: number, props: ChartSvgProps): ReactNode {
  switch (p.type) {
    case 'rect': {
      const interactive = p.role !== undefined && (props.interactiveRoles ?? []).includes(p.role) && props.onActivate !== undefined;
      const common = {
        x: p.x, y: p.y, width: Math.max(0, p.w), height: Math.max(0, p.h), rx: p.rx, fill: p.fill, stroke: p.stroke,
        strokeDasharray: dashOf(p.dash), opacity: p.opacity, 'data-role': p.role,
      };
      if (!interactive) return <rect key={key} {...common}>{p.title ? <title>{p.title}</title> : null}</rect>;
      const activate = (): void => props.onActivate?.(p);
      const onKeyDown = (e: KeyboardEvent<SVGRectElement>): void => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate();
        }
      };
      const selected = props.isSelected?.(p) ?? false;
      return (
        <rect
          key={key}
          {...common}
          role="button"
          tabIndex={0}
          aria-label={p.title}
          aria-pressed={selected}
          className={selected ? 'chart-hit selected' : 'chart-hit'}
          data-stage={typeof p.data?.stageId === 'string' ? p.data.stageId : undefined}
          data-situation={typeof p.data?.situationId === 'string' ? p.data.situationId : undefined}
          onClick={activate}
          onKeyDown={onKeyDown}
        >
          {p.title ? <title>{p.title}</title> : null}
        </rect>
      );
    }
    case 'text':
      return (
        <text
          key={key} x={p.x} y={p.y} fontSize={p.size} fontWeight={p.weight === 'bold' ? 'bold' : undefined} fontStyle={p.italic ? 'italic' : undefined}
          textAnchor={p.anchor} dominantBaseline={baselineOf(p.baseline)} fill={p.fill} data-role={p.role}
          data-full={p.title}
        >
          {p.title ? <title>{p.title}</title> : null}
          {p.text}
        </text>
      );
    case 'line':
      return <line key={key} x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2} stroke={p.stroke} strokeWidth={p.width} strokeDasharray={dashOf(p.dash)} data-role={p.role} />;
    case 'path':
      return <path key={key} d={p.d} fill={p.fill ?? 'none'} stroke={p.stroke} strokeWidth={p.width} opacity={p.opacity} data-role={p.role} />;
    case 'circle':
      return (
        <circle key={key} cx={p.cx} cy={p.cy} r={p.r} fill={p.fill} stroke={p.stroke} data-role={p.role}>
          {p.title ? <title>{p.title}</title> : null}
        </circle>
      );
  }
}

/** Memoised on its props: the layout object only changes when the picture does. */
export const ChartSvg = memo(function ChartSvg(props: ChartSvgProps) {
  const { layout } = props;
  const id = useId();
  const interactive = (props.interactiveRoles ?? []).length > 0 && props.onActivate !== undefined;
  return (
    <svg
      className={`chart-svg${interactive ? ' interactive' : ''}${props.className ? ` ${props.className}` : ''}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      preserveAspectRatio="xMidYMin meet"
      // An img's children are presentational; with buttons inside it must be a group.
      role={interactive ? 'group' : 'img'}
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      fontFamily={props.fontFamily ?? 'DejaVu Sans, Helvetica, Arial, sans-serif'}
      data-testid={props.testId}
    >
      <title id={`${id}-t`}>{layout.title}</title>
      <desc id={`${id}-d`}>{layout.desc}</desc>
      {layout.primitives.map((p, i) => drawPrimitive(p, i, props))}
      {props.children}
    </svg>
  );
});

/** The layout's text alternative as a real table (the same rows the PDF prints). */
export function ChartTable({ layout, testId }: { layout: Layout; testId?: string }) {
  return (
    <div className="chart-table-wrap">
      <table className="data chart-table" data-testid={testId}>
        <caption>{layout.title}</caption>
        <thead>
          <tr>
            {layout.table.header.map((h, i) => (
              <th key={i} scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layout.table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
