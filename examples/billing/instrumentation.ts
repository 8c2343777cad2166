// Runs once when the Next.js server starts. Node.js only: the edge runtime gets an empty function
// (webpack drops the branch, so the database code is never bundled for the edge).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startBilling } = await import('./lib/jobs/start');
    await startBilling();
  }
}
