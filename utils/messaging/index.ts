export * from './schemas';
export * from './views';
export * from './router';
export * from './client';
