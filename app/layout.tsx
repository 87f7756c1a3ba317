import type { Metadata } from "next";
import "./globals.css";
import SiteHeader from "@/components/layout/site-header";

// No next/font/google: it downloads fonts at build time, and this machine is offline.
export const metadata: Metadata = {
  title: "Factmark",
  description: "Fact-checked articles: every checked claim highlighted, with its verdict and evidence.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <SiteHeader />
        <div id="main">{children}</div>
      </body>
    </html>
  );
}
