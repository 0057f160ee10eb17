import { AppError, type printingContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';

const todo = (): never => {
  throw new AppError('INTERNAL', 'not built yet');
};

/** Print stations, printers, routes and durable print jobs. */
export const printingModule = defineModule<keyof typeof printingContract>({
  name: 'printing',
  handlers: {
    'printing.stations': todo,
    'printing.savePrinter': todo,
    'printing.removePrinter': todo,
    'printing.setRoute': todo,
    'printing.checkPrinter': todo,
    'printing.jobs': todo,
    'printing.print': todo,
    'printing.reprint': todo,
    'printing.retry': todo,
    'printing.cancel': todo,
    'printing.preview': todo,
  },
});
