/**
 * {@code eddyctl}, Eddy's command-line client: etcdctl v3 (3.4)'s commands, flags, messages and
 * output formats on top of the reactive client ({@code io.eddy.client}, public API only).
 *
 * <p>{@link io.eddy.cli.EddyCtl} is the entry point ({@code main}, or {@code execute} in-process
 * with a {@link io.eddy.cli.Context}); one class per command: {@code GetCommand},
 * {@code PutCommand}, {@code DelCommand}, {@code TxnCommand} (with {@code TxnReader} for
 * etcdctl's txn syntax), {@code WatchCommand}, {@code CompactionCommand}, {@code MemberCommand}
 * and its {@code list/add/remove/promote} subcommands, {@code EndpointCommand} (status, health),
 * {@code MoveLeaderCommand}, {@code SnapshotCommand} (save). Every command extends
 * {@code CtlCommand}: global flags are resolved into a {@code Session} (endpoints: flag, then
 * {@code EDDY_ENDPOINTS}, then the three local ones; time-outs in Go's duration syntax,
 * {@link io.eddy.cli.Durations}; the printer of {@code -w}), the command's arguments are
 * checked before any connection, then the {@code Dialer} connects to the endpoints within the
 * dial timeout and requests are bounded by the command timeout.
 *
 * <p>Monos are blocked on at this edge only (the CLI's main thread is no event loop); a watch
 * is consumed on the calling thread one batch at a time. Failures are one line on stderr,
 * {@code Error: <message>} (a server error's message starts with its code, e.g.
 * {@code KEY_TOO_LARGE}), and exit codes are {@link io.eddy.cli.ExitCodes}: 1 when the command
 * failed, 2 when what was typed is wrong (nothing sent). Output formats are in
 * {@link io.eddy.cli.output}. The user's guide, with the differences from etcdctl, is
 * {@code docs/eddyctl.md}.
 */
package io.eddy.cli;
