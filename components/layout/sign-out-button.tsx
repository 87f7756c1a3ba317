"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

type SignOutAnswer = { url?: string; error?: { message?: string } } | undefined;

export default function SignOutButton() {
  const [problem, setProblem] = useState<string | null>(null);
  const router = useRouter();

  // Leave the page only once the server has ended the session: during a database outage the
  // server refuses, and the page says so instead of looking signed out while it is not.
  async function signOutHere() {
    setProblem(null);
    try {
      const answer = (await signOut({ redirect: false, callbackUrl: "/" })) as SignOutAnswer;
      if (answer?.error) {
        setProblem(answer.error.message ?? "Signing out failed; please try again.");
        return;
      }
      router.replace("/");
      router.refresh();
    } catch {
      setProblem("Signing out failed; please try again.");
    }
  }

  return (
    <>
      <button type="button" className="link-button" onClick={signOutHere}>
        Sign out
      </button>
      {problem && (
        <span role="alert" className="sign-out-problem">
          {problem}
        </span>
      )}
    </>
  );
}
