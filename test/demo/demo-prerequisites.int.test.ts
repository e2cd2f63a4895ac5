import { createServer, type Server } from 'node:net';
import { DemoPrerequisiteError, requireFreePorts } from '../../scripts/demo/demo-prerequisites';
import { DEFAULT_DEMO_PORTS } from '../../scripts/demo/demo-workspace';

describe('demo prerequisites', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('names the port in use, what it is for, and how to move the playground', async () => {
    const ports = { ...DEFAULT_DEMO_PORTS, playground: port, app: 0, mlflow: 0, notion: 0, slack: 0 };
    const failure = requireFreePorts(ports, ['playground', 'app', 'mlflow', 'notion', 'slack']);
    await expect(failure).rejects.toBeInstanceOf(DemoPrerequisiteError);
    await expect(failure).rejects.toThrow(`port ${port} (playground) is already in use on 127.0.0.1`);
    await expect(failure).rejects.toThrow('--port');
  });

  it('accepts free ports and never checks port 0 (any free port)', async () => {
    const ports = { ...DEFAULT_DEMO_PORTS, playground: 0, app: 0, mlflow: 0, notion: 0, slack: 0 };
    await expect(requireFreePorts(ports, ['playground', 'app', 'mlflow', 'notion', 'slack'])).resolves.toBeUndefined();
  });
});
