/** A plan the shop sells. Prices live here, on the server: a form never says what to charge. */
export interface Plan {
  /** Form value and URL-safe id. */
  readonly id: "starter" | "pro";
  readonly name: string;
  /** Monthly price in US dollars: the revenue recorded with `PurchaseCompleted`. */
  readonly price: number;
  readonly tagline: string;
  readonly features: readonly string[];
}

/** The shop's plans, cheapest first. */
export const PLANS: readonly Plan[] = [
  {
    id: "starter",
    name: "Starter",
    price: 19,
    tagline: "For a first project",
    features: ["1 project", "10,000 visitors a month", "Email support"],
  },
  {
    id: "pro",
    name: "Pro",
    price: 49,
    tagline: "For growing teams",
    features: ["Unlimited projects", "250,000 visitors a month", "Priority support", "Audiences"],
  },
];

/** The plan with this id, or `undefined` for anything else (including non-strings). */
export function findPlan(id: unknown): Plan | undefined {
  return PLANS.find((plan) => plan.id === id);
}

/** `$49` — whole dollars, as shown on the pricing page. */
export function formatPrice(price: number): string {
  return `$${price.toLocaleString("en-US")}`;
}
