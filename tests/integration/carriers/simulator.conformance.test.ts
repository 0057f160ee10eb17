import { simulatorHarness } from '../../support/carriers/simulator-harness';
import { describeCarrierConformance } from './conformance';

// Asynchronous labels: the suite's pending → created and rejected cases run; synchronous labels are
// covered in src/engine/adapters/carriers/simulator.carrier.test.ts.
describeCarrierConformance(simulatorHarness({ labels: 'async' }));
