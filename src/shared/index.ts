export * from './channel.contract';
export * from './channel.schema';
export * from './contract';
export * from './errors';
export * from './events';
export * from './location.schema';
export * from './order-lifecycle';
export * from './order.schema';
