export * from './stats';
export * from './final';
export * from './filter';
export * from './columns';
export * from './journey';
export * from './counsellor';
export * from './agreement';
export * from './suppress';
