/**
 * Option markets in the engine (docs/options.md "Option markets in the sequencer"): the listing
 * rule and the marks from the pricing model. Orders, matching and positions are every market's; the
 * premium and the expiry settlement are in the core's ledger and the engine's market
 * administration.
 */
package dev.sable.sequencer.optionmarket;
