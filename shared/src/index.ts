export * from './catalog';
export * from './endpoint';
export * from './endpoints';
export * from './enums';
export * from './errors';
export * from './money';
export * from './primitives';
export * from './system';
