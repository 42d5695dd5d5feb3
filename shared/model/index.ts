export * from './schema';
export * from './defaults';
export * from './informants';
export * from './counsellor';
export * from './method';
export * from './interview-draft';
export * from './frames';
export * from './gate';
