import { MlflowLinks, MlflowRegistry } from '../../../src/adapters/mlflow';

describe('MLflow UI links', () => {
  it('builds hash-routed model and version pages with the name URL-encoded', () => {
    const links = new MlflowLinks('http://mlflow.example:5000');
    expect(links.modelUrl('churn model/v2')).toBe('http://mlflow.example:5000/#/models/churn%20model%2Fv2');
    expect(links.versionUrl("churn's #1", '3')).toBe("http://mlflow.example:5000/#/models/churn's%20%231/versions/3");
  });

  it('ignores trailing slashes and keeps a path prefix', () => {
    expect(new MlflowLinks('https://ml.example/mlflow///').versionUrl('m', '1')).toBe('https://ml.example/mlflow/#/models/m/versions/1');
  });

  it('defaults the UI base to the tracking URI, and prefers an explicit uiUrl', () => {
    expect(new MlflowRegistry({ trackingUri: 'http://127.0.0.1:5000/' }).versionUrl('m', '2')).toBe('http://127.0.0.1:5000/#/models/m/versions/2');
    const r = new MlflowRegistry({ trackingUri: 'http://mlflow:5000', uiUrl: 'https://mlflow.example/' });
    expect(r.modelUrl('m')).toBe('https://mlflow.example/#/models/m');
  });

  it('rejects a page size above what MLflow accepts', () => {
    expect(() => new MlflowRegistry({ trackingUri: 'http://x', pageSize: 1001 })).toThrow(/1 to 1000/);
  });
});

describe('MlflowLinks.linkTarget (shared links to unfurl)', () => {
  const links = new MlflowLinks('https://mlflow.example.com/mlflow/');

  it('reads back every model and version page it builds, names with spaces and slashes included', () => {
    for (const name of ['churn', 'fraud v2', 'team/model', 'modèle', '50%']) {
      expect(links.linkTarget(links.modelUrl(name))).toEqual({ model: name });
      expect(links.linkTarget(links.versionUrl(name, '12'))).toEqual({ model: name, version: '12' });
    }
  });

  it('accepts the other scheme, a trailing slash and a query after the route, as people paste them', () => {
    expect(links.linkTarget('http://mlflow.example.com/mlflow/#/models/churn/versions/3/')).toEqual({ model: 'churn', version: '3' });
    expect(links.linkTarget('https://MLFLOW.example.com/mlflow#/models/churn?o=123')).toEqual({ model: 'churn' });
  });

  it('refuses other hosts, other base paths, other routes and malformed versions', () => {
    for (const url of [
      'https://evil.example.com/mlflow/#/models/churn',
      'https://mlflow.example.com/other/#/models/churn',
      'https://mlflow.example.com/mlflow/#/experiments/1/runs/abc',
      'https://mlflow.example.com/mlflow/#/models/churn/versions/three',
      'https://mlflow.example.com/mlflow/#/models/churn/versions/3/extra',
      'https://mlflow.example.com/mlflow/#/models/%E0%A4%A',
      'ftp://mlflow.example.com/mlflow/#/models/churn',
      'not a url',
    ]) {
      expect(links.linkTarget(url)).toBeUndefined();
    }
  });

  it("links a run's page by MLflow's direct route", () => {
    expect(links.runUrl('4f2a9c')).toBe('https://mlflow.example.com/mlflow/#/runs/4f2a9c');
  });
});
