export interface DayActivity {
  date: string;
  completed: number;
  failed: number;
  other: number;
}

const HEIGHT = 200;
const AXIS = 28;
const TOP = 8;

/** Grid values: 0 and up to four round steps covering `max`. */
function ticks(max: number): number[] {
  const step = niceStep(max / 4);
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(v);
  return out;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/**
 * Completed and failed runs per day as paired bars, drawn as SVG (30 categories need no charting
 * library). A hidden table gives screen readers the same numbers.
 */
export default function RunsChart({ days }: { days: DayActivity[] }) {
  const peak = Math.max(1, ...days.map((d) => Math.max(d.completed, d.failed)));
  const grid = ticks(peak);
  const top = Math.max(peak, grid.at(-1) ?? peak);
  const width = 100 / days.length;
  const y = (v: number) => TOP + (HEIGHT - TOP) * (1 - v / top);
  return (
    <figure className="runs-chart">
      <div className="runs-chart-plot">
        <svg className="runs-chart-axis" width={AXIS} height={HEIGHT + 1} aria-hidden="true">
          {grid.map((v) => (
            <text key={v} x={AXIS - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          ))}
        </svg>
        <svg
          className="runs-chart-bars"
          viewBox={`0 0 100 ${HEIGHT + 1}`}
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          {grid.map((v) => (
            <line
              key={v}
              x1={0}
              x2={100}
              y1={y(v)}
              y2={y(v)}
              className="grid"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {days.map((d, i) => (
            <g key={d.date}>
              <title>{`${d.date}: ${d.completed} completed, ${d.failed} failed`}</title>
              <rect className="hit" x={i * width} y={0} width={width} height={HEIGHT} />
              {d.completed > 0 && (
                <rect
                  className="completed"
                  x={i * width + width * 0.14}
                  y={y(d.completed)}
                  width={width * 0.34}
                  height={HEIGHT - y(d.completed)}
                />
              )}
              {d.failed > 0 && (
                <rect
                  className="failed"
                  x={i * width + width * 0.52}
                  y={y(d.failed)}
                  width={width * 0.34}
                  height={HEIGHT - y(d.failed)}
                />
              )}
            </g>
          ))}
        </svg>
      </div>
      <div className="runs-chart-dates" aria-hidden="true" style={{ paddingLeft: AXIS }}>
        {days.map((d, i) => (
          <span key={d.date}>{i % 5 === (days.length - 1) % 5 ? d.date.slice(5) : ''}</span>
        ))}
      </div>
      <figcaption className="runs-chart-legend">
        <span className="swatch completed" /> Completed <span className="swatch failed" /> Failed
      </figcaption>
      <table className="visually-hidden">
        <caption>Runs per day</caption>
        <thead>
          <tr>
            <th>Day</th>
            <th>Completed</th>
            <th>Failed</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td>
              <td>{d.completed}</td>
              <td>{d.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
