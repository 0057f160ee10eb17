import { ocaHarness } from '../../support/carriers/oca-harness';
import { describeCarrierConformance } from './conformance';

describeCarrierConformance(ocaHarness());
