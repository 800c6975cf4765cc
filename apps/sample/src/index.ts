export { DEMO_PROJECT, type DemoOptions, type RunningDemo, startDemo } from "./demo";
export { findPlan, formatPrice, PLANS, type Plan } from "./shop/catalog";
export { createShopApp, type ShopOptions } from "./shop/createShopApp";
export {
  FEATURED_VARIATION,
  layoutFor,
  PRICING_EXPERIMENT,
  type PricingLayout,
  PURCHASE_GOAL,
  SIGNUP_GOAL,
} from "./shop/experiment";
export { escapeHtml, html, jsonForScript, SafeHtml } from "./shop/html";
export { type RunningShop, type StartShopOptions, startShop } from "./shop/startShop";
