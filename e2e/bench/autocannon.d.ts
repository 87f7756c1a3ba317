// The parts of autocannon's API the reader benchmark uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number };
  export type Result = { requests: Histogram & { total: number }; latency: Histogram; throughput: Histogram; errors: number; non2xx: number; duration: number };
  export default function autocannon(opts: { url: string; connections?: number; duration?: number; amount?: number; headers?: Record<string, string> }): Promise<Result>;
}
