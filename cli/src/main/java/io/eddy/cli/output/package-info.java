/**
 * eddyctl's output formats, one {@link io.eddy.cli.output.Printer} each, matching etcdctl 3.4's:
 * {@code simple} ({@link io.eddy.cli.output.SimplePrinter}: byte for byte the same lines for the
 * same data; keys and values written raw, or as {@code \x..} with {@code --hex}), {@code json}
 * ({@link io.eddy.cli.output.JsonPrinter}: etcdctl's JSON shape, field names and order, zero
 * fields left out, keys and values in base64, ids as unsigned decimals) and {@code table}
 * ({@link io.eddy.cli.output.TablePrinter}: etcdctl's ASCII tables, for member list and endpoint
 * status/health only). {@link io.eddy.cli.output.Rows} holds the rows shared by simple and table.
 */
package io.eddy.cli.output;
