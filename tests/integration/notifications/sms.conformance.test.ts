import { smsHarness } from '../../support/notify/sms-harness';
import { describeNotifierConformance } from './conformance';

describeNotifierConformance(smsHarness());
