import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/schemas";

export const NEW_PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. The 1,000 most common passwords are refused; a few unrelated words work well.`;
