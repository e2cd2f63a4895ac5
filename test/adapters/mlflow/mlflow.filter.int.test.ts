import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { equalsClause, tagEqualsClause } from '../../../src/adapters/mlflow/mlflow.filter';
import { mlflowTestUrl } from '../../support/names';
import { createManagedModel } from '../../support/mlflow-seed';
import { randomBytes } from 'node:crypto';

const registry = () => new MlflowRegistry({ trackingUri: mlflowTestUrl(), retries: 0 });

describe('MLflow filter strings', () => {
  it('quotes with single quotes, switches to double quotes for an apostrophe, and falls back to LIKE for both', () => {
    expect(equalsClause('name', 'churn')).toEqual({ filter: "name = 'churn'", needsExactRecheck: false });
    expect(equalsClause('name', "churn's")).toEqual({ filter: 'name = "churn\'s"', needsExactRecheck: false });
    expect(equalsClause('name', `churn's "best"`)).toEqual({ filter: `name LIKE 'churn_s "best"'`, needsExactRecheck: true });
    expect(equalsClause('name', `a\\'b"`).filter).toBe(`name LIKE 'a__b"'`);
  });

  it('backtick-quotes tag keys so dotted keys work, and rejects keys it cannot quote', () => {
    expect(tagEqualsClause('zenml.mlflow_notion_managed', 'true').filter).toBe("tags.`zenml.mlflow_notion_managed` = 'true'");
    expect(() => tagEqualsClause('bad`key', 'true')).toThrow(expect.objectContaining({ code: 'mlflow_invalid_parameter' }));
    expect(() => tagEqualsClause('k', `it's "x"`)).toThrow(expect.objectContaining({ code: 'mlflow_invalid_parameter' }));
  });
});

describe('MlflowRegistry with awkward model names on the real server', () => {
  // One suffix per run keeps the names unique on the shared server while keeping the awkward characters.
  const id = randomBytes(3).toString('hex');
  const awkward = [
    `churn's "best" ${id}`,
    `a' OR name LIKE '% ${id}`,
    `dq"only ${id}`,
    `back\\slash'quote ${id}`,
    `ünïcødé 模型 🚀 ${id}`,
    `100% _under_ ${id}`,
  ];
  // Look-alikes that a too-wide LIKE or an injected OR would also match.
  const lookalikes = [`churn_s "best" ${id}`, `churnXs "best" ${id}`, `a_ OR name LIKE _% ${id}`, `100% Xunder_ ${id}`, `plain ${id}`];
  const versionsOf = new Map<string, number>();

  beforeAll(async () => {
    let n = 1;
    for (const name of [...awkward, ...lookalikes]) {
      n = (n % 3) + 1;
      versionsOf.set(name, n);
      await createManagedModel(mlflowTestUrl(), { name, versions: n });
    }
  });

  it.each(awkward)('lists exactly the versions of %j and of no other model', async (name) => {
    const listed = await registry().listVersions(name);
    expect(listed.map((v) => v.name)).toEqual(Array.from({ length: versionsOf.get(name) ?? -1 }, () => name));
  });

  it.each(awkward)('reads %j back by exact name, with its versions and UI link encoded', async (name) => {
    const r = registry();
    expect((await r.getModel(name))?.name).toBe(name);
    expect((await r.getVersion(name, '1'))?.name).toBe(name);
    expect(r.versionUrl(name, '1')).toBe(`${mlflowTestUrl()}/#/models/${encodeURIComponent(name)}/versions/1`);
  });

  it('finds the awkward names among the managed models', async () => {
    const names = new Set((await registry().listModelsWithTag('zenml.mlflow_notion_managed')).map((m) => m.name));
    for (const name of [...awkward, ...lookalikes]) expect(names.has(name)).toBe(true);
  });
});
