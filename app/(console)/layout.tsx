import { Suspense } from "react";
import { ConsoleNav } from "@/components/console-nav";
import { GuideSearch } from "@/components/guide-search";
import { HashFocus } from "@/components/hash-focus";
import { Checklist } from "@/components/checklist";
import { PANEL_PATHS, panelsFor, requireConsolePage } from "@/lib/auth/session";
import { getChecklist } from "@/lib/server/checklist";
import { getYearChecklist } from "@/lib/server/school-year/year-checklist";
import { YearChecklist } from "@/components/year-checklist";
import { productInfo } from "@/lib/products";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { accountId, role } = await requireConsolePage();
  const panels = panelsFor(role).map((p) => PANEL_PATHS[p]);
  const [{ product, establishment, items, next }, yearly] = await Promise.all([getChecklist(accountId), getYearChecklist(accountId)]);
  return (
    <>
      <header className="bg-brand text-white">
        <div className="mx-auto flex max-w-[90rem] flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-bold">
            Console d&apos;hébergement {productInfo(product).displayName}
            <span className="ml-2 font-normal">— {establishment}</span>
          </p>
          <ConsoleNav panels={panels} />
          <Suspense>
            <GuideSearch panels={panels} />
          </Suspense>
        </div>
      </header>
      <Suspense>
        <HashFocus />
      </Suspense>
      <div className="mx-auto grid max-w-[90rem] gap-6 px-4 py-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <main id="contenu" className="min-w-0">
          {children}
        </main>
        <div className="space-y-6">
          {yearly && <YearChecklist {...yearly} />}
          <Checklist items={items} next={next} panels={panels} />
        </div>
      </div>
    </>
  );
}
