/**
 * The wordings real programs print (spec §6), as data beside the catalogue: each row a printed
 * line and what it must mean. A judged row names an expected line and the judgement the matcher
 * must give it against that line; near misses carry the expected line they must NOT match
 * ('none' or 'wrong-numbers'). An events row lists what `findEvents` must see, as
 * "meaning v1 v2", in order. The numbers are those of the standard ring 2 4 5 8 9 14 19 after
 * `join 15 4`, `Quit` or kill of 14, `Store 2067` at 8, `Store 0020` at 4, `Request 4103` at 2
 * (owner 8), and peer 2's pings (successors 4 5, predecessors 19 14), so that variants.test.ts
 * can put every row where the spec's line is expected and run the checkers over it.
 */
import type { MessageId, Slots } from './catalogue.ts';
import type { LineJudgement } from './matcher.ts';

export type Expected = { readonly id: MessageId; readonly slots: Slots };

export type VariantRow =
  | { readonly line: string; readonly expected: Expected; readonly judgement: LineJudgement; readonly why: string }
  | { readonly line: string; readonly events: readonly string[]; readonly why: string };

// The expected lines the rows are judged against (spec §3 tables, standard ring).
const pingSent: Expected = { id: 'ping-sent', slots: { s1: 4, s2: 5 } };
const pingOne: Expected = { id: 'ping-sent-one', slots: { s: 4 } };
const pingFrom19: Expected = { id: 'ping-received', slots: { from: 19 } };
const responseFrom4: Expected = { id: 'ping-response', slots: { from: 4 } };
const forwarded15: Expected = { id: 'join-forwarded', slots: { peer: 15 } };
const received15: Expected = { id: 'join-received', slots: { peer: 15 } };
const acceptorFirst: Expected = { id: 'new-first-successor', slots: { peer: 15 } };
const acceptorSecond: Expected = { id: 'new-second-successor', slots: { peer: 19 } };
const change: Expected = { id: 'successor-change', slots: {} };
const accepted: Expected = { id: 'join-accepted', slots: {} };
const joinerFirst: Expected = { id: 'first-successor', slots: { peer: 19 } };
const joinerSecond: Expected = { id: 'second-successor', slots: { peer: 2 } };
const departing14: Expected = { id: 'departing', slots: { peer: 14 } };
const dead14: Expected = { id: 'no-longer-alive', slots: { peer: 14 } };
const storeForwarded: Expected = { id: 'store-forwarded', slots: { file: '2067' } };
const storeForwarded20: Expected = { id: 'store-forwarded', slots: { file: '0020' } };
const storeAccepted: Expected = { id: 'store-accepted', slots: { file: '2067' } };
const storeAccepted20: Expected = { id: 'store-accepted', slots: { file: '0020' } };
const requestSent: Expected = { id: 'request-sent', slots: { file: '4103' } };
const notHere: Expected = { id: 'request-not-here', slots: { file: '4103' } };
const storedHere: Expected = { id: 'file-stored-here', slots: { file: '4103' } };
const sending: Expected = { id: 'sending-file', slots: { file: '4103', to: 2 } };
const fileSent: Expected = { id: 'file-sent', slots: {} };
const hadFile: Expected = { id: 'peer-had-file', slots: { owner: 8, file: '4103' } };
const receiving: Expected = { id: 'receiving-file', slots: { file: '4103', owner: 8 } };
const fileReceived: Expected = { id: 'file-received', slots: { file: '4103' } };

const exact = (line: string, expected: Expected, why = 'the spec sentence'): VariantRow => ({ line, expected, judgement: 'exact', why });
const meaning = (line: string, expected: Expected, why: string): VariantRow => ({ line, expected, judgement: 'meaning', why });
const wrong = (line: string, expected: Expected, why: string): VariantRow => ({ line, expected, judgement: 'wrong-numbers', why });
const not = (line: string, expected: Expected, why: string): VariantRow => ({ line, expected, judgement: 'none', why });
const events = (line: string, found: string[], why: string): VariantRow => ({ line, events: found, why });

