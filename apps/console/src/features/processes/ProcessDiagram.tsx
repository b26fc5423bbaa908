// The drawn flow of a process definition, as plain SVG (no diagram library): columns are the
// distance from the start, a fork's branches are stacked, solid arrows are forward moves labelled
// with the action, dashed arrows are returns and join rejections. Fork and join are diamonds, wait
// steps yellow boxes, end steps circles; steps that cannot be reached are drawn grey at the right.
import { Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import type { ProcessDefinition, StepDef } from './api.ts';
import {
  type Edge,
  edgesOf,
  type LaidOutNode,
  layout,
  outcomeLabel,
  STEP_TYPE_LABELS,
  signalLabel,
} from './definition.ts';

const W = 136;
const H = 54;
const COL = W + 104;
const ROW = H + 58;
const PAD = 40;
const END_R = 24;

/** Approximate text width: CJK characters at the font size, other characters at about half. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFFF]/.test(ch) ? size : size * 0.56;
  return w;
}

function fit(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

interface Box {
  x: number;
  y: number;
  step: StepDef;
  reachable: boolean;
}

function anchors(b: Box) {
  const cx = b.x + W / 2;
  const cy = b.y + H / 2;
  if (b.step.type === 'end') {
    return {
      left: { x: cx - END_R, y: cy },
      right: { x: cx + END_R, y: cy },
      bottom: { x: cx, y: cy + END_R + 22 },
      top: { x: cx, y: cy - END_R },
    };
  }
  const tip = b.step.type === 'fork' || b.step.type === 'join' ? 6 : 0;
  return {
    left: { x: b.x, y: cy },
    right: { x: b.x + W, y: cy },
    bottom: { x: cx, y: b.y + H + tip },
    top: { x: cx, y: b.y - tip },
  };
}

function bezierPoint(
  p0: { x: number; y: number },
  p1: { x: number; y: number },
  p2: { x: number; y: number },
  p3: { x: number; y: number },
  t: number,
) {
  const u = 1 - t;
  return {
    x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
    y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
  };
}

/** How a move is drawn: left to right, or (back and same-column moves) looping below or above the boxes. */
type Route = { kind: 'forward' } | { kind: 'below' | 'above'; y: number };

function EdgePath({ edge, from, to, route }: { edge: Edge; from: Box; to: Box; route: Route }) {
  const a = anchors(from);
  const b = anchors(to);
  let p0: { x: number; y: number };
  let p1: { x: number; y: number };
  let p2: { x: number; y: number };
  let p3: { x: number; y: number };
  if (route.kind === 'forward') {
    p0 = a.right;
    p3 = b.left;
    const dx = Math.max(40, (p3.x - p0.x) / 2);
    p1 = { x: p0.x + dx, y: p0.y };
    p2 = { x: p3.x - dx, y: p3.y };
  } else {
    p0 = route.kind === 'below' ? a.bottom : a.top;
    p3 = route.kind === 'below' ? b.bottom : b.top;
    // A cubic reaches about 3/4 of the way to its control points' level.
    const level = p0.y + ((route.y - p0.y) * 4) / 3;
    p1 = { x: p0.x, y: level };
    p2 = { x: p3.x, y: level };
  }
  const mid = bezierPoint(p0, p1, p2, p3, 0.5);
  const label = fit(edge.label, 12, 100);
  const lw = textWidth(label, 12) + 8;
  const color = edge.dashed ? '#9a3412' : '#374151';
  return (
    <g>
      <path
        d={`M${p0.x},${p0.y} C${p1.x},${p1.y} ${p2.x},${p2.y} ${p3.x},${p3.y}`}
        fill="none"
        stroke={color}
        strokeWidth={1.5}
        strokeDasharray={edge.dashed ? '6 4' : undefined}
        markerEnd={edge.dashed ? 'url(#zt-arrow-return)' : 'url(#zt-arrow)'}
      />
      {label ? (
        <g>
          <rect x={mid.x - lw / 2} y={mid.y - 9} width={lw} height={18} rx={3} fill="#fff" opacity={0.92} />
          <text x={mid.x} y={mid.y + 4} textAnchor="middle" fontSize={12} fill={color}>
            {label}
          </text>
        </g>
      ) : null}
    </g>
  );
}

function NodeShape({
  box,
  selected,
  hasProblem,
  subtitle,
  onSelect,
}: {
  box: Box;
  selected: boolean;
  hasProblem: boolean;
  subtitle: string;
  onSelect?: () => void;
}) {
  const { step, x, y, reachable } = box;
  const stroke = hasProblem ? '#b91c1c' : !reachable ? '#6b7280' : selected ? '#1d4ed8' : '#475569';
  const strokeWidth = selected ? 3 : hasProblem ? 2 : 1.5;
  const dash = reachable ? undefined : '4 3';
  const cx = x + W / 2;
  const cy = y + H / 2;
  const name = fit(step.name || step.key, 13, W - 18);
  let shape: ReactNode;
  let nameY = cy - 2;
  let subY: number | null = cy + 15;
  switch (step.type) {
    case 'fork':
    case 'join':
      shape = (
        <polygon
          points={`${x},${cy} ${cx},${y - 6} ${x + W},${cy} ${cx},${y + H + 6}`}
          fill={reachable ? '#f3e8ff' : '#f3f4f6'}
          stroke={stroke}
          strokeWidth={strokeWidth}
          strokeDasharray={dash}
        />
      );
      nameY = cy - 1;
      subY = cy + 14;
      break;
    case 'end':
      shape = (
        <circle
          cx={cx}
          cy={cy}
          r={END_R}
          fill={reachable ? '#dcfce7' : '#f3f4f6'}
          stroke={stroke}
          strokeWidth={strokeWidth + 1.5}
          strokeDasharray={dash}
        />
      );
      nameY = cy + END_R + 16;
      subY = null;
      break;
    case 'wait':
      shape = (
        <rect
          x={x}
          y={y}
          width={W}
          height={H}
          rx={4}
          fill={reachable ? '#fef9c3' : '#f3f4f6'}
          stroke={stroke}
          strokeWidth={strokeWidth}
          strokeDasharray={dash ?? '2 0'}
        />
      );
      break;
    default:
      shape = (
        <rect
          x={x}
          y={y}
          width={W}
          height={H}
          rx={10}
          fill={reachable ? '#eff6ff' : '#f3f4f6'}
          stroke={stroke}
          strokeWidth={strokeWidth}
          strokeDasharray={dash}
        />
      );
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the step table is the keyboard path
    <g data-step={step.key} onClick={onSelect} style={{ cursor: onSelect ? 'pointer' : undefined }}>
      <title>{`${STEP_TYPE_LABELS[step.type]}：${step.name || step.key}${subtitle ? `（${subtitle}）` : ''}${reachable ? '' : '，无法从开始环节到达'}`}</title>
      {shape}
      <text x={cx} y={nameY} textAnchor="middle" fontSize={13} fontWeight={600} fill="#111827">
        {name}
      </text>
      {subY !== null && subtitle ? (
        <text x={cx} y={subY} textAnchor="middle" fontSize={11} fill="#374151">
          {fit(subtitle, 11, W - 14)}
        </text>
      ) : null}
      {step.type === 'end' ? (
        <text x={cx} y={cy + 4} textAnchor="middle" fontSize={11} fill="#166534">
          结束
        </text>
      ) : null}
    </g>
  );
}

export function ProcessDiagram({
  definition,
  selectedKey,
  problemKeys,
  subtitleOf,
  onSelect,
  title = '流程图',
}: {
  definition: ProcessDefinition;
  selectedKey?: string | null;
  problemKeys?: Set<string>;
  subtitleOf?: (step: StepDef) => string;
  onSelect?: (key: string) => void;
  title?: string;
}) {
  const { boxes, edges, routes, width, height } = useMemo(() => {
    const edges = edgesOf(definition);
    const { nodes, cols, rows } = layout(definition, edges);
    const boxes = new Map<string, Box>();
    const perCol = new Map<number, LaidOutNode[]>();
    for (const n of nodes) perCol.set(n.col, [...(perCol.get(n.col) ?? []), n]);
    for (const [col, list] of perCol) {
      // Centre each column against the tallest one so branches fan out around the main line.
      const offset = ((rows - list.length) * ROW) / 2;
      for (const n of list) {
        boxes.set(n.step.key, {
          x: PAD + 28 + col * COL,
          y: PAD + offset + n.row * ROW,
          step: n.step,
          reachable: n.reachable,
        });
      }
    }
    // Back moves go round the boxes of the columns they span: below, unless a box sits right under
    // one of their ends and none right above it (then above). Each one a little further out.
    const all = [...boxes.values()];
    const routes = new Map<Edge, Route>();
    let lowest = 0;
    let highest = Number.POSITIVE_INFINITY;
    for (const b of all) {
      lowest = Math.max(lowest, anchors(b).bottom.y);
      highest = Math.min(highest, anchors(b).top.y);
    }
    let below = 0;
    let above = 0;
    for (const e of edges) {
      const a = boxes.get(e.from);
      const b = boxes.get(e.to);
      if (!a || !b) continue;
      if (b.x > a.x) {
        routes.set(e, { kind: 'forward' });
        continue;
      }
      const lo = Math.min(a.x, b.x);
      const hi = Math.max(a.x, b.x);
      const span = all.filter((x) => x.x >= lo && x.x <= hi);
      const under = span.filter((x) => (x.x === a.x && x.y > a.y) || (x.x === b.x && x.y > b.y)).length;
      const over = span.filter((x) => (x.x === a.x && x.y < a.y) || (x.x === b.x && x.y < b.y)).length;
      if (under > 0 && over < under) {
        const top = Math.min(...span.map((x) => anchors(x).top.y));
        routes.set(e, { kind: 'above', y: top - 22 - (above % 3) * 12 });
        above += 1;
      } else {
        const bottom = Math.max(...span.map((x) => anchors(x).bottom.y));
        routes.set(e, { kind: 'below', y: bottom + 22 + (below % 3) * 12 });
        below += 1;
      }
    }
    // Shift everything down when a loop runs above the top row.
    const minY = Math.min(
      highest,
      ...[...routes.values()].map((r) => (r.kind === 'above' ? r.y - 12 : highest)),
    );
    const shift = Math.max(0, 12 - minY);
    if (shift > 0) {
      for (const b of all) b.y += shift;
      for (const [k, r] of routes) if (r.kind !== 'forward') routes.set(k, { ...r, y: r.y + shift });
    }
    const maxY = Math.max(
      lowest + shift,
      ...[...routes.values()].map((r) => (r.kind === 'below' ? r.y + 14 : 0)),
    );
    return {
      boxes,
      edges,
      routes,
      width: PAD * 2 + 28 + Math.max(1, cols) * COL - (COL - W),
      height: maxY + 20,
    };
  }, [definition]);

  const start = boxes.get(definition.start);
  const names = definition.steps.map((s) => s.name || s.key).join('、');

  if (definition.steps.length === 0) {
    return <Typography.Text type="secondary">还没有环节。</Typography.Text>;
  }

  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="zt-diagram-title"
      style={{ display: 'block', fontFamily: 'inherit' }}
      data-testid="process-diagram"
    >
      <title id="zt-diagram-title">{`${title}：${names}`}</title>
      <defs>
        <marker
          id="zt-arrow"
          viewBox="0 0 10 10"
          refX={9}
          refY={5}
          markerWidth={8}
          markerHeight={8}
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#374151" />
        </marker>
        <marker
          id="zt-arrow-return"
          viewBox="0 0 10 10"
          refX={9}
          refY={5}
          markerWidth={8}
          markerHeight={8}
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#9a3412" />
        </marker>
      </defs>
      {start ? (
        <g>
          <circle cx={start.x - 22} cy={start.y + H / 2} r={7} fill="#1d4ed8" />
          <line
            x1={start.x - 15}
            y1={start.y + H / 2}
            x2={start.x - 2}
            y2={start.y + H / 2}
            stroke="#1d4ed8"
            strokeWidth={1.5}
            markerEnd="url(#zt-arrow)"
          />
        </g>
      ) : null}
      {edges.map((e) => {
        const from = boxes.get(e.from);
        const to = boxes.get(e.to);
        return from && to ? (
          <EdgePath
            key={`${e.from}>${e.to}:${e.label}:${e.dashed}`}
            edge={e}
            from={from}
            to={to}
            route={routes.get(e) ?? { kind: 'forward' }}
          />
        ) : null;
      })}
      {[...boxes.values()].map((b) => (
        <NodeShape
          key={b.step.key}
          box={b}
          selected={selectedKey === b.step.key}
          hasProblem={problemKeys?.has(b.step.key) ?? false}
          subtitle={
            subtitleOf?.(b.step) ??
            (b.step.type === 'wait'
              ? signalLabel(b.step.signal)
              : b.step.type === 'join'
                ? b.step.mode === 'any'
                  ? '或签'
                  : '会签'
                : b.step.type === 'end'
                  ? outcomeLabel(b.step.outcome)
                  : '')
          }
          onSelect={onSelect ? () => onSelect(b.step.key) : undefined}
        />
      ))}
    </svg>
  );
}

/** A keyboard-reachable scrolling box for a diagram wider than the page (axe: scrollable-region-focusable). */
export function DiagramScroll({
  label,
  maxHeight,
  children,
}: {
  label: string;
  maxHeight?: number;
  children: ReactNode;
}) {
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      aria-label={label}
      style={{ overflow: 'auto', maxHeight, border: '1px solid #e5e7eb', borderRadius: 6 }}
    >
      {children}
    </section>
  );
}
