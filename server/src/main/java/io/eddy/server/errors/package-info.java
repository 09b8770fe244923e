/**
 * The server's one exception for failures a client is told about: an
 * {@link io.eddy.protocol.ErrorCode} from the protocol's catalogue plus its details. The
 * RSocket layer turns it into an application error; the state machine turns it into an
 * error result in the Raft log's {@link io.eddy.protocol.CommandResult}.
 */
package io.eddy.server.errors;
