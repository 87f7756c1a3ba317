import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address. The article may have moved, or the link may be mistyped.</p>
      <p><Link href="/">See all articles</Link></p>
    </main>
  );
}
