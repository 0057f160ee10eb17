import { whatsappHarness } from '../../support/notify/whatsapp-harness';
import { describeNotifierConformance } from './conformance';

describeNotifierConformance(whatsappHarness());
