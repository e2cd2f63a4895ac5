import { templateRoute } from '../../../src/adapters/http/request-route';

describe('templateRoute (labels of modelsync_outbound_requests_total)', () => {
  it('keeps the fixed words of the APIs and turns every parameter into :id', () => {
    expect(templateRoute('/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5')).toBe('/v1/pages/:id');
    expect(templateRoute('/v1/data_sources/0123456789abcdef0123456789abcdef/query')).toBe('/v1/data_sources/:id/query');
    expect(templateRoute('/v1/users/me')).toBe('/v1/users/me');
    expect(templateRoute('/registered-models/search?filter=name%3D%27churn%27')).toBe('/registered-models/search');
    expect(templateRoute('/model_versions/3f2a')).toBe('/model_versions/:id');
    expect(templateRoute('/webhooks/wh-1/test')).toBe('/webhooks/:id/test');
  });

  it('never lets a name through, however it is spelled', () => {
    for (const name of ['churn', 'pages', 'my%20team', 'odd"name{le="+Inf"}', 'ü✓', '..', 'search ']) {
      expect(templateRoute(`/projects/${name}`)).toBe(name === 'pages' ? '/projects/pages' : '/projects/:id');
    }
  });
});
