import { asc } from 'drizzle-orm';
import { tenants, users } from '@/lib/db/schema';
import { billingRuntime } from '@/lib/runtime';
import { signIn } from './actions';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const { database } = await billingRuntime();
  const people = await database.db.select().from(users).orderBy(asc(users.tenantId), asc(users.id));
  const orgs = new Map((await database.db.select().from(tenants)).map((t) => [t.id, t.name]));
  return (
    <>
      <h1>Sign in</h1>
      <p>
        A demo: pick someone. Alice and Bob are members of Acme, Ada is Acme&apos;s admin, Carol works at
        Globex.
      </p>
      {error === undefined ? null : (
        <p role="alert" className="error">
          That user does not exist.
        </p>
      )}
      <ul className="users">
        {people.map((user) => (
          <li key={user.id}>
            <form action={signIn}>
              <input type="hidden" name="userId" value={user.id} />
              <button type="submit" className="secondary" data-testid={`sign-in-${user.id}`}>
                <strong>{user.name}</strong>
                <br />
                <span className="muted">
                  {user.role} at {orgs.get(user.tenantId) ?? user.tenantId}
                </span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
