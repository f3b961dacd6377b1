/**
 * The received file (spec §3 step 7) judged from what the wait saw of it: its existence belongs to
 * "owner found and transfer", its bytes to "identical content".
 */
import test from 'ava';
import { plainVerdict } from './_verdict.ts';
import type { Verdict } from './grade-model.ts';
import { checkFilesKept, checkReceivedFile, keptFileOf, type FileContext } from './file.ts';
import type { FileOutcome } from '../history/history.ts';

const context: FileContext = { file: '2067', requester: 4, sent: 1000, stallMs: 7000, listing: [] };
const ok: Verdict = { status: 'pass', reasons: [], warnings: [] };
const fail = (reason: string): Verdict => ({ status: 'fail', reasons: [reason], warnings: [] });

const cases: { title: string; outcome: FileOutcome; context?: Partial<FileContext>; transfer: Verdict; content: Verdict }[] = [
  { title: 'identical: both pass', outcome: { state: 'identical', size: 1000 }, transfer: ok, content: ok },
  {
    title: 'different: the transfer passes, the content fails with sizes and the first difference',
    outcome: { state: 'different', size: 1000, firstDifference: 512 },
    transfer: ok,
    content: fail('received_2067.pdf at peer 4 differs from 2067.pdf: 1000 bytes where 1000 were sent, first difference at byte 512'),
  },
  {
    title: 'stalled: both fail, saying how far it got',
    outcome: { state: 'stalled', size: 400 },
    transfer: fail('received_2067.pdf at peer 4 stopped growing at 400 of 1000 bytes for 7 s (spec §4)'),
    content: fail('received_2067.pdf at peer 4 is not complete, so its content cannot match (400 of 1000 bytes)'),
  },
  {
    title: 'missing with an empty directory: both fail',
    outcome: { state: 'missing' },
    transfer: fail("no received_2067.pdf appeared in peer 4's directory within 7 s of the request (spec §3 step 7)"),
    content: fail('received_2067.pdf at peer 4 is not complete, so its content cannot match (no file)'),
  },
  {
    title: 'missing with a listing: the transfer names what the directory holds',
    outcome: { state: 'missing' },
    context: { listing: ['2067.pdf', 'received2067.pdf'] },
    transfer: fail("no received_2067.pdf appeared in peer 4's directory within 7 s of the request (spec §3 step 7); the directory holds '2067.pdf', 'received2067.pdf'"),
    content: fail('received_2067.pdf at peer 4 is not complete, so its content cannot match (no file)'),
  },
  {
    title: 'the file keeps its leading zeros in every name',
    outcome: { state: 'stalled', size: 0 },
    context: { file: '0020', requester: 19, sent: 65536, stallMs: 5500 },
    transfer: fail('received_0020.pdf at peer 19 stopped growing at 0 of 65536 bytes for 5.5 s (spec §4)'),
    content: fail('received_0020.pdf at peer 19 is not complete, so its content cannot match (0 of 65536 bytes)'),
  },
];

for (const { title, outcome, context: extra = {}, transfer, content } of cases) {
  test(`checkReceivedFile: ${title}`, (t) => {
    const got = checkReceivedFile(outcome, { ...context, ...extra });
    t.deepEqual({ transfer: plainVerdict(got.transfer), content: plainVerdict(got.content) }, { transfer, content });
  });
}

test('a Store must leave every copy of the file as it was', (t) => {
  const content = Buffer.from('0123456789');
  const kept = [
    keptFileOf(14, content, content),
    keptFileOf(19, content, Buffer.alloc(0)),
    keptFileOf(2, content, undefined),
    keptFileOf(4, content, Buffer.from('1037')),
  ];
  t.deepEqual(checkFilesKept('1037', content.length, kept, 'Store 1037 at peer 4').reasons, [
    "peer 19's 1037.pdf was cut to 0 of its 10 bytes after `Store 1037 at peer 4`: a Store records the name only and must leave the file as it is (spec §3 step 6)",
    "peer 2's 1037.pdf is gone after `Store 1037 at peer 4`: a Store records the name only and must leave the file as it is (spec §3 step 6)",
    "peer 4's 1037.pdf was changed (4 bytes where it had 10) after `Store 1037 at peer 4`: a Store records the name only and must leave the file as it is (spec §3 step 6)",
  ]);
  t.is(checkFilesKept('1037', content.length, [keptFileOf(14, content, Buffer.from(content))], 'Store').status, 'pass');
});
