import { webhookHarness } from '../../support/notify/webhook-harness';
import { describeNotifierConformance } from './conformance';

describeNotifierConformance(webhookHarness());
