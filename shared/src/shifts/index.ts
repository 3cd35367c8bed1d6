export * from './local-time';
export * from './planning';
export * from './attendance';
export * from './grading';
export * from './reports';
