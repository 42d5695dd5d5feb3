/** Chart words for the UI language: the layouts draw them into the picture (shared/charts/strings.ts holds all three). */
export { CHART_STRINGS_NN, chartStringsFor } from '../../../shared/charts';
