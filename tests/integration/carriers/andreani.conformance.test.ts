import { andreaniHarness } from '../../support/carriers/andreani-harness';
import { describeCarrierConformance } from './conformance';

describeCarrierConformance(andreaniHarness());
