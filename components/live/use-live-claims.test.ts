import { describe, expect, it } from "vitest";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { mergeClaims } from "./use-live-claims";

const claim = (id: string, version: number, explanation = `v${version}`) => ({ id, version, explanation }) as ClaimDto;

describe("merging fresh claims into the workspace", () => {
  it("adds new claims, takes newer versions, drops deleted ones", () => {
    const merged = mergeClaims([claim("a", 1), claim("b", 1), claim("gone", 3)], [claim("a", 2), claim("b", 1), claim("new", 1)]);
    expect(merged.map((c) => [c.id, c.version])).toEqual([["a", 2], ["b", 1], ["new", 1]]);
  });

  it("keeps a local claim that is newer than the fetched one (my own save raced the fetch)", () => {
    const mine = claim("a", 3, "my save");
    expect(mergeClaims([mine], [claim("a", 2)])[0]).toBe(mine);
  });
});
