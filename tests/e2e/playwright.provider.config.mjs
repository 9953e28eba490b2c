// The whole flow once more, against a second provider's configuration
// (examples/fediverse-hosting-at.toml): `cargo xtask test` starts a server with that file and
// names it in ONRAMP_BASE_URL. Only provider.flow.mjs and payments.provider.mjs (with the test
// payment page as the provider's checkout) run here; the rest of the suite runs once,
// against the reference provider (playwright.config.mjs).
import base from './playwright.config.mjs';

export default { ...base, testMatch: /(provider\.flow|payments\.provider)\.mjs/, outputDir: '../../target/e2e-provider-results' };
