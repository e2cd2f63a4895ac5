/**
 * The demo's ports. A port someone asked for (flag or environment) must be free; otherwise the demo takes the port
 * it used last time, then the default, then the next ones up, and says which it took. All on 127.0.0.1.
 */
import { createServer } from 'node:net';
import { freePort } from '../mlflow-server';
import { DemoPrerequisiteError } from './demo-prerequisites';
import { DEFAULT_DEMO_PORTS, type DemoPorts } from './demo-workspace';

/** One demo service. */
export type PortName = keyof DemoPorts;

/** What each port is for, and how to set it (flag and environment variable of npm run demo). */
export const PORT_SETTINGS: Readonly<Record<PortName, { readonly what: string; readonly flag: string; readonly env: string }>> = {
  playground: { what: 'playground page', flag: '--port', env: 'DEMO_PORT' },
  app: { what: 'modelsync app', flag: '--app-port', env: 'DEMO_APP_PORT' },
  mlflow: { what: 'MLflow', flag: '--mlflow-port', env: 'DEMO_MLFLOW_PORT' },
  notion: { what: 'Notion emulator', flag: '--notion-port', env: 'DEMO_NOTION_PORT' },
  slack: { what: 'Slack emulator', flag: '--slack-port', env: 'DEMO_SLACK_PORT' },
  zenml: { what: 'ZenML', flag: '--zenml-port', env: 'DEMO_ZENML_PORT' },
};

/** How many ports above the default are tried before any free port is taken. */
const NEARBY = 10;

/** True when nothing listens on 127.0.0.1:port (what every demo service binds). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Inputs of choosePorts. */
export interface PortRequest {
  /** Asked for by the user (0 = any free port): taken as is, or the start fails. */
  readonly explicit?: Partial<DemoPorts>;
  /** Used by the last start of this data directory (links in its data point there): tried first. */
  readonly previous?: Partial<DemoPorts>;
  /** Defaults (the fixed ports of DEFAULT_DEMO_PORTS; 0 = any free port, as tests use). */
  readonly defaults?: Partial<DemoPorts>;
  /** Services not started this time (e.g. ZenML when off): not checked, not chosen. */
  readonly skip?: readonly PortName[];
}

/** The ports, and a sentence for each one that is not what was wanted. */
export interface PortChoice {
  readonly ports: DemoPorts;
  readonly notes: readonly string[];
}

/** Picks every port; fails listing each explicitly requested port that is taken, with the flag that moves it. */
export async function choosePorts(request: PortRequest): Promise<PortChoice> {
  const taken = new Set<number>();
  const busy: PortName[] = [];
  const notes: string[] = [];
  const out: Partial<Record<PortName, number>> = {};
  const available = async (port: number) => port > 0 && port <= 65535 && !taken.has(port) && (await portFree(port));
  for (const name of Object.keys(DEFAULT_DEMO_PORTS) as PortName[]) {
    const explicit = request.explicit?.[name];
    const fallback = request.defaults?.[name] ?? DEFAULT_DEMO_PORTS[name];
    let port: number | undefined;
    if (request.skip?.includes(name)) port = explicit || request.previous?.[name] || fallback;
    else if (explicit !== undefined) {
      port = explicit === 0 ? await anyFreePort(taken) : explicit;
      if (explicit !== 0 && !(await available(explicit))) busy.push(name);
    } else {
      const wanted = request.previous?.[name] ?? fallback;
      const candidates = [wanted, ...(fallback > 0 ? Array.from({ length: NEARBY }, (_, i) => fallback + i) : [])];
      for (const c of candidates) {
        if (await available(c)) {
          port = c;
          break;
        }
      }
      port ??= await anyFreePort(taken);
      if (wanted !== 0 && port !== wanted)
        notes.push(`port ${wanted} (${PORT_SETTINGS[name].what}) is in use; using ${port} (${PORT_SETTINGS[name].flag} sets it)`);
    }
    taken.add(port);
    out[name] = port;
  }
  if (busy.length > 0) throw busyError(busy, request.explicit ?? {});
  return { ports: out as DemoPorts, notes };
}

/** A port the OS says is free and this choice has not handed out yet. */
async function anyFreePort(taken: ReadonlySet<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) return port;
  }
}

function busyError(busy: readonly PortName[], explicit: Partial<DemoPorts>): DemoPrerequisiteError {
  const list = busy.map((n) => `${explicit[n]} (${PORT_SETTINGS[n].what}, ${PORT_SETTINGS[n].flag} / ${PORT_SETTINGS[n].env})`);
  const many = busy.length > 1;
  return new DemoPrerequisiteError(
    `port${many ? 's' : ''} ${list.join(', ')} ${many ? 'are' : 'is'} already in use on 127.0.0.1. ` +
      `Stop what uses ${many ? 'them' : 'it'} (another npm run demo? see: lsof -i :${explicit[busy[0] as PortName]}), ` +
      `pick another port, or leave the setting out and the demo picks a free one.`,
  );
}
