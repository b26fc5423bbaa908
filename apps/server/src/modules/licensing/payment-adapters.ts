// Online payment channels (一单式收费 paid online). The platform ships NO channel: a deployment that
// signs a contract with a payment provider (a 统一公共支付平台, UnionPay, a bank) registers an adapter
// for it at start-up. Until then fees are recorded by window staff (cash, POS, transfer). There is no
// fake gateway: an order can only be paid through a real channel's signed confirmation.

export interface PaymentOrderRequest {
  /** Our order id (UUID): the channel echoes it in its notification. */
  orderId: string;
  amountFen: number;
  /** What the payer sees, e.g. 食品经营许可 办件编号 3311002026… 行政事业性收费. */
  subject: string;
  /** Where the payer returns after paying (the application page in the service hall). */
  returnUrl: string;
}

export interface PaymentOrderResult {
  /** The channel's own order or transaction number. */
  externalId: string;
  /** Where to send the payer (a cashier page), if the channel has one. */
  payUrl: string | null;
}

export interface PaymentOrderStatus {
  status: 'created' | 'paid' | 'closed';
  /** Paid amount as the channel reports it. */
  amountFen: number | null;
  /** The channel's payment reference (transaction number), once paid. */
  reference: string | null;
}

export interface PaymentNotification {
  headers: Record<string, string | string[] | undefined>;
  /** The raw request body, exactly as received (signatures cover the bytes). */
  rawBody: string;
}

export interface VerifiedPayment {
  orderId: string;
  amountFen: number;
  reference: string;
}

export interface PaymentAdapter {
  /** Code in URLs and records, e.g. 'unionpay'. */
  readonly code: string;
  /** Name shown to the payer, e.g. 银联在线支付. */
  readonly name: string;
  createOrder(req: PaymentOrderRequest): Promise<PaymentOrderResult>;
  queryOrder(orderId: string, externalId: string | null): Promise<PaymentOrderStatus>;
  /**
   * Checks the channel's signature on an asynchronous notification and returns the payment it
   * confirms, or null when the signature or content is not valid (the notification is then ignored).
   */
  verifyNotification(n: PaymentNotification): Promise<VerifiedPayment | null>;
}

const adapters = new Map<string, PaymentAdapter>();

/** Registers a channel (at start-up, in every process). */
export function registerPaymentAdapter(adapter: PaymentAdapter): void {
  if (!/^[a-z][a-z0-9_-]{1,39}$/.test(adapter.code))
    throw new Error(`invalid payment channel code ${adapter.code}`);
  adapters.set(adapter.code, adapter);
}

export function paymentAdapter(code: string): PaymentAdapter | null {
  return adapters.get(code) ?? null;
}

export function listPaymentAdapters(): PaymentAdapter[] {
  return [...adapters.values()];
}

/** Tests only: forget registered channels. */
export function clearPaymentAdapters(): void {
  adapters.clear();
}
