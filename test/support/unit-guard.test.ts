import { spawn } from 'node:child_process';
import http from 'node:http';
import { mlflowTestUrl } from './names';

describe('the unit project guard', () => {
  it('refuses the MLflow test server, a server socket and a child process, saying to rename the test', () => {
    expect(() => mlflowTestUrl()).toThrow(/name the test file \*\.int\.test\.ts/);
    expect(() => http.createServer().listen(0, '127.0.0.1')).toThrow(/opened a server socket: name the test file \*\.int\.test\.ts/);
    expect(() => spawn('python3', ['--version'])).toThrow(/started a process \(child_process\.spawn\)/);
  });
});
