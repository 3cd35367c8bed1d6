export * from './catalog';
export * from './relations';
