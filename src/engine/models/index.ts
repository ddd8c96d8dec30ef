/** The allocation models: the registry (registry.ts), one file per model, and the weights of plan lines (weightBook.ts). */
export * from './registry';
export { WeightBook } from './weightBook';
