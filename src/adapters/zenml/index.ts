/** The ZenML adapter: LineagePort over ZenML's REST API, plus its typed errors. */
export { ZenmlLineageAdapter, DEFAULT_PROJECT, type ZenmlLineageOptions } from './zenml.lineage';
export * from './zenml.errors';
export { AdapterError, hasErrorCode, isAdapterError, type AdapterErrorCode } from '../http/adapter-error';
