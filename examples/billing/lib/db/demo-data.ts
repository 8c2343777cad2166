// The demo organisations, people and invoices seeded on first start (plain data: the start script
// prints the users and their tokens from here too).

/** A seeded person. */
export interface DemoUser {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly email: string;
  readonly role: 'member' | 'admin';
}

export const DEMO_TENANTS = [
  { id: 'acme', name: 'Acme Corp' },
  { id: 'globex', name: 'Globex' },
] as const;

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alice', tenantId: 'acme', name: 'Alice Martin', email: 'alice@acme.test', role: 'member' },
  { id: 'bob', tenantId: 'acme', name: 'Bob Chen', email: 'bob@acme.test', role: 'member' },
  { id: 'ada', tenantId: 'acme', name: 'Ada Admin', email: 'ada@acme.test', role: 'admin' },
  { id: 'carol', tenantId: 'globex', name: 'Carol Diaz', email: 'carol@globex.test', role: 'member' },
];

/** Seeded invoices: amounts in minor units (JPY has no decimals, KWD three). */
export const DEMO_INVOICES = [
  { ownerId: 'alice', description: 'Pro plan, March', amount: 4990, currency: 'USD' },
  { ownerId: 'alice', description: 'Support hours', amount: 12000, currency: 'USD' },
  { ownerId: 'alice', description: 'Tokyo workshop', amount: 5000, currency: 'JPY' },
  { ownerId: 'bob', description: 'Team seat', amount: 1200, currency: 'EUR' },
  { ownerId: 'carol', description: 'Consulting', amount: 1250, currency: 'KWD' },
] as const;
