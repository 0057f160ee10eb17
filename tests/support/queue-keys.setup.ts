import { afterAll } from 'vitest';
import { removeTestQueueKeys } from './queue-keys';

// Runs after the file's own afterAll hooks (they close its engines): the file's queue keys go.
afterAll(() => removeTestQueueKeys());
