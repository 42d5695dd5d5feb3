export * from './reanchor';
export * from './overlap';
export * from './sentence';
export * from './keymap';
export * from './undo';
export * from './search';
export * from './codebook';
export * from './turns';
