export { launchChromium } from "./browser/launchChromium";
