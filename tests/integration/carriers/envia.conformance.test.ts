import { enviaHarness } from '../../support/carriers/envia-harness';
import { describeCarrierConformance } from './conformance';

describeCarrierConformance(enviaHarness());
