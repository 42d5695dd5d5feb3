/** What other features may use of the informant register (features import each other only here). */
export { AttributeFilters, toAttributeFilter, type AttributeFilterState } from './AttributeFilters';
