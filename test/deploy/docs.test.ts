// docs/deploy.md tells operators what to scrape and alert on: keep it in step with the metrics the code defines.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync('docs/deploy.md', 'utf8');
const metricsSource = readFileSync('src/observability/metrics.ts', 'utf8');
const defined = new Set([...metricsSource.matchAll(/name: '(response_\w+)'/g)].map((m) => m[1]!));
// prom-client's default process and Node metrics, registered with the `response_` prefix.
const defaults = /^response_(process|nodejs)_/;
const histogramSeries = /_(bucket|count|sum)$/;

describe('docs/deploy.md', () => {
  it('documents every metric the app defines', () => {
    expect(defined.size).toBeGreaterThan(0);
    for (const name of defined) expect(doc, name).toContain(name);
  });

  it('mentions only metrics that exist', () => {
    const mentioned = new Set([...doc.matchAll(/\bresponse_[a-z_]+/g)].map((m) => m[0]));
    for (const name of mentioned) {
      if (defaults.test(name)) continue;
      expect(defined, name).toContain(name.replace(histogramSeries, ''));
    }
  });
});
