/** A small SVG line chart, written by hand: one panel per unit, one polyline per series. */

export interface Series {
  name: string;
  color: string;
  /** [seconds since start, value] */
  points: [number, number][];
}

export interface Panel {
  title: string;
  unit: string;
  series: Series[];
}

const WIDTH = 720;
const PANEL_HEIGHT = 180;
const MARGIN = { left: 60, right: 150, top: 28, bottom: 30 };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(p: Panel, top: number, maxSeconds: number): string {
  const values = p.series.flatMap((s) => s.points.map(([, v]) => v)).filter(Number.isFinite);
  const maxValue = Math.max(1, ...values) * 1.1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (t: number): number => MARGIN.left + (maxSeconds === 0 ? 0 : (t / maxSeconds) * plotW);
  const y = (v: number): number => top + MARGIN.top + plotH - (v / maxValue) * plotH;
  const parts: string[] = [
    `<text x="${MARGIN.left}" y="${top + 18}" font-weight="bold">${esc(p.title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${y(0)}" x2="${MARGIN.left + plotW}" y2="${y(0)}" stroke="#888"/>`,
    `<line x1="${MARGIN.left}" y1="${y(0)}" x2="${MARGIN.left}" y2="${y(maxValue)}" stroke="#888"/>`,
  ];
  for (const frac of [0, 0.5, 1]) {
    const v = maxValue * frac;
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)} ${esc(p.unit)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW}" y="${y(0) + 18}" text-anchor="end">${maxSeconds.toFixed(0)} s</text>`);
  p.series.forEach((s, i) => {
    const pts = s.points.filter(([, v]) => Number.isFinite(v)).map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>`);
    parts.push(`<text x="${MARGIN.left + plotW + 10}" y="${top + MARGIN.top + 14 + i * 16}" fill="${s.color}">${esc(s.name)}</text>`);
  });
  return parts.join('\n');
}

export function svgChart(title: string, panels: Panel[]): string {
  const maxSeconds = Math.max(0, ...panels.flatMap((p) => p.series.flatMap((s) => s.points.map(([t]) => t))));
  const height = 30 + panels.length * PANEL_HEIGHT;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...panels.map((p, i) => panel(p, 30 + i * PANEL_HEIGHT, maxSeconds)),
    '</svg>',
    '',
  ].join('\n');
}
