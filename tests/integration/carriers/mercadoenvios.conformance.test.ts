import { mercadoEnviosHarness } from '../../support/carriers/mercadoenvios-harness';
import { describeCarrierConformance } from './conformance';

describeCarrierConformance(mercadoEnviosHarness());
