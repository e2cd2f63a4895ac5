// "Did you mean": the same measure for sub-command names (here) and model names (the core's lookups).
export { editDistance, nearest } from '../../core/domain/nearest-name';
