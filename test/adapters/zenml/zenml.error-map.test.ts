import { AxiosError, AxiosHeaders } from 'axios';
import { toZenmlError } from '../../../src/adapters/zenml/zenml.error-map';

const ctx = { subject: "model version 'abc'", origin: 'http://zenml:8080', timeoutMs: 1000 };

function answered(status: number, data: unknown): AxiosError {
  const config = { headers: new AxiosHeaders({ Authorization: 'Bearer SECRET-TOKEN' }), url: '/model_versions/abc', method: 'put' };
  return new AxiosError('Request failed', 'ERR_BAD_RESPONSE', config, {}, { status, statusText: '', data, headers: {}, config });
}

describe('ZenML error mapping', () => {
  it('keeps only the first line of ZenML’s message: debug servers append tracebacks', () => {
    const e = toZenmlError(answered(400, { detail: ['ValueError', 'Bad stage `x`.\n  File "/srv/zenml/x.py", line 3'] }), ctx);
    expect(e).toMatchObject({ code: 'zenml_invalid_request', status: 400, remoteCode: 'ValueError' });
    expect(e.message).toBe("ZenML rejected the request for model version 'abc': Bad stage `x`.");
  });

  it('maps ZenML’s 404 KeyError to not found and a bare 404 to a wrong server URL', () => {
    expect(toZenmlError(answered(404, { detail: ['KeyError', 'No model version'] }), ctx).message).toBe("ZenML has no model version 'abc'.");
    expect(toZenmlError(answered(404, '<html>'), ctx).message).toContain('check ZENML_SERVER_URL');
  });

  it.each([
    [401, 'zenml_unauthorized'],
    [403, 'zenml_permission_denied'],
    [409, 'zenml_invalid_request'],
    [422, 'zenml_invalid_request'],
    [429, 'zenml_unavailable'],
    [500, 'zenml_unavailable'],
  ])('maps HTTP %i to %s without leaking the token', (status, code) => {
    const e = toZenmlError(answered(status, { detail: ['X', 'y'] }), ctx);
    expect(e.code).toBe(code);
    expect(JSON.stringify({ message: e.message, cause: e.cause, ...(e.cause as object) })).not.toContain('SECRET-TOKEN');
  });

  it('maps a refused connection to unavailable, naming the server', () => {
    const e = toZenmlError(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED'), ctx);
    expect(e).toMatchObject({ code: 'zenml_unavailable' });
    expect(e.message).toBe("ZenML at http://zenml:8080 could not be reached (ECONNREFUSED) for model version 'abc'.");
  });
});

describe('ZenML validation errors', () => {
  it('name the rejected value instead of "1 validation error"', () => {
    const detail = [
      'ValueError',
      "1 validation error:\n  {'type': 'value_error', 'loc': ('body', 'stage'), 'msg': 'Value error, `bogus` is not a valid model stage.', 'input': 'bogus'}\n\n  File \"/x.py\"",
    ];
    expect(toZenmlError(answered(422, { detail }), ctx).message).toBe(
      "ZenML rejected the request for model version 'abc': Value error, `bogus` is not a valid model stage.",
    );
  });
});
