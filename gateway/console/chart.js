// A bar chart as inline SVG, drawn here (no charting library): one bar per minute, the
// handled part below and the failed part stacked on top in red, scaled to the busiest minute.
const SVG = 'http://www.w3.org/2000/svg';

export function barChart(succeeded, failed) {
  const width = 240;
  const height = 60;
  const n = succeeded.length;
  const top = Math.max(1, ...succeeded.map((s, i) => s + failed[i]));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('data-handled', String(succeeded.reduce((a, b) => a + b, 0)));
  svg.setAttribute('data-failed', String(failed.reduce((a, b) => a + b, 0)));
  const rect = (cls, x, y, w, h) => {
    const r = document.createElementNS(SVG, 'rect');
    for (const [k, v] of Object.entries({ class: cls, x, y, width: w, height: h })) r.setAttribute(k, String(v));
    return r;
  };
  const bar = width / n;
  succeeded.forEach((s, i) => {
    const hs = (s / top) * (height - 2);
    const hf = (failed[i] / top) * (height - 2);
    if (hs > 0) svg.append(rect('ok', i * bar + 0.5, height - hs, Math.max(bar - 1, 0.5), hs));
    if (hf > 0) svg.append(rect('bad', i * bar + 0.5, height - hs - hf, Math.max(bar - 1, 0.5), hf));
  });
  const axis = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ class: 'axis', x1: 0, x2: width, y1: height - 0.5, y2: height - 0.5 })) axis.setAttribute(k, String(v));
  svg.append(axis);
  return svg;
}
