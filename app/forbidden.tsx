import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="page narrow">
      <h1>Not allowed</h1>
      <p>Your account does not have access to this page. Ask an admin if you need it.</p>
      <p><Link href="/">See all articles</Link></p>
    </main>
  );
}
