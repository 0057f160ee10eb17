import { smtpHarness } from '../../support/notify/smtp-harness';
import { describeNotifierConformance } from './conformance';

describeNotifierConformance(smtpHarness());
