import { metadataTypes } from '../../../src/adapters/zenml/zenml.metadata';

describe('metadata types', () => {
  it('tag each value with the MetadataTypeEnum name ZenML validates it against', () => {
    expect(metadataTypes({ s: 'x', i: 3, f: 0.5, b: false, l: [1, 'a'], d: { mlflow_model_url: 'u', notion_page_url: null } })).toEqual({
      s: 'str',
      i: 'int',
      f: 'float',
      b: 'bool',
      l: 'list',
      d: 'dict',
    });
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])('refuse %p at the top level, naming the key', (value) => {
    expect(() => metadataTypes({ notion_sync_error: value })).toThrow(
      expect.objectContaining({ code: 'zenml_invalid_request', message: expect.stringContaining("'notion_sync_error'") }),
    );
  });
});