export const VARIANTS: readonly VariantRow[] = [
  // §3 step 2: ping sent
  exact('Ping requests sent to Peers 4 and 5', pingSent),
  meaning('Ping requests were sent to Peers 4 and 5', pingSent, '"were"'),
  meaning('Ping request sent to Peers 4 and 5', pingSent, 'singular "request"'),
  meaning('Ping requests were sent to Peer 4 and 5', pingSent, 'the course rubric'),
  meaning('Ping requests sent to 4 and 5', pingSent, 'no "Peers"'),
  meaning('Ping requests sent to Peer 4 and Peer 5', pingSent, '"Peer" twice'),
  meaning('Ping requests sent to Peers 4, 5', pingSent, 'a comma for "and"'),
  meaning('Ping requests sent to Peers 4 & 5', pingSent, '"&" for "and"'),
  exact('> Ping requests sent to Peers 4 and 5.', pingSent, 'a prompt and a trailing dot'),
  exact('[peer 2] ping requests sent to peers 4 and 5', pingSent, 'a tag, lower case'),
  wrong('Ping requests sent to Peers 4 and 8', pingSent, 'a wrong successor'),
  wrong('Ping requests sent to Peers 14 and 5', pingSent, '4 is a suffix of 14'),
  not('Ping responses received from Peers 4 and 5', pingSent, 'responses are not requests'),
  not('Ping requests received from Peers 4 and 5', pingSent, 'received is not sent'),
  not('Ping request sent to Peer 4', pingSent, 'one successor is its own message'),
  // §6: one ping line per successor
  exact('Ping request sent to Peer 4', pingOne, 'its own template'),
  meaning('Ping request sent to 4', pingOne, 'no "Peer"'),
  meaning('Ping request was sent to Peer 4', pingOne, '"was"'),
  meaning('Ping request send to Peer 4', pingOne, '"send" for "sent"'),
  exact('[tag] Ping request sent to Peer 4.', pingOne, 'a tag and a dot'),
  wrong('Ping request sent to Peer 14', pingOne, 'another peer'),
  not('Ping request received from Peer 4', pingOne, 'received is not sent'),
  not('Ping response received from Peer 4', pingOne, 'a response is not a request'),
  events('Ping request sent to Peer 4Ping request sent to Peer 5', ['ping-sent-one 4', 'ping-sent-one 5'], 'glued, no newline'),
  events('Ping request sent to Peer 4 and Peer 5', ['ping-sent 4 5'], 'both successors, not also one'),
  // §3 step 2: ping received
  exact('Ping request message received from Peer 19', pingFrom19),
  meaning('Ping request received from Peer 19', pingFrom19, 'no "message"'),
  meaning('Ping request message received from 19', pingFrom19, 'no "Peer"'),
  meaning('Ping request received from 19', pingFrom19, 'no "message", no "Peer"'),
  meaning('Ping request message recieved from Peer 19', pingFrom19, '"recieved"'),
  meaning('Ping request recieved from 19', pingFrom19, '"recieved", no "Peer"'),
  meaning('Ping request message was received from Peer 19', pingFrom19, '"was"'),
  meaning('Ping request message received from Peer19', pingFrom19, '"Peer19" without a space'),
  exact('PING REQUEST MESSAGE RECEIVED FROM PEER 19', pingFrom19, 'upper case'),
  wrong('Ping request message received from Peer 9', pingFrom19, 'another peer'),
  not('Ping response received from Peer 19', pingFrom19, 'a response is not a request'),
  not('Ping request sent to Peer 19', pingFrom19, 'sent is not received'),
  not('Ping request message received from Peer 19x', pingFrom19, '"19x" is an identifier, not a number'),
  // §3 step 2: ping response
  exact('Ping response received from Peer 4', responseFrom4),
  meaning('Ping response #3 received from Peer 4', responseFrom4, 'a sequence number'),
  meaning('Ping response #5 received from Peer 4', responseFrom4, 'a sequence number that is also a peer ID'),
  meaning('Ping response received from 4', responseFrom4, 'no "Peer"'),
  meaning('Ping response no. 7 received from Peer 4', responseFrom4, 'a sequence number after "no."'),
  meaning('Ping response recieved from Peer 4', responseFrom4, '"recieved"'),
  meaning('Ping response message received from Peer 4', responseFrom4, '"message"'),
  meaning('> ping response #12 was received from peer 4.', responseFrom4, 'all at once'),
  wrong('Ping response #4 received from Peer 5', responseFrom4, 'the sequence number is not the peer'),
  not('Ping request message received from Peer 4', responseFrom4, 'a request is not a response'),
  not('Ping response received from peer4x', responseFrom4, 'an identifier, not a peer'),
  events('Ping requests sent to Peers 4 and 5Ping response received from Peer 4', ['ping-sent 4 5', 'ping-response 4'], 'glued'),

  // §3 step 3: join forwarded (peers 4 5 8 9)
  exact('Peer 15 Join request forwarded to my successor', forwarded15),
  exact('Peer 15 join request forwarded to my successor', forwarded15, '"join" in lower case'),
  meaning('Peer 15 Join request forward to my successor', forwarded15, '"forward"'),
  meaning('Peer 15 Join request forwarded to successor', forwarded15, 'no "my"'),
  meaning('Peer 15 join request forward to successor', forwarded15, 'both'),
  meaning('Peer 15 Join request forwarded', forwarded15, 'no "to my successor"'),
  meaning('Peer 15 Join request has been forwarded to my successor', forwarded15, '"has been"'),
  meaning('Peer 15 Join request fowarded to my successor', forwarded15, '"fowarded"'),
  meaning('15 Join request forwarded to my successor', forwarded15, 'no "Peer"'),
  exact('> Peer 15 Join request forwarded to my successor.', forwarded15, 'a prompt and a dot'),
  wrong('Peer 16 Join request forwarded to my successor', forwarded15, 'another joiner'),
  not('Peer 15 Join request received', forwarded15, 'received is not forwarded'),
  not('Peer 15 Join request accepted', forwarded15, 'accepted is not forwarded'),
  not('Join request has been accepted', forwarded15, "the joiner's line"),
  // §3 step 3: join received (acceptor 14)
  exact('Peer 15 Join request received', received15),
  meaning('Peer 15 join request recieved', received15, '"recieved", lower case'),
  meaning('Peer 15 Join request has been received', received15, '"has been"'),
  exact('[INFO] Peer 15 Join request received', received15, 'a [tag] before a Peer number'),
  meaning('15 Join request received', received15, 'no "Peer"'),
  wrong('Peer 115 Join request received', received15, '15 is a suffix of 115'),
  not('Peer 15 Join request forwarded to my successor', received15, 'a forward is not an accept'),
  not('Successor Change request received', received15, 'another request'),
  not('peer15x Join request received', received15, 'an identifier, not a peer'),
  // §3 step 3: the acceptor's new successors (14: 15 then 19)
  exact('My new first successor is Peer 15', acceptorFirst),
  meaning('My first successor is Peer 15', acceptorFirst, 'no "new": it carries no meaning'),
  meaning('My new first successor is 15', acceptorFirst, 'no "Peer"'),
  meaning('My first successor ID is 15', acceptorFirst, '"ID", no "new"'),
  meaning('My new first successor ID is 15', acceptorFirst, '"ID"'),
  meaning('my 1st successor is peer 15', acceptorFirst, '"1st"'),
  meaning('My new 1st successor is Peer 15', acceptorFirst, '"1st" with "new"'),
  meaning('My first succesor is Peer 15', acceptorFirst, '"succesor"'),
  meaning('My new first successor is Peer15', acceptorFirst, '"Peer15"'),
  meaning('First successor: 15', acceptorFirst, 'terse'),
  exact('  My new first successor is Peer 15.  ', acceptorFirst, 'spaces and a dot'),
  meaning('>   My  first successor   is Peer 15 .', acceptorFirst, 'a prompt, doubled spaces, no "new", a spaced dot'),
  wrong('My new first successor is Peer 16', acceptorFirst, 'another peer'),
  wrong('My first successor is Peer 16', acceptorFirst, 'another peer, no "new"'),
  wrong('My new first successor is Peer 115', acceptorFirst, '15 is a suffix of 115'),
  not('My new second successor is Peer 15', acceptorFirst, 'second is not first'),
  not('My second successor is Peer 15', acceptorFirst, 'second is not first, no "new"'),
  not('My 2nd successor is Peer 15', acceptorFirst, '"2nd" is second'),
  not('My new first successor is Peer 15x', acceptorFirst, 'an identifier'),
  exact('My new second successor is Peer 19', acceptorSecond),
  meaning('My second successor is Peer 19', acceptorSecond, 'no "new"'),
  meaning('My new second successor is 19', acceptorSecond, 'no "Peer"'),
  meaning('My second successor ID is 19', acceptorSecond, '"ID"'),
  meaning('my 2nd successor is 19', acceptorSecond, '"2nd"'),
  meaning('My new second sucessor is Peer 19', acceptorSecond, '"sucessor"'),
  wrong('My new second successor is Peer 2', acceptorSecond, 'another peer'),
  not('My new first successor is Peer 19', acceptorSecond, 'first is not second'),
  not('My 1st successor is Peer 19', acceptorSecond, '"1st" is first'),
  events('My new first successor is Peer 15My new second successor is Peer 19', ['first-successor 15', 'second-successor 19'], 'glued'),
  events('My new first successor is Peer 4', ['first-successor 4'], '"new" or not, one event'),
  events('My first successor is Peer 4', ['first-successor 4'], 'one event'),
  // §3 step 3: the first predecessor 9
  exact('Successor Change request received', change),
  meaning('Successor change request recieved', change, '"recieved"'),
  meaning('Successor Change request has been received', change, '"has been"'),
  exact('---- Successor Change request received ----', change, 'framing'),
  meaning('Successor Change Request Received!!', change, 'two "!"'),
  not('Successor Change request sent', change, 'sent is not received'),
  not('Peer 15 Join request received', change, 'another request'),
  events('Peer 15 Join request received Successor Change request received', ['join-received 15', 'successor-change'], 'glued with a space'),
  // §3 step 3: the joiner 15
  exact('Join request has been accepted', accepted),
  meaning('Join request accepted', accepted, 'no "has been"'),
  meaning('join request was accepted', accepted, '"was"'),
  exact('Join request has been accepted.', accepted, 'a dot'),
  exact('---- Join request has been accepted. ----', accepted, 'framing around a dot'),
  meaning('Join request has been acepted', accepted, '"acepted"'),
  not('Join request has been approved', accepted, 'not a word of the protocol'),
  not('Join request has been received', accepted, 'received is not accepted'),
  not('Peer 15 Join request forwarded to my successor', accepted, 'a forward is not an accept'),
  exact('My first successor is Peer 19', joinerFirst),
  meaning('My new first successor is Peer 19', joinerFirst, 'the joiner saying "new"'),
  meaning('My first successor ID is 19', joinerFirst, '"ID"'),
  meaning('My first successor is 19', joinerFirst, 'no "Peer"'),
  meaning('my 1st successor is peer 19', joinerFirst, '"1st"'),
  wrong('My first successor is Peer 2', joinerFirst, 'another peer'),
  not('My second successor is Peer 19', joinerFirst, 'second is not first'),
  exact('My second successor is Peer 2', joinerSecond),
  meaning('My new second successor is Peer 2', joinerSecond, 'the joiner saying "new"'),
  meaning('My second successor ID is 2', joinerSecond, '"ID"'),
  meaning('My 2nd successor is Peer 2', joinerSecond, '"2nd"'),
  wrong('My second successor is Peer 19', joinerSecond, 'another peer'),
  not('My first successor is Peer 2', joinerSecond, 'first is not second'),
  events('Join request has been acceptedMy first successor is Peer 19My second successor is Peer 2', ['join-accepted', 'first-successor 19', 'second-successor 2'], 'a whole row glued'),

  // §3 step 4: departure (9 and 8 after Quit at 14)
  exact('Peer 14 will depart from the network', departing14),
  meaning('Peer 14 will depart from this network', departing14, '"this"'),
  meaning('Peer 14 will depart from network', departing14, 'no article'),
  meaning('---- Peer 14 will depart from network ----', departing14, 'framing, no article'),
  exact(' ---- Peer 14 will depart from the network ---- ', departing14, 'framing'),
  meaning('Peer 14 is departing from the network', departing14, '"departing"'),
  meaning('Peer 14 will depart the network', departing14, 'no "from"'),
  meaning('Peer 14 departs from a network', departing14, '"departs", "a"'),
  wrong('Peer 9 will depart from the network', departing14, 'another peer'),
  not('Peer 14 is no longer alive', departing14, 'a kill is not a departure'),
  events('Peer 14 will depart from the networkMy new first successor is Peer 19My new second successor is Peer 2', ['departing 14', 'first-successor 19', 'second-successor 2'], 'a whole row glued'),
  // §3 step 5: abrupt departure (9 and 8 after kill of 14)
  exact('Peer 14 is no longer alive', dead14),
  meaning('Peer 14 no longer alive', dead14, 'no "is"'),
  meaning('14 is no longer alive', dead14, 'no "Peer"'),
  exact('Peer 14 is no longer alive.', dead14, 'a dot'),
  exact('\u001b[1;31mPeer 14 is no longer alive\u001b[0m', dead14, 'ANSI colour'),
  meaning('Peer 14 was no longer alive', dead14, '"was"'),
  not('Peer 14 is alive', dead14, 'alive is not no longer alive'),
  not('Peer 14 is still alive', dead14, 'still alive'),
  not('Ping response received, peer 14 alive', dead14, 'merely "alive"'),
  not('Peer 14 will depart from the network', dead14, 'a departure is not a kill'),
  wrong('Peer 19 is no longer alive', dead14, 'another peer'),
  events('Peer 14 is alive', [], 'no event'),
  events('Peer 14 is no longer aliveMy new first successor is Peer 19', ['no-longer-alive 14', 'first-successor 19'], 'glued'),

  // §3 step 6: Store 2067 at 8 (owner 19) and Store 0020 at 4 (owner 2)
  exact('Store 2067 request forwarded to my successor', storeForwarded),
  meaning('Store 2067 request forwarded to successor', storeForwarded, 'no "my"'),
  meaning('Store 2067 request forward to my successor', storeForwarded, 'the course rubric'),
  meaning('Store 2067 request forwarded', storeForwarded, 'no "to my successor"'),
  meaning('Store 2067 request has been forwarded to my successor', storeForwarded, '"has been"'),
  meaning('Store 2067 request forwarding to successor', storeForwarded, '"forwarding"'),
  exact('[peer 8] Store 2067 request forwarded to my successor', storeForwarded, 'a tag naming the peer'),
  wrong('Store 2068 request forwarded to my successor', storeForwarded, 'another file'),
  wrong('Store 19 request forwarded to my successor', storeForwarded, 'the key, not the file name'),
  not('Store 2067 request accepted', storeForwarded, 'an accept is not a forward'),
  exact('Store 0020 request forwarded to my successor', storeForwarded20, 'four digits as typed'),
  meaning('Store 20 request forwarded to my successor', storeForwarded20, 'leading zeros dropped: the same number'),
  meaning('Store 20 request forwarded', storeForwarded20, 'leading zeros dropped, short'),
  wrong('Store 200 request forwarded to my successor', storeForwarded20, 'another number'),
  exact('Store 2067 request accepted', storeAccepted),
  meaning('Store 2067 request has been accepted', storeAccepted, '"has been"'),
  meaning('Store 2067 request was accepted.', storeAccepted, '"was"'),
  exact('STORE 2067 REQUEST ACCEPTED', storeAccepted, 'upper case'),
  exact('Enter a command: Store 2067 request accepted', storeAccepted, 'an input prompt in front'),
  meaning('Store 2067 request accepted..', storeAccepted, 'two dots (spec §5 ignores one)'),
  wrong('Store 20670 request accepted', storeAccepted, 'another number'),
  not('Store 2067 request forwarded to my successor', storeAccepted, 'a forward is not an accept'),
  not('Store 2067 request received', storeAccepted, 'received is not accepted'),
  exact('Store 0020 request accepted', storeAccepted20, 'four digits'),
  meaning('Store 20 request accepted', storeAccepted20, 'leading zeros dropped'),
  events('Store 2067 request forwarded to my successorStore 2067 request accepted', ['store-forwarded 2067', 'store-accepted 2067'], 'glued, no newline'),
  events('store 2067 request forwarded to my successorstore 2067 request accepted', ['store-forwarded 2067', 'store-accepted 2067'], 'glued, all lower case'),
  events('Store 2067 request forwarded to my successor Store 2067 request forwarded to my successor', ['store-forwarded 2067', 'store-forwarded 2067'], 'the same line twice'),
  events('Enter a command: Request 4103', [], 'the command echoed is no event'),

  // §3 step 7: Request 4103 at 2 (owner 8, passing 4 and 5)
  exact('File request for 4103 has been sent to my successor', requestSent),
  meaning('File request for 4103 has been sent to successor', requestSent, 'no "my"'),
  meaning('File request for 4103 sent to my successor', requestSent, 'no "has been"'),
  meaning('File request for File 4103 has been sent to my successor', requestSent, '"File" twice'),
  meaning('File request for 4103 has been sent', requestSent, 'no "to my successor"'),
  wrong('File request for 4013 has been sent to my successor', requestSent, 'digits swapped'),
  not('The file has been sent', requestSent, "the owner's line"),
  not('Request for File 4103 has been received, but the file is not stored here', requestSent, 'a passing peer'),
  exact('Request for File 4103 has been received, but the file is not stored here', notHere),
  meaning('Request for File 4103 has been received, but the file is not here', notHere, 'no "stored"'),
  meaning('Request for File 4103 has been received but the file is not stored here', notHere, 'no comma'),
  meaning('Request for File 4103 has been recieved, but the file is not stored here', notHere, '"recieved"'),
  meaning('Request for File 4103 was received, but it is not here', notHere, '"was", "it"'),
  meaning('Request for File 4103 has been received from Peer 2, but the file is not stored here', notHere, 'who asked, named'),
  not('Request for File 4103 has been received from Peer 2', fileReceived, 'who asked, named: still not the file'),
  exact('Request for File 4103 has been received, but the file is not stored here.', notHere, 'a dot'),
  wrong('Request for File 4104 has been received, but the file is not stored here', notHere, 'another file'),
  not('File 4103 received', notHere, "the requester's line"),
  not('File 4103 is stored here', notHere, "the owner's line"),
  events('Request for File 4103 has been received, but the file is not stored here', ['request-not-here 4103'], 'not also File 4103 received'),
  events('Request for File 4103 has been received but the file is not stored here', ['request-not-here 4103'], 'no comma, still not File 4103 received'),
  events('Request for File 4103 has been received, but the file is not available', [], 'an unknown ending: still not File 4103 received'),
  events('Request of File 4103 was received, but it is elsewhere', [], 'an unknown wording: not File 4103 received'),
  exact('File 4103 is stored here', storedHere),
  meaning('File 4103 stored here', storedHere, 'no "is"'),
  exact('File 4103 is stored here.', storedHere, 'a dot'),
  wrong('File 4130 is stored here', storedHere, 'another file'),
  not('File 4103 is not stored here', storedHere, 'not'),
  not('Request for File 4103 has been received, but the file is not stored here', storedHere, 'a passing peer'),
  exact('Sending file 4103 to Peer 2', sending),
  meaning('Sending file 4103 to 2', sending, 'no "Peer"'),
  exact('Sending File 4103 to Peer 2.', sending, 'case and a dot'),
  wrong('Sending file 4103 to Peer 9', sending, 'another requester'),
  wrong('Sending file 2 to Peer 4103', sending, 'file and requester swapped'),
  not('Receiving File 4103 from Peer 2', sending, 'receiving is not sending'),
  exact('The file has been sent', fileSent),
  meaning('File has been sent', fileSent, 'no "The"'),
  meaning('The file was sent', fileSent, '"was"'),
  meaning('File 4103 has been sent', fileSent, 'the file named'),
  not('File request for 4103 has been sent to my successor', fileSent, "the requester's line"),
  not('File request for File 4103 has been sent to my successor', fileSent, "the requester's line, \"File\" twice"),
  not('Sending file 4103 to Peer 2', fileSent, 'sending is not sent'),
  not('File has been sent to my successor', fileSent, 'a request passed on'),
  events('File 4103 is stored here > Sending file 4103 to Peer 2 > The file has been sent', ['file-stored-here 4103', 'sending-file 4103 2', 'file-sent'], "the owner's row glued with prompts"),
  events('Sending file 4103 to Peer 2File has been sent', ['sending-file 4103 2', 'file-sent'], 'glued after a number'),
  exact('Peer 8 had File 4103', hadFile),
  meaning('8 had File 4103', hadFile, 'no "Peer"'),
  exact('Peer 8 had file 4103.', hadFile, 'case and a dot'),
  wrong('Peer 4103 had File 8', hadFile, 'owner and file swapped'),
  wrong('Peer 19 had File 4103', hadFile, 'another owner'),
  not('Receiving File 4103 from Peer 8', hadFile, 'receiving is not had'),
  exact('Receiving File 4103 from Peer 8', receiving),
  meaning('Receiving File 4103 from 8', receiving, 'no "Peer"'),
  meaning('Recieving File 4103 from Peer 8', receiving, '"Recieving"'),
  wrong('Receiving File 8 from Peer 4103', receiving, 'file and owner swapped'),
  not('Peer 8 had File 4103', receiving, 'had is not receiving'),
  not('File 4103 received', receiving, 'received is not receiving'),
  exact('File 4103 received', fileReceived),
  meaning('File 4103 has been received', fileReceived, '"has been"'),
  meaning('File 4103 recieved', fileReceived, '"recieved"'),
  meaning('File 4103 was received.', fileReceived, '"was"'),
  wrong('File 4013 received', fileReceived, 'digits swapped'),
  not('Request for File 4103 has been received, but the file is not stored here', fileReceived, 'a passing peer'),
  not('Request for File 4103 has been received', fileReceived, 'a request received is not the file'),
  not('Receiving File 4103 from Peer 8', fileReceived, 'receiving is not received'),
  events('Peer 8 had File 4103Receiving File 4103 from Peer 8File 4103 received', ['peer-had-file 8 4103', 'receiving-file 4103 8', 'file-received 4103'], "the requester's row glued"),
  events('Receiving File 4103 from Peer 8file 4103 received', ['receiving-file 4103 8', 'file-received 4103'], 'glued after a number, lower case'),

  // Lines that are no event at all.
  events('', [], 'a blank line'),
  events('hello, debug: 4 5 8', [], 'a debug line'),
  events('DEBUG successors = [4, 5]', [], 'a debug line about successors'),
  events('peer14x join request received', [], 'an identifier, not a peer'),
  events('abc123 forwarded 99x', [], 'numbers inside identifiers'),
  events('Enter a command:', [], 'a prompt alone'),
];
