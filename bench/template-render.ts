/**
 * Micro-benchmark of the template hot path (not run by the tests):
 *   npx tsx bench/template-render.ts
 * Prints microseconds per call for a cached small template, a fast-path string and a loop.
 */
import { createTemplateEngine } from '../src/engine/templates/index.js';

const engine = createTemplateEngine();
const scope = { n1: { name: 'Ada', items: [1, 2, 3, 4, 5] }, trigger: { run_id: 'run_123' } };

function bench(label: string, iterations: number, fn: () => unknown): void {
  for (let i = 0; i < 10_000; i++) fn(); // warm up: parse once, let the JIT settle
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  process.stdout.write(`${label.padEnd(44)} ${micros.toFixed(3)} µs/op\n`);
}

bench('render "hello {{ n1.name }}"', 500_000, () => engine.render('hello {{ n1.name }}', scope));
bench('render text and a filtered output', 500_000, () =>
  engine.render('{"ok": true, "name": {{ n1.name | json }}}', scope),
);
bench('render with filters', 200_000, () => engine.render('{{ n1.name | upcase | append: "!" }}', scope));
bench('render for loop (5 items)', 100_000, () =>
  engine.render('{% for i in n1.items %}{{ i }},{% endfor %}', scope),
);
bench('render plain string (fast path)', 2_000_000, () => engine.render('no markup here', scope));
bench('evaluate "{{ n1.items }}"', 500_000, () => engine.evaluate('{{ n1.items }}', scope));
