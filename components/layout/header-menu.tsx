"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

/**
 * The signed-in header's links (issue 17): in a row on wide screens; on a phone, behind a "Menu"
 * button. Until the page is hydrated the links simply wrap (no control is ever off-screen), so a
 * phone without JavaScript still reaches every link.
 */
export default function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [ready, setReady] = useState(false);
  const pathname = usePathname();
  // eslint-disable-next-line react-hooks/set-state-in-effect -- marks hydration: only then does the button work
  useEffect(() => setReady(true), []);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a followed link closes the menu
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav
      aria-label="Account"
      className={`account${ready ? " menu-ready" : ""}${open ? " menu-open" : ""}`}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpen(false);
          (e.currentTarget.querySelector(".menu-toggle") as HTMLButtonElement | null)?.focus();
        }
      }}
    >
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="account-menu-items" onClick={() => setOpen((o) => !o)}>
        Menu
      </button>
      <div id="account-menu-items" className="account-items">
        {children}
      </div>
    </nav>
  );
}
