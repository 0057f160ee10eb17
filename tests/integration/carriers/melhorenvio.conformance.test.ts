import { melhorEnvioHarness } from '../../support/carriers/melhorenvio-harness';
import { describeCarrierConformance } from './conformance';

describeCarrierConformance(melhorEnvioHarness());
