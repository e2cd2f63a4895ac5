import { AxiosError, AxiosHeaders } from 'axios';
import { z } from 'zod';
import { AdapterError } from '../../../src/adapters/http/adapter-error';
import { AdmissionRefused } from '../../../src/adapters/http/admission-gate';
import { restErrorFamily, type ErrorAnswer } from '../../../src/adapters/http/rest-errors';

const ctx = { subject: "registered model named 'churn'", origin: 'http://mlflow.test:5000', path: '/api/2.0/mlflow/registered-models/get', timeoutMs: 250 };
const answers: ErrorAnswer[] = [];
const family = restErrorFamily(
  'mlflow',
  (answer) => {
    answers.push(answer);
    return new AdapterError('mlflow_invalid_parameter', `answered ${answer.status}`, { status: answer.status, cause: answer.cause });
  },
  'nothing was changed, try again in a minute',
);

function request(): ConstructorParameters<typeof AxiosError>[2] {
  return {
    headers: new AxiosHeaders({ Authorization: 'Bearer SECRET-TOKEN' }),
    url: '/registered-models/get',
    method: 'get',
    data: '{"password":"pw-SECRET"}',
  };
}

describe('restErrorFamily', () => {
  beforeEach(() => (answers.length = 0));

  it('passes the system’s own errors through unchanged', () => {
    const own = new AdapterError('mlflow_not_found', 'MLflow has no such model.');
    expect(family.toError(own, ctx)).toBe(own);
  });

  it('calls a failure without an answer unavailable, saying why, with a cause that holds no secret', () => {
    const timedOut = family.toError(new AxiosError('timeout of 250ms exceeded', 'ECONNABORTED', request()), ctx);
    expect(timedOut).toMatchObject({
      code: 'mlflow_unavailable',
      message: "MLflow at http://mlflow.test:5000 did not answer within 250 ms for registered model named 'churn'.",
    });
    const refused = family.toError(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', request()), ctx);
    expect(refused.message).toContain('could not be reached (ECONNREFUSED)');
    expect(JSON.stringify({ ...(refused.cause as object), message: (refused.cause as Error).message })).not.toMatch(/SECRET/);
  });

  it('hands an error answer to the system with only its status, body and sanitized cause', () => {
    const config = request();
    const response = { status: 400, statusText: '', data: { error_code: 'INVALID_PARAMETER_VALUE' }, headers: {}, config: config as never };
    const e = family.toError(new AxiosError('Request failed', 'ERR_BAD_REQUEST', config, {}, response), ctx);
    expect(e).toMatchObject({ code: 'mlflow_invalid_parameter', status: 400 });
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(answers[0]?.cause).toMatchObject({ name: 'AxiosError', status: 400, method: 'GET', path: '/registered-models/get' });
    expect(JSON.stringify(answers[0]?.cause)).not.toMatch(/SECRET/);
  });

  it('calls any other thrown value an unexpected failure, keeping it as the cause', () => {
    const bug = new TypeError('x is undefined');
    expect(family.toError(bug, ctx)).toMatchObject({
      code: 'mlflow_unexpected_response',
      message: "MLflow call for registered model named 'churn' failed unexpectedly.",
      cause: bug,
    });
  });

  it('says where an answer did not fit its schema', () => {
    const parsed = z.object({ registered_model: z.object({ name: z.string() }) }).safeParse({ registered_model: {} });
    if (parsed.success) throw new Error('expected the body not to fit');
    const e = family.unreadable(ctx, parsed.error);
    expect(e.code).toBe('mlflow_unexpected_response');
    expect(e.message).toContain('with a body this app cannot read (registered_model.name: invalid_type)');
  });

  it('turns an admission refusal into a busy error that says nothing was sent', () => {
    const busy = family.busy(new AdmissionRefused('queue_full', 2, 'read'));
    expect(busy).toMatchObject({ code: 'mlflow_busy', busy: true, waiting: 2, reason: 'queue_full' });
    expect(busy.message).toBe('MLflow is busy (2 requests waiting); nothing was changed, try again in a minute.');
  });
});
