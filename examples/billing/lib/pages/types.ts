// The JSON shapes pages read from operation outputs (encoded: dates are ISO strings).

export interface MoneyView {
  readonly amount: number;
  readonly currency: string;
}

export interface PaymentView {
  readonly attemptNumber: number;
  readonly status: string;
  readonly paymentIntentId?: string;
  readonly clientSecret?: string;
  readonly nextActionUrl?: string;
  readonly errorCode?: string;
  readonly declineCode?: string;
  readonly message?: string;
}

export interface InvoiceView {
  readonly id: string;
  readonly number: string;
  readonly description: string;
  readonly amount: MoneyView;
  readonly status: 'open' | 'paying' | 'paid' | 'failed' | 'refunded';
  readonly ownerId: string;
  readonly ownerName?: string;
  readonly createdAt: string;
  readonly paidAt?: string;
  readonly refundedAt?: string;
  readonly receiptUrl?: string;
  readonly lastError?: string;
  readonly payment?: PaymentView;
}

export interface AuditEntryView {
  readonly seq: number;
  readonly at: string;
  readonly requestId: string;
  readonly transport: string;
  readonly operation: string;
  readonly actor: string;
  readonly outcome: string;
  readonly errorCode?: string;
  readonly decision?: string;
  readonly input?: unknown;
  readonly events?: readonly string[];
  readonly durationMs: number;
}
