export * from './client';
export * from './config';
export * from './lock';
export * from './migrate';
export * as schema from './schema';
