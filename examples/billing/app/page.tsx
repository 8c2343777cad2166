import { redirect } from 'next/navigation';
import { pageSession } from '@/lib/pages/session';

export default async function Home() {
  const session = await pageSession();
  redirect(session.userId === undefined ? '/sign-in' : '/invoices');
}
