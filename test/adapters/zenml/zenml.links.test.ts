import { isUuid, linkStyle, modelVersionUrl } from '../../../src/adapters/zenml/zenml.links';
import type { ServerInfo } from '../../../src/adapters/zenml/zenml.schemas';

const ID = '2d35b6fc-6eff-487e-8caa-7ee81544f969';
const PROJECT = '534bfced-fafa-4eef-a0a8-ef08c7984faa';
const oss: ServerInfo = { id: 's', version: '0.98.0', deployment_type: 'other', server_url: 'http://zenml:8080', dashboard_url: '' };
const pro: ServerInfo = {
  id: 's',
  version: '0.98.0',
  deployment_type: 'cloud',
  server_url: 'https://ws.zenml.example',
  dashboard_url: 'https://cloud.zenml.example/workspaces/ml',
  pro_workspace_id: 'w1',
};

describe('model version links', () => {
  it('point at the REST resource on an open-source server, which has no dashboard page per version', () => {
    expect(modelVersionUrl(linkStyle(oss, 'http://127.0.0.1:8237'), PROJECT, ID)).toBe(`http://zenml:8080/api/v1/model_versions/${ID}`);
  });

  it('fall back to the configured server URL when the server does not know its own URL', () => {
    const style = linkStyle({ ...oss, server_url: null }, 'http://127.0.0.1:8237/');
    expect(modelVersionUrl(style, PROJECT, ID)).toBe(`http://127.0.0.1:8237/api/v1/model_versions/${ID}`);
  });

  it('point at the Pro dashboard page of the version, as ZenML builds it', () => {
    expect(modelVersionUrl(linkStyle(pro, 'https://ws.zenml.example'), PROJECT, ID)).toBe(
      `https://cloud.zenml.example/workspaces/ml/projects/${PROJECT}/model-versions/${ID}`,
    );
  });

  it('use an operator-given dashboard base over what the server reports', () => {
    const style = linkStyle(pro, 'https://ws.zenml.example', 'https://dash.internal/workspaces/ml/');
    expect(modelVersionUrl(style, PROJECT, ID)).toBe(`https://dash.internal/workspaces/ml/projects/${PROJECT}/model-versions/${ID}`);
  });

  it('never carry credentials written into ZENML_SERVER_URL or ZENML_DASHBOARD_URL (they go to Slack, Notion and MLflow tags)', () => {
    const fromServer = linkStyle({ ...oss, server_url: null }, 'http://zen:p%40ss@127.0.0.1:8237/');
    expect(modelVersionUrl(fromServer, PROJECT, ID)).toBe(`http://127.0.0.1:8237/api/v1/model_versions/${ID}`);
    const fromDashboard = linkStyle(pro, 'https://ws.zenml.example', 'https://token123@dash.internal/ml');
    expect(modelVersionUrl(fromDashboard, PROJECT, ID)).toBe(`https://dash.internal/ml/projects/${PROJECT}/model-versions/${ID}`);
  });

  it('recognise ZenML ids and nothing else', () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid('3')).toBe(false);
    expect(isUuid(`${ID}/x`)).toBe(false);
  });
});
