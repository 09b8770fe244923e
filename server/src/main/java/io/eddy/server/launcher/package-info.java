/**
 * The node launcher, {@code eddy-server} ({@code java -jar server/target/eddy-server.jar}, or
 * {@code ./eddy node}): turns flags, environment variables and a config file into
 * {@link io.eddy.server.config.Settings}, starts one {@link io.eddy.server.node.EddyNode} and
 * runs it until SIGINT or SIGTERM.
 *
 * <h2>Settings</h2>
 * Every setting of {@link io.eddy.server.config.EddySettings#all()} can be given as
 * <ul>
 *   <li>a flag {@code --<name> value} or {@code --<name>=value}
 *       (e.g. {@code --initial-cluster n1=127.0.0.1:7380,n2=127.0.0.1:7480});</li>
 *   <li>an environment variable {@code EDDY_<NAME>}: the name upper-cased, with {@code '.'}
 *       and {@code '-'} turned into {@code '_'} (e.g. {@code EDDY_RAFT_ELECTION_TIMEOUT_MIN});</li>
 *   <li>a key of the config file named by {@code --config-file path} (or
 *       {@code EDDY_CONFIG_FILE}), in {@link java.util.Properties} syntax, which accepts
 *       {@code key=value}, {@code key: value} and {@code #} comments. Keys are the setting
 *       names; relative paths in values are relative to the working directory.</li>
 * </ul>
 * Precedence: flag, then environment, then file, then the setting's default. The generated
 * {@code --help} lists every setting with its default, unit, description and variable.
 *
 * <h2>Exit codes</h2>
 * <ul>
 *   <li>0: {@code --help} or {@code --version};</li>
 *   <li>1: the member could not start (address in use, data directory unusable or locked by
 *       another member, Ratis or Xodus failing to open it);</li>
 *   <li>2: bad usage: an unknown flag, an unknown config-file key, a value that does not
 *       parse, or settings {@link io.eddy.server.node.NodeConfig} rejects.</li>
 * </ul>
 * After SIGINT or SIGTERM the member is stopped by a shutdown hook and the JVM exits as
 * signalled processes do (130, 143). Exit codes 1 and 2 come with exactly one line on
 * stderr, {@code eddy-server: <message>}, and never a stack trace. An unknown
 * {@code EDDY_*} variable is only warned about: the environment is shared with other
 * programs.
 *
 * <h2>Restore</h2>
 * {@code eddy-server restore --snapshot FILE --name N --data-dir D --initial-cluster ...
 * --initial-cluster-token T} ({@code ./eddy restore}; {@link io.eddy.server.launcher.RestoreCommand})
 * makes, offline, the data directory of a member of a new cluster from a snapshot file, then
 * exits: 0 restored, 1 the restore failed (corrupt, truncated or unreadable file; data
 * directory not empty or in use), 2 bad usage. It takes flags only, with the defaults and
 * checks of the settings of the same names; see {@code docs/operations.md}.
 *
 * <h2>Data directory</h2>
 * The launcher holds an OS lock on {@code <data-dir>/eddy.lock} while the member runs, so a
 * second member on the same directory fails at once with a one-line error. A directory
 * holding another cluster's Raft storage (another {@code initial-cluster-token}) and not this
 * one's is refused too: the member would found an empty cluster beside that data.
 *
 * <h2>Logging</h2>
 * SLF4J over Logback with {@code src/main/resources/logback.xml} (packed into the runnable
 * jar only, not the library jar): one line per event on stdout (time, level, logger,
 * message); Eddy at INFO, Ratis and Xodus at WARN, except Ratis' role and leader changes
 * (elected, became follower), which {@link io.eddy.server.launcher.RaftRoleFilter} picks out
 * of Ratis' per-member logger. java.util.logging (gRPC inside Ratis) is routed to SLF4J.
 */
package io.eddy.server.launcher;
