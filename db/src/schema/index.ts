export * from './catalog';
export * from './relations';
export * from './accounts';
export * from './inventory';
export * from './orders';
export * from './payments';
export * from './shifts';
export * from './shift-settings';
