// State of the demo court: seeded cases (cases.json, written once per generation) and writes
// (writes.json: sign-offs and clerk flags), each persisted with an atomic rename.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostCase } from './model';
import { generateCases } from './seed';

export interface Signoff {
  id: string;
  caseId: string;
  caseNo: string;
  decision: '同意' | '有意见';
  opinion: string | null;
  recommendedRoute: '复议' | '专业法官会议' | '审委会' | null;
  reviewer: string;
  reviewerRole: string;
  reviewedAt: string;
  documentRef: string | null;
  clientId: string;
  recordedAt: string;
}

export interface Flag {
  id: string;
  caseId: string;
  caseNo: string;
  item: string;
  flag: '缺失' | '待补扫' | '不适用';
  reason: string;
  by: string;
  at: string;
  clientId: string;
  recordedAt: string;
}

interface CasesFile { version: 1; seed: number; today: string; count: number; generatedAt: string; cases: HostCase[] }
interface WritesFile { version: 1; signoffs: Signoff[]; flags: Flag[] }

export const DEFAULT_SEED = 20250101;
export const DEFAULT_COUNT = 3200;

function atomicWrite(file: string, data: unknown): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
}

export class Store {
  cases: HostCase[] = [];
  byId = new Map<string, HostCase>();
  signoffs: Signoff[] = [];
  flags: Flag[] = [];
  meta = { seed: DEFAULT_SEED, today: '', count: DEFAULT_COUNT, generatedAt: '' };
  failWrites = false;
  /** Write requests that reached the host (not refused by failWrites) per clientId; in memory, for tests */
  received = new Map<string, number>();
  private casesFile: string;
  private writesFile: string;

  constructor(readonly dataDir: string, private opts: { seed: number; count: number; today: string }) {
    mkdirSync(dataDir, { recursive: true });
    this.casesFile = join(dataDir, 'cases.json');
    this.writesFile = join(dataDir, 'writes.json');
  }

  /** Loads persisted state, generating the cases once when there is none. */
  load(): void {
    if (existsSync(this.casesFile)) {
      const f = JSON.parse(readFileSync(this.casesFile, 'utf8')) as CasesFile;
      this.meta = { seed: f.seed, today: f.today, count: f.count, generatedAt: f.generatedAt };
      this.setCases(f.cases);
    } else this.generate();
    if (existsSync(this.writesFile)) {
      const w = JSON.parse(readFileSync(this.writesFile, 'utf8')) as WritesFile;
      this.signoffs = w.signoffs ?? [];
      this.flags = w.flags ?? [];
    }
  }

  generate(): void {
    const { seed, count, today } = this.opts;
    const cases = generateCases({ seed, count, today });
    this.meta = { seed, today, count, generatedAt: new Date().toISOString() };
    this.setCases(cases);
    atomicWrite(this.casesFile, { version: 1, ...this.meta, cases } satisfies CasesFile);
  }

  reset(): void {
    this.signoffs = [];
    this.flags = [];
    this.received.clear();
    this.generate();
    this.saveWrites();
  }

  private setCases(cases: HostCase[]): void {
    this.cases = cases;
    this.byId = new Map(cases.map((c) => [c.id, c]));
  }

  saveWrites(): void {
    atomicWrite(this.writesFile, { version: 1, signoffs: this.signoffs, flags: this.flags } satisfies WritesFile);
  }

  addSignoff(s: Signoff): { item: Signoff; created: boolean } {
    const existing = this.signoffs.find((x) => x.caseId === s.caseId && x.clientId === s.clientId);
    if (existing) return { item: existing, created: false };
    this.signoffs.push(s);
    this.saveWrites();
    return { item: s, created: true };
  }

  addFlag(f: Flag): { item: Flag; created: boolean } {
    const existing = this.flags.find((x) => x.caseId === f.caseId && x.clientId === f.clientId);
    if (existing) return { item: existing, created: false };
    this.flags.push(f);
    this.saveWrites();
    return { item: f, created: true };
  }
}
