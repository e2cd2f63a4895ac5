import { createServer, type Server } from 'node:net';
import { choosePorts, portFree } from '../../scripts/demo/demo-ports';
import { DemoPrerequisiteError } from '../../scripts/demo/demo-prerequisites';
import { freePort } from '../../scripts/mlflow-server';

const ALL_FREE = { playground: 0, app: 0, mlflow: 0, notion: 0, slack: 0, zenml: 0 };

describe('demo ports', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('fails when a port asked for is in use, naming it, what it is for, and the flag and variable that move it', async () => {
    const failure = choosePorts({ explicit: { ...ALL_FREE, playground: port } });
    await expect(failure).rejects.toBeInstanceOf(DemoPrerequisiteError);
    await expect(failure).rejects.toThrow(`port ${port} (playground page, --port / DEMO_PORT) is already in use on 127.0.0.1`);
    await expect(failure).rejects.toThrow('--port');
    await expect(choosePorts({ explicit: { ...ALL_FREE, mlflow: port, slack: port } })).rejects.toThrow(
      `ports ${port} (MLflow, --mlflow-port / DEMO_MLFLOW_PORT), ${port} (Slack emulator, --slack-port / DEMO_SLACK_PORT) are already in use`,
    );
  });

  it('accepts free ports and never checks port 0 (any free port), handing out six different ports', async () => {
    const { ports, notes } = await choosePorts({ explicit: ALL_FREE });
    expect(new Set(Object.values(ports)).size).toBe(6);
    expect(Object.values(ports).every((p) => p > 0)).toBe(true);
    expect(notes).toEqual([]);
  });

  it('moves off a default that is in use to the next free one up, and says which it took', async () => {
    const { ports, notes } = await choosePorts({ defaults: { ...ALL_FREE, mlflow: port } });
    expect(ports.mlflow).not.toBe(port);
    expect(ports.mlflow).toBeGreaterThan(port);
    expect(ports.mlflow).toBeLessThan(port + 10);
    expect(await portFree(ports.mlflow)).toBe(true);
    expect(notes).toEqual([`port ${port} (MLflow) is in use; using ${ports.mlflow} (--mlflow-port sets it)`]);
  });

  it("prefers the ports of the data directory's last start, and leaves a service that is off alone", async () => {
    const previous = await freePort();
    const { ports, notes } = await choosePorts({ previous: { app: previous, zenml: port }, defaults: ALL_FREE, skip: ['zenml'] });
    expect(ports.app).toBe(previous);
    expect(ports.zenml).toBe(port);
    expect(notes).toEqual([]);
    const moved = await choosePorts({ previous: { notion: port }, defaults: ALL_FREE });
    expect(moved.ports.notion).not.toBe(port);
    expect(moved.notes).toEqual([`port ${port} (Notion emulator) is in use; using ${moved.ports.notion} (--notion-port sets it)`]);
  });
});
