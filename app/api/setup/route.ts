import { setupFirstAdmin } from "@/lib/accounts/first-admin";
import { handleRoute, readJson } from "@/lib/http/route";

// Anonymous: the one-time setup code in the body is the credential (lib/accounts/first-admin.ts).
export async function POST(req: Request) {
  return handleRoute(async () => {
    const admin = await setupFirstAdmin(await readJson(req));
    return Response.json({ email: admin.email }, { status: 201 });
  });
}
