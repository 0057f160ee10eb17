// A receiving SMTP server for `npm run bench notify`, in its own process as a real relay would be:
// smtp-server on loopback that accepts every message, reads its X-Atalaya-Intent header from the
// head of the data (no MIME parsing: the bench measures the sender, not a parser) and counts
// messages, duplicates and bytes. Talks to the bench over IPC: it sends { port } once listening and
// answers { ask: 'stats' } with { received, duplicates, bytes }.
import { SMTPServer } from 'smtp-server';

// Its own name in /proc, so the bench's CPU by process tells the receiver from the sender.
process.title = 'smtp-sink';

const intents = new Set();
let received = 0;
let duplicates = 0;
let bytes = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  maxClients: 200,
  onData(stream, _session, cb) {
    let head = '';
    let size = 0;
    stream.on('data', (c) => {
      size += c.length;
      if (head.length < 8192) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const intent = /^x-atalaya-intent:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? '';
      received += 1;
      bytes += size;
      if (intents.has(intent)) duplicates += 1;
      else intents.add(intent);
      cb(null, `Ok: queued as S${received}`);
    });
  },
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: server.server.address().port }));
process.on('message', (m) => {
  if (m?.ask === 'stats') process.send?.({ received, duplicates, bytes });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
