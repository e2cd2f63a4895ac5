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
