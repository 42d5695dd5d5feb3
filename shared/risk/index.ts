/** Re-identification risk (issue 20): classes, generalisations, the study check, decisions applied. */
export * from './classes';
export * from './generalise';
export * from './study';
export * from './apply';
export * from './check';
