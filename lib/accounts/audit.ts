import "server-only";
import type { AccountEventType, Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Every account change writes one of these in the same transaction as the change itself. */
export async function recordAccountEvent(
  tx: Tx,
  event: { userId: string; actorId: string; type: AccountEventType; details?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.accountEvent.create({ data: event });
}
