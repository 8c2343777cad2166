/** The error every query on a finished transaction gets. */
export function transactionClosed(): Error {
  return new Error('This transaction has ended: use ctx.tx only while the handler runs');
}
