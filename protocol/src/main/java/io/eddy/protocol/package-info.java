/**
 * Eddy's wire protocol: the protobuf messages generated from {@code src/main/protobuf/eddy}
 * (key-value requests and responses, cluster membership and maintenance messages, the Raft
 * log command envelope, the error catalogue)
 * and the RSocket route names in {@link io.eddy.protocol.Routes}.
 *
 * <p>This module holds no logic: it is what a client in another language needs to read to
 * speak to an Eddy member.
 */
package io.eddy.protocol;
