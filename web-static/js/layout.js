// Pure geometry for the pages' SVG drawings: the dependency graph by waves and line charts. No DOM here.

export const NODE = { w: 160, h: 52, gapX: 90, gapY: 22, pad: 20 };

/**
 * Places each node in the column of its dependency wave (wave 0 — no dependencies — on the left), sorted by
 * name inside a column. Returns {positions: Map(id → {x, y}), width, height}.
 */
export function layoutWaves(nodes) {
  const waves = new Map();
  for (const n of nodes) {
    const w = Number.isInteger(n.wave) ? n.wave : 0;
    if (!waves.has(w)) waves.set(w, []);
    waves.get(w).push(n);
  }
  const order = [...waves.keys()].sort((a, b) => a - b);
  const positions = new Map();
  let rows = 0;
  order.forEach((w, col) => {
    const list = waves.get(w).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    rows = Math.max(rows, list.length);
    list.forEach((n, row) => positions.set(n.id, {
      x: NODE.pad + col * (NODE.w + NODE.gapX),
      y: NODE.pad + 24 + row * (NODE.h + NODE.gapY),
      col,
    }));
  });
  return {
    positions,
    columns: order.map((w, col) => ({ wave: w, x: NODE.pad + col * (NODE.w + NODE.gapX) })),
    width: NODE.pad * 2 + Math.max(1, order.length) * NODE.w + Math.max(0, order.length - 1) * NODE.gapX,
    height: NODE.pad * 2 + 24 + Math.max(1, rows) * NODE.h + Math.max(0, rows - 1) * NODE.gapY,
  };
}

/** An S-curve from the right edge of box a to the left edge of box b (or left-to-right if b is left of a). */
export function edgePath(a, b) {
  const forward = b.x >= a.x;
  const x1 = forward ? a.x + NODE.w : a.x, y1 = a.y + NODE.h / 2;
  const x2 = forward ? b.x : b.x + NODE.w, y2 = b.y + NODE.h / 2;
  const bend = Math.max(30, Math.abs(x2 - x1) / 2) * (forward ? 1 : -1);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

/**
 * A polyline path for values (0..max) at times, in a box of width × height; null values break the line.
 * Returns '' when there are fewer than one point.
 */
export function linePath(points, { t0, t1, max = 100, width, height }) {
  const span = Math.max(1, t1 - t0);
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null || p.v === undefined || Number.isNaN(p.v)) { pen = false; continue; }
    const x = ((p.t - t0) / span) * width;
    const y = height - (Math.min(max, Math.max(0, p.v)) / max) * height;
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}
