import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

export function RoleOptions() {
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {ROLE_LABELS[r]}
    </option>
  ));
}
