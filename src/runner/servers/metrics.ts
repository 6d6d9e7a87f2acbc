/**
 * A tiny Prometheus registry for the built-in servers: counters, gauges and histograms, written in
 * the text exposition format (what `GET /metrics` returns and the runner saves as `<pod>.metrics.log`).
 */

type Labels = Record<string, string>;

interface Family {
  help: string;
  type: "counter" | "gauge" | "histogram";
  samples: Map<string, { labels: Labels; value: number; buckets?: number[]; sum?: number; count?: number }>;
  bounds?: number[];
}

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

function labelText(labels: Labels, extra: Labels = {}): string {
  const all = { ...labels, ...extra };
  const parts = Object.entries(all).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
  );
  return parts.length ? `{${parts.join(",")}}` : "";
}

export class Registry {
  private readonly families = new Map<string, Family>();

  private family(name: string, type: Family["type"], help: string, bounds?: number[]): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, samples: new Map(), bounds };
      this.families.set(name, f);
    }
    return f;
  }

  private sample(f: Family, labels: Labels) {
    const k = key(labels);
    let s = f.samples.get(k);
    if (!s) {
      s = { labels, value: 0 };
      if (f.type === "histogram") Object.assign(s, { buckets: f.bounds!.map(() => 0), sum: 0, count: 0 });
      f.samples.set(k, s);
    }
    return s;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    this.sample(this.family(name, "counter", help), labels).value += by;
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.sample(this.family(name, "gauge", help), labels).value = value;
  }

  add(name: string, help: string, labels: Labels, by: number): void {
    this.sample(this.family(name, "gauge", help), labels).value += by;
  }

  observe(name: string, help: string, labels: Labels, value: number, bounds: number[]): void {
    const s = this.sample(this.family(name, "histogram", help, bounds), labels);
    bounds.forEach((b, i) => {
      if (value <= b) s.buckets![i]!++;
    });
    s.sum! += value;
    s.count!++;
  }

  text(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const s of f.samples.values()) {
        if (f.type !== "histogram") {
          out.push(`${name}${labelText(s.labels)} ${s.value}`);
          continue;
        }
        f.bounds!.forEach((b, i) =>
          out.push(`${name}_bucket${labelText(s.labels, { le: String(b) })} ${s.buckets![i]}`),
        );
        out.push(`${name}_bucket${labelText(s.labels, { le: "+Inf" })} ${s.count}`);
        out.push(`${name}_sum${labelText(s.labels)} ${Number(s.sum!.toFixed(6))}`);
        out.push(`${name}_count${labelText(s.labels)} ${s.count}`);
      }
    }
    return out.join("\n") + "\n";
  }
}

export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
